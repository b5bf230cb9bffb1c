"""The reporting round tracker: each update owed, party by period, in its state as of a day."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from workplan.core import access
from workplan.core.models import ChangeLog
from workplan.plans.models import Activity
from workplan.reporting import tracker
from workplan.reporting.actions import (
    accept_update,
    return_update,
    save_update,
    start_update,
    submit_update,
)
from workplan.reporting.models import ProgressUpdate

day = datetime.date


def at(when: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(when, datetime.time(10)))


@pytest.fixture
def step(asec):
    """Takes an update one workflow step further and dates that step's history row `on`."""

    def take(update, to, *, by, on):
        if to == "draft":
            data = {"narrative": "Done.", "percent_complete": 50, "reported_status": "ongoing"}
            update = save_update(update, data, {}, expected_version=update.version, actor=by)
        elif to == "submitted":
            update = submit_update(update, actor=by)
        elif to == "accepted":
            update = accept_update(update, actor=asec)
        elif to == "returned":
            update = return_update(update, "Add the attendance list.", actor=asec)
        _date_latest_history(update, on)
        return update

    return take


def _date_latest_history(update, on):
    content_type = ContentType.objects.get_for_model(ProgressUpdate)
    rows = ChangeLog.objects.filter(content_type=content_type, object_id=update.pk)
    latest = rows.order_by("-timestamp", "-id").first()
    ChangeLog.objects.filter(pk=latest.pk).update(timestamp=at(on))


@pytest.fixture
def old_activity(make_activity):
    """An activity made in 2023 (its row backdated), running through 2024."""

    def make(**overrides):
        overrides.setdefault("planned_start", day(2024, 1, 15))
        overrides.setdefault("planned_end", day(2024, 12, 15))
        activity = make_activity(**overrides)
        Activity.objects.filter(pk=activity.pk).update(created_at=at(day(2023, 6, 1)))
        return activity

    return make


def periods_2024(plan):
    return list(plan.periods.filter(name__in=["H1 2024", "H2 2024"]))


def states(result, code=None):
    return {(i.code, i.period.name): (i.state, i.overdue) for i in result.items}


def test_it_counts_each_update_owed_in_its_state_today(plan, old_activity, step, idn):
    reported = old_activity(code="SP-2024-01")
    old_activity(code="SP-2024-02")
    h1, h2 = periods_2024(plan)
    update = start_update(reported, h1, actor=idn)
    step(update, "draft", by=idn, on=day(2024, 7, 1))
    step(update, "submitted", by=idn, on=day(2024, 7, 2))

    result = tracker.compute(Activity.objects.all(), [h1, h2])

    assert states(result) == {
        ("SP-2024-01", "H1 2024"): ("submitted", False),
        ("SP-2024-01", "H2 2024"): ("missing", True),
        ("SP-2024-02", "H1 2024"): ("missing", True),
        ("SP-2024-02", "H2 2024"): ("missing", True),
    }
    [(party, cells)] = result.rows
    assert party.code == "IDN"
    assert cells[0].counts == {"submitted": 1, "missing": 1, "overdue": 1}
    assert cells[0].worst == "overdue"
    assert result.totals() == {"submitted": 1, "missing": 3, "overdue": 3}


def test_it_reads_each_update_as_it_stood_at_the_end_of_a_past_day(plan, old_activity, step, idn):
    activity = old_activity(code="SP-2024-01")
    h1, _ = periods_2024(plan)
    update = start_update(activity, h1, actor=idn)
    step(update, "draft", by=idn, on=day(2024, 7, 10))
    step(update, "submitted", by=idn, on=day(2024, 7, 20))
    step(update, "returned", by=idn, on=day(2024, 8, 5))
    step(update, "submitted", by=idn, on=day(2024, 8, 20))
    step(update, "accepted", by=idn, on=day(2024, 9, 1))

    def state_on(when):
        return states(tracker.compute(Activity.objects.all(), [h1], when))[
            ("SP-2024-01", "H1 2024")
        ]

    # H1 2024 updates are due on 31 July 2024
    assert state_on(day(2024, 7, 1)) == ("missing", False)
    assert state_on(day(2024, 7, 10)) == ("draft", False)
    assert state_on(day(2024, 7, 31)) == ("submitted", False)
    assert state_on(day(2024, 8, 10)) == ("returned", True)
    assert state_on(day(2024, 8, 20)) == ("submitted", False)
    assert state_on(day(2024, 9, 1)) == ("accepted", False)


def test_it_falls_back_on_the_stored_times_of_an_update_without_history(plan, old_activity, asec):
    activity = old_activity(code="SP-2024-01")
    h1, _ = periods_2024(plan)
    ProgressUpdate.objects.create(
        activity=activity, party=activity.lead_party, period=h1, status="accepted",
        created_by=asec, submitted_at=at(day(2024, 7, 20)), reviewed_at=at(day(2024, 8, 10)),
    )  # fmt: skip
    ProgressUpdate.objects.filter(activity=activity).update(created_at=at(day(2024, 7, 1)))

    def state_on(when):
        return tracker.compute(Activity.objects.all(), [h1], when).items[0].state

    assert state_on(day(2024, 6, 1)) == "missing"
    assert state_on(day(2024, 7, 2)) == "draft"
    assert state_on(day(2024, 7, 25)) == "submitted"
    assert state_on(day(2024, 8, 10)) == "accepted"


def test_it_leaves_out_activities_created_after_the_day(plan, make_activity):
    make_activity(code="SP-2024-09", planned_start=day(2024, 1, 15))
    h1, _ = periods_2024(plan)
    assert tracker.compute(Activity.objects.all(), [h1], day(2024, 8, 1)).items == []
    assert len(tracker.compute(Activity.objects.all(), [h1]).items) == 1


def test_it_counts_only_the_lead_partys_update(plan, old_activity, step, jpn):
    activity = old_activity(code="SP-2024-01", lead="IDN", partners=["JPN"])
    h1, _ = periods_2024(plan)
    update = start_update(activity, h1, actor=jpn)
    step(update, "draft", by=jpn, on=day(2024, 7, 1))
    step(update, "submitted", by=jpn, on=day(2024, 7, 2))
    [item] = tracker.compute(Activity.objects.all(), [h1]).items
    assert (item.state, item.party_id) == ("missing", activity.lead_party_id)


def test_it_reads_an_update_the_reader_may_not_see_as_missing(plan, old_activity, step, idn, asec):
    activity = old_activity(code="SP-2024-01")
    h1, _ = periods_2024(plan)
    step(start_update(activity, h1, actor=idn), "draft", by=idn, on=day(2024, 7, 1))
    visible = access.restrict(ProgressUpdate.objects.all(), asec)
    [item] = tracker.compute(Activity.objects.all(), [h1], updates=visible).items
    assert item.state == "missing"
    [item] = tracker.compute(Activity.objects.all(), [h1]).items
    assert item.state == "draft"


def test_it_runs_two_queries_whatever_the_number_of_activities(
    plan, old_activity, django_assert_num_queries
):
    for number in range(1, 6):
        old_activity(code=f"SP-2024-{number:02}")
    periods = periods_2024(plan)
    ContentType.objects.get_for_model(ProgressUpdate)
    # the updates owed with their states as of a past day; the parties named
    with django_assert_num_queries(2):
        result = tracker.compute(Activity.objects.all(), periods, day(2024, 12, 1))
    assert len(result.items) == 10


def test_it_owes_nothing_without_periods(plan, old_activity):
    old_activity()
    result = tracker.compute(Activity.objects.all(), [])
    assert (result.items, result.rows) == ([], [])
