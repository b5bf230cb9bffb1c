"""`make bench`: measures the app against floors measured in the same run, on SQLite and (when
reachable) PostgreSQL, and writes bench/RESULTS.md. Times are medians of several runs.

Each section builds its data with `workplan generate-data` in a fresh database.
"""

import argparse
import datetime
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
RESULTS = Path(__file__).parent / "RESULTS.md"


def median_seconds(work, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def setup_django(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["WORKPLAN_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workplan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def pack_section(activities: int = 300) -> list[tuple]:
    """The meeting pack for a plan of 300 activities against python-docx writing the same tables."""
    from workplan.accounts.models import User
    from workplan.exchange.generate import generate
    from workplan.meetings import pack
    from workplan.meetings.models import Meeting
    from workplan.meetings.pack_docx import write_docx

    generate(activities, seed=7)
    user = User.objects.get(username="bench-asec")
    meeting = Meeting.objects.filter(plan__isnull=False).order_by("-start_date").first()
    content = pack.build(meeting, user)
    whole = median_seconds(lambda: pack.render_docx(pack.build(meeting, user)), runs=3)
    floor = median_seconds(lambda: _docx_floor(content), runs=3)
    written = median_seconds(lambda: write_docx(content), runs=3)
    return [
        ("Meeting pack (.docx), 300 activities: gather + write", whole, floor),
        ("Meeting pack (.docx), 300 activities: write only", written, floor),
    ]


def _docx_floor(content) -> bytes:
    """python-docx alone writing the pack's tables, from rows already turned into text."""
    from docx import Document

    document = Document()
    rows = [
        [a.code, a.title, a.lead_party.code, str(a.health), f"{a.progress}%", ", ".join(c)]
        for a, c in content.activities
    ]
    for table_rows, width in (
        (rows, 6),
        ([[str(x) for x in (a.name, p)] for a, p, _ in content.areas], 2),
    ):
        table = document.add_table(rows=1, cols=width)
        for values in table_rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def statement_section() -> list[tuple]:
    try:
        from workplan.statements.bench import bench_read_statement
    except ImportError:
        return []
    return [("Read a two-page statement", bench_read_statement(), None)]


def exchange_section() -> list[tuple]:
    try:
        from workplan.exchange import bench
    except ImportError:
        return []
    return bench.sections() if hasattr(bench, "sections") else []


def run_database(label: str, url: str) -> list[tuple]:
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(url, data_dir)
        rows = pack_section()
        rows += statement_section()
        rows += exchange_section()
    return [(label, *row) for row in rows]


def write_results(rows: list[tuple]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {machine}.",
        f"Medians of {RUNS} runs (3 for the meeting pack). Ratio = measured ÷ floor.",
        "",
        "| database | what | seconds | floor (s) | ratio |",
        "|---|---|---:|---:|---:|",
    ]
    for database, what, seconds, floor in rows:
        ratio = f"{seconds / floor:.2f}" if floor else "—"
        floor_text = f"{floor:.4f}" if floor else "—"
        lines.append(f"| {database} | {what} | {seconds:.4f} | {floor_text} | {ratio} |")
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def fresh_postgres(url: str) -> None:
    """Drops and creates the benchmark database, so every run starts empty."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def partial(database: str) -> Path:
    return Path(tempfile.gettempdir()) / f"workplan-bench-{database}.tsv"


def combine() -> None:
    rows = []
    for database in ("sqlite", "postgres"):
        if partial(database).exists():
            for line in partial(database).read_text().splitlines():
                label, what, seconds, floor = line.split("\t")
                rows.append(
                    (label, what, float(seconds), float(floor) if floor != "None" else None)
                )
    write_results(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"])
    parser.add_argument("--combine", action="store_true", help="write RESULTS.md from the runs")
    args = parser.parse_args()
    if args.combine:
        combine()
        return
    if args.database == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        url = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/workplan_bench"
        )
        fresh_postgres(url)
    rows = run_database(args.database, url)
    partial(args.database).write_text("\n".join("\t".join(str(x) for x in row) for row in rows))
    print(f"wrote {partial(args.database)}", file=sys.stderr)


if __name__ == "__main__":
    main()
