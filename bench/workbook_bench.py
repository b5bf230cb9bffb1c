"""The reporting workbook (`exchange.updates_workbook`): reading a filled workbook of N rows
and previewing it (`updates_import.check_workbook`: every row typed in, checked against the
updates' rules) beside its floor, openpyxl reading the same file's cells (`make bench`, see
bench/run.py). Each function returns seconds, the median of `runs` runs.

Viet Nam's activities of H1 2024 are added in bulk (code prefix WBK-) when there are fewer
than N, each with one indicator, and left for the next run.
"""

import datetime
import tempfile
from pathlib import Path

from import_bench import median_seconds
from openpyxl import load_workbook

from workplan.accounts.models import User
from workplan.exchange import updates_workbook
from workplan.exchange.default_plan import load_default_plan
from workplan.exchange.updates_import import check_workbook
from workplan.exchange.updates_workbook import INPUTS, READ_ONLY, SHEET, Scope
from workplan.parties.models import Party
from workplan.plans.models import Activity, Indicator, WorkPlan

BENCH_USER = "bench-workbook"
PREFIX = "WBK-"


def bench_workbook_preview(rows: int = 500, runs: int = 3) -> float:
    """Reading and previewing a filled workbook of `rows` rows."""
    scope, user = _setup(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = _filled(Path(folder) / "workbook.xlsx", scope, user)
        return median_seconds(lambda: _must_preview(path, scope, user, rows), runs)


def bench_workbook_floor(rows: int = 500, runs: int = 3) -> float:
    """openpyxl reading every cell of the same workbook (read-only mode)."""
    scope, user = _setup(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = _filled(Path(folder) / "workbook.xlsx", scope, user)
        return median_seconds(lambda: _read_cells(path), runs)


def _must_preview(path, scope, user, rows: int) -> None:
    report = check_workbook(path, actor=user, scope=scope)
    if report.problems or report.counts["create"] != rows:
        raise RuntimeError(f"The benchmark workbook did not preview: {report.problems[:3]}")


def _read_cells(path) -> int:
    workbook = load_workbook(path, read_only=True)
    try:
        return sum(1 for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _filled(path: Path, scope: Scope, user) -> Path:
    """The workbook as downloaded, every row typed in with openpyxl."""
    lines = updates_workbook.lines(scope, user)
    updates_workbook.write_workbook(path, scope, lines, user=user, how_to_return="Upload it.")
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    first = len(READ_ONLY) + 1
    for number in range(2, len(lines) + 2):
        sheet.cell(number, first).value = f"Row {number}: the course was held."
        sheet.cell(number, first + 1).value = 50
        sheet.cell(number, first + 2).value = "Ongoing"
        sheet.cell(number, first + len(INPUTS) + 2).value = 12
    workbook.save(path)
    return path


def _setup(rows: int) -> tuple[Scope, User]:
    plan = WorkPlan.objects.order_by("pk").first() or load_default_plan()[0]
    party = Party.objects.get(code="VNM")
    user = User.objects.filter(username=BENCH_USER).first() or User.objects.create_user(
        BENCH_USER, role=User.Role.FOCAL_POINT, party=party
    )
    period = plan.periods.get(name="H1 2024")
    owed = Activity.objects.filter(plan=plan, code__startswith=PREFIX)
    area = plan.areas.get(key="sea-piracy")
    made = Activity.objects.bulk_create(
        Activity(
            plan=plan, code=f"{PREFIX}{n:05d}", title=f"Workbook course {n}", area=area,
            lead_party=party, modality="training", planned_start=datetime.date(2024, 2, 1),
            planned_end=datetime.date(2024, 5, 31),
        )
        for n in range(owed.count(), rows)
    )  # fmt: skip
    Indicator.objects.bulk_create(
        Indicator(activity=activity, name="Officers trained", target=40) for activity in made
    )
    return Scope(period, party), user
