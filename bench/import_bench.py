"""Benchmarks of data exchange, each beside its floor measured in the same run (`make bench`,
see bench/run.py). Every function returns seconds, the median of `runs` runs, except
`bench_import_memory` (bytes).

- Import of N rows (checked and written a chunk at a time through `plans.bulk_actions`) vs
  `bulk_create` of the same activities and their links; and the import's peak memory, which
  should not grow with N (`bench_import_memory`, in bytes).
- Excel export of N activities (query, rows, openpyxl write-only) vs openpyxl write-only
  writing the same cells, already in memory.
(Pages, the API's among them, are measured over HTTP by bench/run.py.)

They need a migrated database; the default plan is loaded and activities are added (in bulk)
when the plan has fewer than N. Imports and their floor run in a transaction that is rolled
back, so each run starts from the same data.
"""

import datetime
import io
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.db import transaction
from openpyxl import Workbook

from workplan.accounts.models import User
from workplan.exchange import exports
from workplan.exchange.activities_import import import_file
from workplan.exchange.activities_xlsx import write_register
from workplan.exchange.activity_columns import HEADERS, register_rows
from workplan.exchange.default_plan import load_default_plan
from workplan.parties.models import Party
from workplan.plans.models import Activity, WorkPlan

BENCH_USER = "bench-exchange"


class _Rollback(Exception):
    pass


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _rolled_back(work):
    """Runs `work` in a transaction and undoes it."""

    def run():
        try:
            with transaction.atomic():
                work()
                raise _Rollback
        except _Rollback:
            pass

    return run


# Import


def bench_import(rows: int = 10_000, runs: int = 1) -> float:
    """Importing a file of `rows` new activities: the check, then the writes."""
    plan, user = _setup()
    with tempfile.TemporaryDirectory() as folder:
        path = _import_file(Path(folder) / "import.xlsx", plan, rows)
        return median_seconds(_rolled_back(lambda: _must_import(plan, path, user)), runs)


def bench_import_memory(rows: int = 10_000) -> int:
    """The peak memory, in bytes as tracemalloc counts them, of importing a file of `rows` new
    activities (the check and the writes, rolled back): flat when it does not grow with `rows`."""
    plan, user = _setup()
    with tempfile.TemporaryDirectory() as folder:
        path = _import_file(Path(folder) / "import.xlsx", plan, rows)
        return _peak_bytes(_rolled_back(lambda: _must_import(plan, path, user)))


def _peak_bytes(work) -> int:
    """The most memory `work` held at once, beyond what was held before it started."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1] - held
    finally:
        if not tracing:
            tracemalloc.stop()


def bench_import_floor(rows: int = 10_000, runs: int = 3) -> float:
    """`bulk_create` of the same activities, their partners and commitments."""
    plan, _ = _setup()
    return median_seconds(_rolled_back(lambda: _bulk_imported(plan, rows)), runs)


def _bulk_imported(plan, rows: int) -> None:
    area = plan.areas.get(key="sea-piracy")
    commitment = area.commitments.first()
    parties = {party.code: party for party in plan.parties.all()}
    made = Activity.objects.bulk_create(
        Activity(
            plan=plan, code=f"IMP-{n:06d}", title=f"Imported course {n}", area=area,
            lead_party=parties["IDN"], modality="training",
            planned_start=datetime.date(2025, 2, 1), planned_end=datetime.date(2025, 3, 31),
            budget_amount=25000 + n, budget_currency="USD",
        )
        for n in range(rows)
    )  # fmt: skip
    partners = Activity.partner_parties.through
    partners.objects.bulk_create(
        partners(activity=activity, party=parties[code])
        for activity in made
        for code in ("JPN", "VNM")
    )
    served = Activity.commitments.through
    served.objects.bulk_create(served(activity=a, commitment=commitment) for a in made)


def _must_import(plan, path, user) -> None:
    report = import_file(plan, path, actor=user)
    if not report.committed:
        raise RuntimeError(f"The benchmark file did not import: {report.problems[:3]}")


def _import_file(path: Path, plan, rows: int) -> Path:
    area = plan.areas.get(key="sea-piracy")
    commitment = area.commitments.first().text
    cells = [
        [f"IMP-{n:06d}", f"Imported course {n}", "", area.name, commitment, "Indonesia",
         "Japan; Viet Nam", "Training", datetime.date(2025, 2, 1), datetime.date(2025, 3, 31),
         None, None, "Planned", "Plan-internal", None, 25000 + n, "USD", 1]
        for n in range(rows)
    ]  # fmt: skip
    write_register(path, plan, cells)
    return path


# Export


def bench_export(activities: int = 10_000, runs: int = 3) -> float:
    """The register's Excel export of `activities` activities, as the export view builds it."""
    plan, user = _setup(activities)
    request = _request(user)
    return median_seconds(
        lambda: write_register(io.BytesIO(), plan, exports.activity_table(request, plan).rows), runs
    )


def bench_export_floor(activities: int = 10_000, runs: int = 3) -> float:
    """openpyxl write-only mode writing the same cells, already in memory."""
    plan, user = _setup(activities)
    rows = list(register_rows(exports.activities(_request(user), plan)))
    return median_seconds(lambda: _write_cells(rows), runs)


def _write_cells(rows) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Activities")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


# Data


def _setup(activities: int = 0) -> tuple[WorkPlan, User]:
    plan, _ = load_default_plan()
    missing = activities - plan.activities.count()
    if missing > 0:
        with transaction.atomic():
            _bulk_activities(plan, missing, "BENCH")
    return plan, _user()


def _user() -> User:
    user, _ = User.objects.get_or_create(
        username=BENCH_USER,
        defaults={"role": User.Role.SECRETARIAT, "party": Party.objects.get(code="ASEC")},
    )
    return user


def _bulk_activities(plan, count: int, prefix: str) -> list[Activity]:
    """Activities with a partner and a commitment each, straight into the tables."""
    areas = list(plan.areas.prefetch_related("commitments"))
    parties = list(plan.parties.exclude(code="ASEC"))
    start = plan.activities.filter(code__startswith=prefix).count()
    made = Activity.objects.bulk_create(
        Activity(
            plan=plan, code=f"{prefix}-{start + n:06d}", title=f"Course {n}",
            area=areas[n % len(areas)], lead_party=parties[n % len(parties)],
            modality="training", planned_start=datetime.date(2025, 2, 1),
            planned_end=datetime.date(2025, 3, 31), budget_amount=25000 + n,
            budget_currency="USD",
        )
        for n in range(count)
    )  # fmt: skip
    partners = Activity.partner_parties.through
    partners.objects.bulk_create(
        partners(activity=a, party=parties[(n + 1) % len(parties)]) for n, a in enumerate(made)
    )
    served = Activity.commitments.through
    served.objects.bulk_create(
        served(activity=a, commitment=a.area.commitments.all()[0]) for a in made
    )
    return made


class _Request:
    """What the export reads of a request: the user and the (empty) query string."""

    def __init__(self, user):
        from django.http import QueryDict

        self.user, self.GET = user, QueryDict()


def _request(user) -> _Request:
    return _Request(user)
