"""`make bench`: the app measured against floors measured in the same run, on SQLite and (when
reachable) PostgreSQL, at 1,000, 10,000 and 100,000 activities (`--quick` stops at 10,000).

For each database: a fresh database grows with `workplan generate-data` to each size in turn;
at each size the pages are served by gunicorn (2 workers, the production server) with the floor
views of bench_urls.py, and loaded over loopback by bench/http_client.py, signed in as a focal
point. Query counts are taken in this process with Django's test client on the same session.
Each database writes its results to a JSON file; `--combine` turns them into bench/RESULTS.md
(bench/report.py).
"""

import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from http_client import Client, load, median_ms  # noqa: E402
from report import machine, write_results  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
PACK_ACTIVITIES = 300
LOAD_SIZE = 10_000
LOAD_SECONDS = 15
USER, PASSWORD = "bench-focal-point", "bench-password-1"
SECRETARIAT = "bench-asec"
SLOW_PAGES = {"Plan page", "Dashboard", "Plan page (Secretariat)", "Dashboard (Secretariat)"}
# Pages measured signed in as the Secretariat, who sees every activity; the rest as a focal point.
AS_SECRETARIAT = {"Plan page (Secretariat)", "Dashboard (Secretariat)"}
RUNS, SLOW_RUNS = 15, 5


def setup_django(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["WORKPLAN_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def bench_user():
    """The focal point the pages are measured as, and the Secretariat's officer (made by the
    generator) given the same password."""
    from workplan.accounts.models import User
    from workplan.parties.models import Party

    user, _ = User.objects.get_or_create(
        username=USER,
        defaults={"role": User.Role.FOCAL_POINT, "party": Party.objects.get(code="IDN")},
    )
    for person in (user, User.objects.get(username=SECRETARIAT)):
        person.set_password(PASSWORD)
        person.save()
    return user


# The server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(database_url: str, data_dir: str, workers: int = 2):
    """gunicorn serving bench_settings (the site plus the floors) until the block ends."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "WORKPLAN_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
    }
    command = [sys.executable, "-m", "gunicorn", "workplan.wsgi", "--pythonpath", str(BENCH)]
    command += [
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "600",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=environment)  # noqa: S603
    try:
        _wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Client(port).get("/bench/floor/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {seconds} s.")


# What is measured at each size


def pages(plan, meeting) -> dict[str, str]:
    return {
        "Framework floor (fixed text)": "/bench/floor/",
        "Plan page": f"/plans/{plan.pk}/",
        "Plan page (Secretariat)": f"/plans/{plan.pk}/",
        "Activity list (50 rows)": f"/plans/{plan.pk}/activities/",
        "Dashboard": f"/plans/{plan.pk}/dashboard/",
        "Dashboard (Secretariat)": f"/plans/{plan.pk}/dashboard/",
        "Meeting page": f"/meetings/{meeting.pk}/",
        "Meeting list": "/meetings/",
        "API: plan's activities": f"/api/plans/{plan.pk}/activities/",
        "API floor: same rows, .values() + json.dumps": f"/bench/floor/api/{plan.pk}/",
        "API: progress updates": "/api/updates/",
        "API: meetings": "/api/meetings/",
        "API: action items": "/api/action-items/",
        "API: change history": "/api/changes/",
        'Search, every kind ("progress": most updates and action items)': "/search/?q=progress",
        'Search, two words ("maritime patrol")': "/search/?q=maritime+patrol",
        "Search, one kind, page 2": "/search/?q=progress&kind=update&page=2",
    }


def measure_size(clients: dict, plan) -> dict:
    from workplan.meetings.models import Meeting

    meeting = Meeting.objects.filter(plan=plan).order_by("-start_date", "-pk").first()
    measured = {}
    for name, path in pages(plan, meeting).items():
        client = clients[SECRETARIAT if name in AS_SECRETARIAT else USER]
        runs = SLOW_RUNS if name in SLOW_PAGES else RUNS
        measured[name] = {
            "path": path,
            "ms": median_ms(client, path, runs),
            "queries": query_count(client, path),
        }
    client = clients[USER]
    measured["Dashboard"]["floor_ms"] = dashboard_sql_ms(client, f"/plans/{plan.pk}/dashboard/")
    return measured


def in_process(client: Client):
    """Django's test client on the HTTP client's session: same user, same session."""
    from django.test import Client as TestClient

    test_client = TestClient(HTTP_HOST="127.0.0.1")
    for name, value in client.cookies.items():
        test_client.cookies[name] = value
    return test_client


def query_count(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    test_client = in_process(client)
    test_client.get(path)  # fills this process's caches (content types), as a server's would be
    with CaptureQueriesContext(connection) as queries:
        response = test_client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered HTTP {response.status_code} in process.")
    return len(queries)


def dashboard_sql_ms(client: Client, path: str, runs: int = SLOW_RUNS) -> float:
    """The dashboard's own SELECTs, replayed raw with their parameters: its database floor."""
    from django.db import connection

    statements = []

    def keep(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        in_process(client).get(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def load_section(client: Client, path: str) -> list[dict]:
    """Throughput of `path` from 1, then 8, connections; every connection its own signed-in
    user session, as if eight officials used the site at once."""
    results = []
    for connections in (1, 8):
        outcome = load(client, path, connections, LOAD_SECONDS, sign_in=(USER, PASSWORD))
        results.append(
            {
                "path": path,
                "connections": connections,
                "seconds": outcome.seconds,
                "completed": outcome.completed,
                "errors": outcome.errors,
                "per_second": outcome.per_second,
            }
        )
    return results


def explain_section(plan) -> list[dict]:
    """PostgreSQL's plan of the activity list's count and page for each filter, for the
    Secretariat (sees every row) and for the focal point (its access rule adds conditions)."""
    from register_filters import explain_activity_filters

    from workplan.accounts.models import User

    explained = []
    for user in User.objects.filter(username__in=["bench-asec", USER]).order_by("role"):
        for name, text, uses_index in explain_activity_filters(plan, user):
            entry = {"user": user.get_role_display(), "filter": name}
            explained.append({**entry, "plan": text, "uses_index": uses_index})
    return explained


# Sections measured once, in process


def pack_section() -> list[dict]:
    """The meeting report of the latest meeting held, for a plan of 300 activities with two
    years and more of dated history, in both formats, against python-docx writing the same
    tables from text already gathered."""
    from import_bench import median_seconds

    from workplan.accounts.models import User
    from workplan.meetings import pack
    from workplan.meetings.models import Meeting

    user = User.objects.get(username="bench-asec")
    held = Meeting.objects.filter(plan__isnull=False, start_date__lte=datetime.date.today())
    meeting = held.order_by("-start_date").first()
    content = pack.build(meeting, user)
    floor = median_seconds(lambda: docx_floor(content), 3)
    label = f"Meeting report, {PACK_ACTIVITIES} activities, {meeting.start_date:%b %Y}"
    return [
        row(f"{label} (.docx): gather + write",
            median_seconds(lambda: pack.render_docx(pack.build(meeting, user)), 3), floor, 3),
        row(f"{label} (.pdf): gather + write",
            median_seconds(lambda: pack.render_pdf(pack.build(meeting, user)), 3), floor, 3),
        row(f"{label}: gather only", median_seconds(lambda: pack.build(meeting, user), 3),
            None, None),
    ]  # fmt: skip


def docx_floor(content) -> bytes:
    """python-docx alone writing the report's tables, from rows already turned into text."""
    import io

    from docx import Document

    document = Document()
    for rows in floor_tables(content):
        table = document.add_table(rows=1, cols=len(rows[0]) if rows else 1)
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def floor_tables(content) -> list[list[list[str]]]:
    """The report's tables as text: the same rows as its sections."""
    board = content.compliance
    return [
        [[label, str(value)] for label, value in content.figures],
        [[a.code, a.title, a.lead_party.code, str(a.health), str(a.planned_end)]
         for a in content.top_risks],
        [[a.name, str(p), str(c)] for a, p, c in content.areas],
        [[party.name, *[f"{c.sent} of {c.expected}" for c in cells]]
         for party, cells in (board.rows if board else [])],
        [[a.code, a.title, a.lead_party.code, str(a.health), f"{a.progress}%", "; ".join(c)]
         for a, c in content.activities],
        [[a.code, a.title, a.lead_party.code, str(a.actual_end), ""] for a in content.completed],
        [[r.activity.code, r.indicator.name, str(r.indicator.baseline), str(r.indicator.target),
          str(r.latest), r.change] for r in content.indicators],
        [[a.text, "", str(a.due_on), a.status, str(a.agenda_item.meeting), n]
         for a, _late, n in content.actions],
        [[str(d.agenda_item.meeting), d.text, ""] for d, _f in content.decisions],
        [[a.kind, a.description, a.status] for a in content.amendments],
        [[f.source, str(f.activities), str(f.completed), str(f.budget)] for f in content.funding],
    ]  # fmt: skip


def exchange_section(rows: int) -> list[dict]:
    import import_bench as bench

    measured = [
        row(
            f"Excel export of {rows:,} activities",
            bench.bench_export(rows),
            bench.bench_export_floor(rows),
            2,
        ),
        row(
            f"Import of {rows:,} rows (check and write)",
            bench.bench_import(rows),
            bench.bench_import_floor(rows),
            3,
        ),
    ]
    import workbook_bench

    measured.append(
        row(
            "Reporting workbook of 500 rows: read and preview",
            workbook_bench.bench_workbook_preview(500),
            workbook_bench.bench_workbook_floor(500),
            3,
        )
    )
    if hasattr(bench, "bench_import_memory"):
        for size in (2_000, rows, 2 * rows):
            peak = bench.bench_import_memory(size) / 2**20
            measured.append(row(f"Import of {size:,} rows: peak memory (MiB)", peak, None, None))
    return measured


def statement_section() -> list[dict]:
    from statement_bench import bench_read_statement

    return [row("Read a two-page statement", bench_read_statement(), None, None)]


def row(what: str, measured: float, floor: float | None, limit: float | None) -> dict:
    return {"what": what, "measured": measured, "floor": floor, "limit": limit}


# One database


def run_database(database: str, url: str, sizes: tuple[int, ...]) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(url, data_dir)
        from workplan.exchange.generate import generate

        generate(PACK_ACTIVITIES, seed=7, dated_history=True)
        results = {"database": database, "sizes": {}, "sections": pack_section()}
        results.update(machine=machine(), version=database_version(), load_size=load_size(sizes))
        results["sections"] += statement_section()
        with served(url, data_dir) as port:
            grow_and_measure(results, port, sizes)
    return results


def load_size(sizes) -> int:
    """The size the load test and the exchange run at: 10,000, or the nearest measured."""
    return min(sizes, key=lambda size: abs(size - LOAD_SIZE))


def database_version() -> str:
    import sqlite3

    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def grow_and_measure(results: dict, port: int, sizes: tuple[int, ...]) -> None:
    from django.db import connection

    bench_user()
    clients = {username: Client(port) for username in (USER, SECRETARIAT)}
    for username, client in clients.items():
        client.sign_in(username, PASSWORD)
    client = clients[USER]
    for size in sizes:
        plan = generate_up_to(size)  # ends with ANALYZE
        if connection.vendor == "postgresql":
            vacuum()
        print(f"== {results['database']}: measuring at {size:,} activities", file=sys.stderr)
        results["sizes"][str(size)] = measure_size(clients, plan)
        if size == load_size(sizes):
            results["load"] = load_section(client, f"/plans/{plan.pk}/activities/")
            results["sections"] += exchange_section(size)
    if connection.vendor == "postgresql":
        results["explain"] = explain_section(plan)
        results["explain_size"] = sizes[-1]


def vacuum() -> None:
    """What autovacuum does after a bulk insert: without it no index-only scan pays off, since
    every row's visibility would still be read from the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def generate_up_to(size: int):
    from workplan.exchange.default_plan import load_default_plan
    from workplan.exchange.generate import generate
    from workplan.plans.models import Activity
    from workplan.search.index import reindex

    plan, _ = load_default_plan()
    missing = size - Activity.objects.filter(plan=plan).count()
    if missing > 0:
        started = time.perf_counter()
        generate(missing, seed=size)
        print(f"generated {missing:,} activities in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        reindex()  # the generator writes in bulk, past the write path that keeps the index
        print(f"rebuilt the search index in {time.perf_counter() - started:.0f} s")
    return plan


def fresh_postgres(url: str) -> None:
    """Drops and creates the benchmark database, so every run starts empty."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def partial(database: str) -> Path:
    return Path(tempfile.gettempdir()) / f"workplan-bench-{database}.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"])
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 activities")
    parser.add_argument("--sizes", type=int, nargs="+", help="other sizes, for trying it out")
    parser.add_argument("--combine", action="store_true", help="write RESULTS.md from the runs")
    args = parser.parse_args()
    if args.combine:
        write_results([partial(db) for db in ("sqlite", "postgres") if partial(db).exists()])
        return
    sizes = tuple(args.sizes or (SIZES[:2] if args.quick else SIZES))
    if args.database == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        url = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/workplan_bench"
        )
        fresh_postgres(url)
    results = run_database(args.database, url, sizes)
    partial(args.database).write_text(json.dumps(results, indent=1))
    print(f"wrote {partial(args.database)}", file=sys.stderr)


if __name__ == "__main__":
    main()
