"""An activity's derived health and progress: a test per branch of the rule, on fixed dates."""

import datetime

import pytest
from django.utils import timezone

from workplan.plans.models import Activity
from workplan.reporting import asof
from workplan.reporting.actions import (
    accept_update,
    return_update,
    save_update,
    start_update,
    submit_update,
)
from workplan.reporting.health import Health, with_health

Status = Activity.Status
day = datetime.date


@pytest.fixture
def report(plan, asec):
    """Writes an update for a period through the actions and takes it as far as `to`."""

    def write(activity, period, percent, *, by, to="accepted"):
        update = start_update(activity, plan.periods.get(name=period), actor=by)
        data = {"narrative": "Done.", "percent_complete": percent, "reported_status": "ongoing"}
        update = save_update(update, data, {}, expected_version=update.version, actor=by)
        if to == "draft":
            return update
        update = submit_update(update, actor=by)
        if to == "accepted":
            return accept_update(update, actor=asec)
        if to == "returned":
            return return_update(update, "Add the attendance list.", actor=asec)
        return update

    return write


def health_on(activity, plan, today):
    """(health, progress) of one activity on `today`, by the SQL expression; the same rule
    evaluated on the activity as a record (as a meeting report does) must agree."""
    rows = with_health(Activity.objects.filter(pk=activity.pk), plan, today)
    by_sql = rows.values_list("health", "progress").get()
    assert by_rule(activity, plan, today) == by_sql
    return by_sql


def by_rule(activity, plan, today):
    """(health, progress) by `health_rule` evaluated in Python on the activity as it is now."""
    current = Activity.objects.get(pk=activity.pk)
    periods = {period.pk: period for period in plan.periods.all()}
    later = timezone.now() + datetime.timedelta(minutes=1)
    asof.evaluate([current], plan, asof.accepted_updates([current.pk], periods, later), today)
    return current.health, current.progress


def ongoing(make_activity, **overrides):
    """An activity under way since its planned start; 100 planned days, 2024-01-01 to 04-10."""
    fields = {
        "planned_start": day(2024, 1, 1),
        "planned_end": day(2024, 4, 10),
        "actual_start": day(2024, 1, 1),
        "status": Status.ONGOING,
    }
    return make_activity(**{**fields, **overrides})


# Health, rule by rule


def test_it_gives_a_cancelled_activity_no_health(plan, make_activity):
    activity = make_activity(status=Status.CANCELLED)
    health, _progress = health_on(activity, plan, day(2024, 4, 1))
    assert health is None


def test_it_calls_a_completed_activity_completed_even_after_its_planned_end(plan, make_activity):
    activity = make_activity(
        status=Status.COMPLETED, actual_start=day(2024, 3, 1), actual_end=day(2024, 8, 15)
    )
    assert health_on(activity, plan, day(2024, 9, 1)) == (Health.COMPLETED, 100)


def test_it_calls_an_activity_delayed_once_its_planned_end_has_passed(
    plan, make_activity, report, idn
):
    activity = ongoing(make_activity)
    report(activity, "H1 2024", 90, by=idn)
    assert health_on(activity, plan, day(2024, 4, 10))[0] == Health.ON_TRACK
    assert health_on(activity, plan, day(2024, 4, 11))[0] == Health.DELAYED


def test_it_calls_a_postponed_activity_at_risk_before_its_planned_start(plan, make_activity):
    activity = make_activity(planned_start=day(2024, 9, 1), planned_end=day(2024, 12, 31))
    postponed = make_activity(
        planned_start=day(2024, 9, 1), planned_end=day(2024, 12, 31), status=Status.POSTPONED
    )
    assert health_on(activity, plan, day(2024, 5, 1))[0] == Health.NOT_STARTED
    assert health_on(postponed, plan, day(2024, 5, 1))[0] == Health.AT_RISK


def test_it_calls_an_activity_at_risk_from_its_planned_start_without_an_actual_start(
    plan, make_activity
):
    activity = make_activity(planned_start=day(2024, 3, 1))
    assert health_on(activity, plan, day(2024, 2, 29))[0] == Health.NOT_STARTED
    assert health_on(activity, plan, day(2024, 3, 1))[0] == Health.AT_RISK


def test_it_calls_an_activity_not_started_while_its_planned_start_is_ahead(plan, make_activity):
    activity = make_activity(planned_start=day(2024, 3, 1))
    assert health_on(activity, plan, day(2024, 2, 1)) == (Health.NOT_STARTED, 0)


def stalled_candidate(make_activity, report, idn):
    """Ongoing since before H1 2024, 80% done in its H2 2023 update, running to the end of 2025.

    On 1 Mar 2025 the last two ended periods are H1 2024 and H2 2024, and 80% is well ahead of
    the ~60% of its time elapsed, so only the stalled rule can make it anything but on track.
    """
    activity = ongoing(
        make_activity,
        planned_start=day(2023, 12, 1),
        planned_end=day(2025, 12, 31),
        actual_start=day(2023, 12, 1),
    )
    report(activity, "H2 2023", 80, by=idn)
    return activity


def test_it_calls_an_ongoing_activity_stalled_without_accepted_updates_for_two_periods(
    plan, make_activity, report, idn
):
    activity = stalled_candidate(make_activity, report, idn)
    report(activity, "H1 2024", 85, by=idn, to="submitted")
    report(activity, "H2 2024", 90, by=idn, to="returned")
    assert health_on(activity, plan, day(2025, 3, 1)) == (Health.STALLED, 80)


@pytest.mark.parametrize("period", ["H1 2024", "H2 2024"])
def test_it_does_not_call_an_activity_stalled_with_an_accepted_update_for_one_of_them(
    plan, make_activity, report, idn, period
):
    activity = stalled_candidate(make_activity, report, idn)
    report(activity, period, 85, by=idn)
    assert health_on(activity, plan, day(2025, 3, 1)) == (Health.ON_TRACK, 85)


def test_it_does_not_call_an_activity_stalled_that_started_within_the_last_two_periods(
    plan, make_activity, report, idn
):
    activity = stalled_candidate(make_activity, report, idn)
    later = ongoing(
        make_activity,
        planned_start=day(2024, 1, 1),
        planned_end=day(2025, 12, 31),
        actual_start=day(2024, 1, 1),
    )
    report(later, "H2 2023", 80, by=idn)
    assert health_on(activity, plan, day(2025, 3, 1))[0] == Health.STALLED
    assert health_on(later, plan, day(2025, 3, 1))[0] == Health.ON_TRACK


def test_it_calls_an_activity_at_risk_more_than_25_points_behind_its_elapsed_time(
    plan, make_activity, report, idn
):
    activity = ongoing(make_activity)
    report(activity, "H1 2024", 44, by=idn)
    # 70 of 100 planned days have passed on 11 March: 44% + 25 is behind 70%.
    assert health_on(activity, plan, day(2024, 3, 11)) == (Health.AT_RISK, 44)


def test_it_calls_an_activity_on_track_within_25_points_of_its_elapsed_time(
    plan, make_activity, report, idn
):
    activity = ongoing(make_activity)
    report(activity, "H1 2024", 45, by=idn)
    # 45% + 25 is exactly the 70% of time elapsed: not more than 25 points behind.
    assert health_on(activity, plan, day(2024, 3, 11)) == (Health.ON_TRACK, 45)


def test_it_calls_an_activity_without_accepted_updates_at_risk_once_a_quarter_has_passed(
    plan, make_activity
):
    activity = ongoing(make_activity)
    assert health_on(activity, plan, day(2024, 1, 26)) == (Health.ON_TRACK, 0)
    assert health_on(activity, plan, day(2024, 1, 27)) == (Health.AT_RISK, 0)


# Progress


def test_it_counts_a_completed_activity_as_100_whatever_its_updates_say(
    plan, make_activity, report, idn
):
    activity = make_activity(
        status=Status.COMPLETED, actual_start=day(2024, 3, 1), actual_end=day(2024, 6, 30)
    )
    report(activity, "H1 2024", 40, by=idn)
    assert health_on(activity, plan, day(2024, 8, 1))[1] == 100


def test_it_takes_the_percent_of_the_latest_period_accepted_not_the_latest_accepted(
    plan, make_activity, report, idn
):
    activity = ongoing(make_activity, planned_end=day(2025, 6, 30))
    report(activity, "H2 2024", 60, by=idn)
    report(activity, "H1 2024", 30, by=idn)
    assert health_on(activity, plan, day(2025, 2, 1))[1] == 60


def test_it_counts_an_activity_without_accepted_updates_as_0(plan, make_activity):
    activity = ongoing(make_activity)
    assert health_on(activity, plan, day(2024, 2, 1))[1] == 0


def test_it_ignores_draft_submitted_and_returned_updates(
    plan, make_activity, report, idn, jpn, vnm
):
    activity = ongoing(make_activity, planned_end=day(2025, 6, 30), partners=["JPN", "VNM"])
    report(activity, "H1 2024", 20, by=idn)
    report(activity, "H2 2024", 80, by=idn, to="submitted")
    report(activity, "H2 2024", 70, by=jpn, to="returned")
    report(activity, "H2 2024", 90, by=vnm, to="draft")
    assert health_on(activity, plan, day(2025, 2, 1))[1] == 20


def test_the_activity_page_says_why_an_ongoing_activity_is_delayed(
    client, plan, idn, make_activity
):
    from django.urls import reverse

    activity = make_activity(
        status="ongoing",
        planned_start=datetime.date(2023, 1, 1),
        planned_end=datetime.date(2023, 6, 30),
        actual_start=datetime.date(2023, 1, 10),
    )
    client.force_login(idn)
    page = client.get(reverse("plans:activity_detail", args=[activity.pk])).content.decode()
    assert "Why: Its planned end, 30 Jun 2023, has passed." in page


def test_the_reason_for_at_risk_names_the_rule_that_applied(make_activity):
    from workplan.reporting.health import health_reason

    postponed = make_activity(status="postponed")
    assert health_reason(postponed, Health.AT_RISK, 0) == "It is postponed."
    late = make_activity(
        status="planned", planned_start=datetime.date(2024, 1, 1), actual_start=None
    )
    assert "planned start, 1 Jan 2024, has passed" in health_reason(late, Health.AT_RISK, 0)
