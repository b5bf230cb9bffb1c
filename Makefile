# The one place that knows how to do things. `make run` and `make test` are the README's two commands.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/workplan
PYTEST := $(BIN)/pytest -q
export WORKPLAN_DEBUG ?= false

# The compiled catalogues (*.mo) are made here from the *.po files kept in the repository.
MESSAGES := $(VENV)/.messages

.PHONY: messages install run test lint format check audit test-sqlite test-postgres test-browser browser java tools check-html bench load-test fuzz-api

$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	uv sync --frozen
	@touch $@

$(MESSAGES): $(VENV)/.synced $(wildcard src/workplan/*/locale/*/LC_MESSAGES/django.po)
	@command -v msgfmt >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q gettext >/dev/null; \
		else echo "gettext is missing: run 'sudo apt-get install -y gettext'"; exit 1; fi; }
	cd src/workplan && WORKPLAN_DATA_DIR=$(CURDIR)/data ../../$(BIN)/workplan compilemessages --verbosity 0
	@touch $@

install: $(VENV)/.synced $(MESSAGES)

# After changing a text on a page or in a message: refresh each app's catalogues (ja, id), then
# translate what is new in them (the tests fail while a text is untranslated).
messages: $(VENV)/.synced
	@for app in src/workplan/*/; do \
		if [ -d "$$app/locale" ]; then (cd "$$app" && WORKPLAN_DATA_DIR=$(CURDIR)/data ../../../$(BIN)/workplan makemessages \
			-l ja -l id --no-location --no-obsolete --ignore 'tests/*' --verbosity 0) || exit 1; fi; \
	done

run: install
	$(BIN)/workplan migrate --noinput
	$(BIN)/workplan load-plan
	$(BIN)/workplan load-sample
	PORT=$(PORT) $(BIN)/workplan serve

test: lint check audit test-sqlite test-postgres test-browser check-html

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/workplan check --fail-level WARNING
	$(BIN)/workplan makemigrations --check --dry-run

# Known vulnerabilities of the locked packages (high or critical fail); says so when skipped.
audit: install
	$(BIN)/python scripts/audit.py

test-sqlite: install
	@echo "== tests on SQLite =="
	DATABASE_URL=sqlite:///:memory: $(PYTEST) -m "not browser and not html"

# PostgreSQL from DATABASE_URL when it names one, else the local server; skipped, visibly, when
# none answers.
test-postgres: install
	@url="$${DATABASE_URL:-$(POSTGRES_URL)}"; case "$$url" in postgres*) ;; *) url="$(POSTGRES_URL)";; esac; \
	if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1].rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "== tests on PostgreSQL ($$url) =="; DATABASE_URL="$$url" $(PYTEST) -m "not browser and not html"; \
	else echo "== PostgreSQL not reachable at $$url: PostgreSQL tests SKIPPED =="; fi

browser:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null; \
		else echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; fi; }

# The checkers the tests run, pinned in tools/package-lock.json: axe-core (injected into each
# page by the browser tests) and vnu-jar (the Nu HTML Checker). npm's registry only.
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q npm >/dev/null; \
		else echo "npm is missing: run 'sudo apt-get install -y npm'"; exit 1; fi; }
	npm ci --prefix tools --no-audit --no-fund --ignore-scripts
	@touch $@

tools: tools/node_modules/.installed

java:
	@command -v java >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q default-jre-headless >/dev/null; \
		else echo "Java is missing: run 'sudo apt-get install -y default-jre-headless'"; exit 1; fi; }

# The Nu HTML Checker on every page type as each role sees it (about 20 s).
check-html: install tools java
	@echo "== HTML validity (Nu HTML Checker) =="
	DATABASE_URL=sqlite:///:memory: $(PYTEST) -m html

test-browser: install browser tools
	@echo "== browser tests (Chromium) =="
	DATABASE_URL=sqlite:///:memory: $(PYTEST) -m browser

# Pages, exports, import and pack against floors measured in the same run, at 1,000, 10,000 and
# 100,000 activities (`make bench QUICK=1` stops at 10,000); writes bench/RESULTS.md.
BENCH_FLAGS := $(if $(QUICK),--quick,)
bench: install
	rm -f $${TMPDIR:-/tmp}/workplan-bench-*.json
	$(BIN)/python bench/run.py --database sqlite $(BENCH_FLAGS)
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_URL)'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		BENCH_POSTGRES_URL=$${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/workplan_bench} $(BIN)/python bench/run.py --database postgres $(BENCH_FLAGS); \
	else echo "== PostgreSQL not reachable: benchmark on SQLite only =="; fi
	$(BIN)/python bench/run.py --combine

# 16 signed-in users at once on PostgreSQL, 4 gunicorn workers, 100,000 activities (SIZE=… to
# try another); writes bench/LOAD.md.
load-test: install
	$(BIN)/python bench/load_test.py --size $${SIZE:-100000}

# The long API fuzzing run (about 15 minutes): schemathesis against a served demo, at least
# 10,000 requests per role (REQUESTS=1000 for a quick look); fails on a server error or a
# schema violation.
fuzz-api: install
	$(BIN)/python scripts/schemathesis_run.py $(if $(REQUESTS),--requests $(REQUESTS),)
