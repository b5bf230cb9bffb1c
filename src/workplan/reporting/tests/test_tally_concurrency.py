"""Twenty officials save twenty activities of one plan at the same moment: every save lands and
the tallies count each of them once, as counting the activities again gives.

Each save runs in its own thread with its own database connection (see
core/tests/test_concurrency.py for the databases).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from workplan.core.tests.databases import engine, sqlite_file_copy
from workplan.plans.actions import update_activity
from workplan.plans.models import Activity
from workplan.reporting import tally

EDITORS = 20

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database(tmp_path):
    if engine() == "sqlite":
        with sqlite_file_copy(tmp_path / "shared.sqlite3") as connection:
            yield connection
    else:
        yield connections["default"]


def test_simultaneous_saves_of_one_plan_leave_its_tallies_exact(
    database, plan, make_activity, asec
):
    activities = [make_activity(weight=1) for _ in range(EDITORS)]
    tally.rebuild(plan.pk)
    everyone_ready = threading.Barrier(EDITORS, timeout=60)

    def edit(number: int) -> str:
        try:
            opened = Activity.objects.get(pk=activities[number].pk)
            editor = type(asec).objects.get(pk=asec.pk)
            everyone_ready.wait()
            data = {"weight": 2 + number % 3, "classification": "restricted"}
            update_activity(opened, data, expected_version=opened.version, actor=editor)
            return "saved"
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=EDITORS) as pool:
        outcomes = list(pool.map(edit, range(EDITORS)))

    assert outcomes == ["saved"] * EDITORS
    assert tally.differences(plan.pk) == []
    assert tally.activity_count(plan, asec) == EDITORS
