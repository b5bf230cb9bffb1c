"""Records read back as they stood at a past moment, from the change log written with dated
writes (`core.clock.dated`)."""

import datetime

from workplan.core import asof, clock
from workplan.core.changelog import history_of
from workplan.plans.actions import update_activity
from workplan.plans.models import Activity

day = datetime.date


def test_a_record_reads_as_its_last_change_before_the_moment_said(make_activity, asec):
    with clock.dated(day(2024, 1, 10)):
        activity = make_activity(title="Patrol workshop", budget_amount=None)
    with clock.dated(day(2024, 3, 5)):
        update_activity(
            activity,
            {"status": "ongoing", "actual_start": day(2024, 3, 4), "title": "Patrol course"},
            expected_version=1,
            actor=asec,
        )
    current = Activity.objects.filter(pk=activity.pk)

    assert asof.as_of(current, asof.day_start(day(2024, 1, 10))) == []  # not yet recorded
    (before,) = asof.as_of(current, asof.day_start(day(2024, 3, 5)))
    (after,) = asof.as_of(current, asof.day_start(day(2024, 3, 6)))

    assert (before.title, before.status, before.actual_start) == (
        "Patrol workshop",
        "planned",
        None,
    )
    assert (after.title, after.status, after.actual_start) == (
        "Patrol course",
        "ongoing",
        day(2024, 3, 4),
    )
    assert after.lead_party.code == "IDN"  # linked records read by id, as they are now


def test_dated_writes_date_the_change_log_and_nothing_else_stays_dated(make_activity):
    with clock.dated(day(2023, 9, 1)) as moment:
        activity = make_activity()
    assert clock.now() > moment
    assert [row.timestamp for row in history_of(activity)] == [moment]
