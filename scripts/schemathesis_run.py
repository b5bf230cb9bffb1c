#!/usr/bin/env python3
"""The long API fuzzing run: `make fuzz-api` (or `.venv/bin/python scripts/schemathesis_run.py`).

Serves a fresh copy of the demo (the default plan, the sample activities and the demo accounts,
in a throwaway SQLite database unless `--database-url` names another) with gunicorn on a free
loopback port, gives each role a personal API token (`asec` the Secretariat, with two-step
sign-in set up as its role requires; `vnm` a focal point; `viewer`), and runs schemathesis
against the app's own OpenAPI description with each token until it has made at least
`--requests` requests (10,000 by default) per role, one seed after another.

Every check runs but `positive_data_acceptance`: a schema-valid request may still break a rule
(accepting an update twice, an end before the start). Two refusals count as refusals although
schemathesis does not expect them by default: 428 for an edit without If-Match (RFC 6585), and
412 for an edit with an If-Match of another version, which is answered before the body is read
(RFC 9110 §13.2.1).

Prints, per role: requests (counted in gunicorn's access log), 5xx answers, server errors and
schema violations found by schemathesis (ST101-ST102 and ST103-ST110), and any other finding by
code. Exits 1 when there is a server error or a schema violation. Takes about 15 minutes on a
quiet 2-core machine (two runs of ~6,800 requests a role); `--requests 1000` for a quick look.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROLES = {"asec": "secretariat", "vnm": "focal point", "viewer": "viewer"}
EXCLUDED_CHECKS = "positive_data_acceptance"
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428",
                     "429", "5xx"]

[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]
"""
ANSWER = re.compile(r"(\d{3}) ([A-Z]+) (/api/.*)")
SERVER_ERRORS = {"ST101", "ST102"}
SCHEMA_VIOLATIONS = {f"ST1{n:02d}" for n in range(3, 11)}


def main() -> int:
    options = arguments()
    if options.reports:
        options.reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="workplan-fuzz-") as scratch:
        data = Path(scratch)
        environment = settings_environment(data, options.database_url)
        prepare(environment)
        keys = tokens(environment)
        logs = options.reports or data  # the server's access log and its own log too
        with served(environment, logs) as (base, log):
            results = [
                fuzz_role(role, keys[role], base, log, data, options) for role in options.roles
            ]
    print_table(results)
    failed = any(r["server_errors"] or r["schema_violations"] or r["5xx"] for r in results)
    return 1 if failed else 0


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="at least this many a role")
    parser.add_argument("--max-examples", type=int, default=40, help="per operation and run")
    parser.add_argument("--seed", type=int, default=1, help="of the first run; then +1 a run")
    parser.add_argument("--roles", nargs="+", default=list(ROLES), choices=list(ROLES))
    parser.add_argument("--database-url", help="default: a new SQLite file, removed at the end")
    parser.add_argument("--reports", type=Path, help="keep each run's report and output here")
    return parser.parse_args()


# The app, its data and its tokens


def settings_environment(data: Path, database_url: str | None) -> dict:
    return {
        **os.environ,
        "WORKPLAN_DATA_DIR": str(data),
        "DATABASE_URL": database_url or f"sqlite:///{data / 'fuzz.sqlite3'}",
        "WORKPLAN_DEBUG": "false",
        "WORKPLAN_PRODUCTION": "false",
        "DJANGO_SETTINGS_MODULE": "workplan.settings",
    }


def prepare(environment: dict) -> None:
    for command in (["migrate", "--noinput"], ["load-plan"], ["load-sample"]):
        run([str(BIN / "workplan"), *command], environment)


TOKENS = """
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
from workplan.accounts.actions import create_token
from workplan.accounts.models import User
keys = {}
for name in NAMES:
    user = User.objects.get(username=name)
    if user.role == User.Role.SECRETARIAT:  # its role must use two-step sign-in
        TOTPDevice.objects.get_or_create(user=user, name="Authenticator app", confirmed=True)
    keys[name] = create_token(user, "schemathesis run", actor=user)[1]
print(json.dumps(keys))
"""


def tokens(environment: dict) -> dict[str, str]:
    code = TOKENS.replace("NAMES", repr(list(ROLES)))
    output = run([str(BIN / "workplan"), "shell", "-c", code], environment)
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def served(environment: dict, logs: Path):
    port = free_port()
    access_log = logs / "access.log"
    command = [sys.executable, "-m", "gunicorn", "workplan.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--timeout", "120", "--log-level", "warning"]
    command += ["--access-logfile", str(access_log), "--access-logformat", "%(s)s %(m)s %(U)s"]
    with (logs / "server.log").open("w") as server_log:
        server = subprocess.Popen(  # noqa: S603  (the app's own warnings, e.g. each 401, go here)
            command, env=environment, cwd=ROOT, stdout=server_log, stderr=subprocess.STDOUT
        )
    try:
        wait_for(f"http://127.0.0.1:{port}/accounts/login/")
        yield f"http://127.0.0.1:{port}", access_log
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310  (loopback only)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url} within {seconds} s.")


# The runs


def fuzz_role(role: str, key: str, base: str, log: Path, data: Path, options) -> dict:
    result = {"role": role, "requests": 0, "5xx": 0, "runs": 0, "findings": {}}
    seed = options.seed
    while result["requests"] < options.requests:
        before = lines(log)
        report = (options.reports or data) / f"{role}-{seed}.json"
        found = schemathesis(key, base, report, seed, options.max_examples)
        answers = [ANSWER.fullmatch(line) for line in lines(log)[len(before) :]]
        api = [a for a in answers if a and a[3] != "/api/schema/"]
        result["requests"] += len(api)
        result["5xx"] += sum(1 for answer in api if answer[1].startswith("5"))
        for code, count in found.items():
            result["findings"][code] = result["findings"].get(code, 0) + count
        result["runs"] += 1
        seed += 1
        print(f"{role}: {result['requests']} requests after {result['runs']} run(s)", flush=True)
    codes = result["findings"]
    result["server_errors"] = sum(n for code, n in codes.items() if code in SERVER_ERRORS)
    result["schema_violations"] = sum(n for code, n in codes.items() if code in SCHEMA_VIOLATIONS)
    return result


def schemathesis(key: str, base: str, report: Path, seed: int, examples: int) -> dict[str, int]:
    """One run; what it found, by code. A run that ends without its report (killed) says so and
    counts as a finding, so the table never reads clean by accident."""
    config = report.with_suffix(".toml")
    config.write_text(CONFIG)
    command = [str(BIN / "schemathesis"), "--no-color", "--config-file", str(config)]
    command += ["run", f"{base}/api/schema/?format=json"]
    command += ["--url", base, "-H", f"Authorization: Bearer {key}"]
    command += ["--checks", "all", "--exclude-checks", EXCLUDED_CHECKS]
    command += ["--max-examples", str(examples), "--seed", str(seed), "--workers", "2"]
    command += ["--report", "json", "--report-json-path", str(report)]
    # Failures make the exit code non-zero; they are read from the report instead.
    finished = subprocess.run(command, cwd=report.parent, capture_output=True, text=True)  # noqa: S603
    report.with_suffix(".txt").write_text(finished.stdout + finished.stderr)
    try:
        failures = json.loads(report.read_text())["failures"]
    except (OSError, ValueError, KeyError):
        print(f"schemathesis ended without a report ({finished.returncode}):", file=sys.stderr)
        print((finished.stdout + finished.stderr)[-3000:], file=sys.stderr)
        return {"run ended without a report": 1}
    if failures:  # what it found, as schemathesis words it
        print(finished.stdout.partition("FAILURES")[2][:6000], file=sys.stderr)
    found: dict[str, int] = {}
    for failure in failures:
        found[failure["code"]] = found.get(failure["code"], 0) + failure["count"]
    return found


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def run(command: list[str], environment: dict) -> str:
    finished = subprocess.run(  # noqa: S603
        command, env=environment, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed:\n{finished.stderr[-2000:]}")
    return finished.stdout


def print_table(results: list[dict]) -> None:
    print("\n| role | requests | 5xx | server errors | schema violations | other findings |")
    print("|---|---:|---:|---:|---:|---|")
    counted = SERVER_ERRORS | SCHEMA_VIOLATIONS
    for r in results:
        other = {code: n for code, n in r["findings"].items() if code not in counted}
        named = ", ".join(f"{code}: {n}" for code, n in sorted(other.items())) or "none"
        print(
            f"| {r['role']} ({ROLES[r['role']]}) | {r['requests']:,} | {r['5xx']} "
            f"| {r['server_errors']} | {r['schema_violations']} | {named} |"
        )


if __name__ == "__main__":
    sys.exit(main())
