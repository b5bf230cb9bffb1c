"""Colleagues of one party write the first update of a period at the same moment: one draft is
made, one text lands, and every other colleague is told of the conflict; nothing is lost or
made twice. Each save runs in its own thread with its own connection (see test_concurrency)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from workplan.accounts.actions import create_user
from workplan.core.records import EditConflict
from workplan.core.tests.test_concurrency import database  # noqa: F401 (a fixture)
from workplan.reporting.actions import write_update
from workplan.reporting.models import ProgressUpdate
from workplan.testing.fixtures import PASSWORD

COLLEAGUES = 8

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_makes_one_draft_when_colleagues_save_a_new_update_at_once(
    database,  # noqa: F811
    make_activity,
    parties,
    plan,
):
    activity = make_activity(lead="IDN")
    period = plan.periods.get(name="H1 2024")
    reporters = [
        create_user(f"idn-{number}", PASSWORD, role="focal_point", party=parties["IDN"])
        for number in range(COLLEAGUES)
    ]
    everyone_ready = threading.Barrier(COLLEAGUES, timeout=60)

    def write(number: int) -> str:
        try:
            reporter = type(reporters[number]).objects.get(pk=reporters[number].pk)
            everyone_ready.wait()
            data = {"narrative": f"Written by colleague {number}."}
            write_update(activity, period, data, {}, actor=reporter)
            return f"saved {number}"
        except EditConflict:
            return "conflict"
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=COLLEAGUES) as pool:
        outcomes = list(pool.map(write, range(COLLEAGUES)))

    saved = [outcome for outcome in outcomes if outcome.startswith("saved")]
    assert len(saved) == 1, outcomes
    assert outcomes.count("conflict") == COLLEAGUES - 1, outcomes
    update = ProgressUpdate.objects.get()
    assert update.narrative == f"Written by colleague {saved[0].split()[1]}."
