"""Each activity's stored progress facts stay equal to what its accepted updates say."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workplan.plans.actions import update_activity
from workplan.plans.models import Activity
from workplan.reporting import figures
from workplan.reporting.actions import (
    accept_update,
    reopen_update,
    return_update,
    save_update,
    start_update,
    submit_update,
    update_period,
)

day = datetime.date


@pytest.fixture
def submitted(plan, idn):
    """Writes and submits Indonesia's update of `percent` for a period."""

    def write(activity, period, percent, *, by=idn):
        update = start_update(activity, plan.periods.get(name=period), actor=by)
        data = {"narrative": "Done.", "percent_complete": percent, "reported_status": "ongoing"}
        update = save_update(update, data, {}, expected_version=update.version, actor=by)
        return submit_update(update, actor=by)

    return write


def stored(activity) -> tuple:
    activity.refresh_from_db()
    return activity.accepted_percent, activity.accepted_period_end


def test_accepting_an_update_stores_its_percent_period_and_time(make_activity, submitted, asec):
    activity = make_activity()
    update = accept_update(submitted(activity, "H1 2024", 40), actor=asec)
    assert stored(activity) == (40, day(2024, 6, 30))
    assert activity.accepted_at == update.reviewed_at


def test_an_older_period_accepted_later_does_not_replace_the_latest_period(
    make_activity, submitted, asec
):
    activity = make_activity()
    accept_update(submitted(activity, "H2 2024", 70), actor=asec)
    accept_update(submitted(activity, "H1 2024", 30), actor=asec)
    assert stored(activity) == (70, day(2024, 12, 31))


def test_reopening_the_latest_falls_back_to_the_one_before(make_activity, submitted, asec):
    activity = make_activity()
    accept_update(submitted(activity, "H1 2024", 30), actor=asec)
    latest = accept_update(submitted(activity, "H2 2024", 70), actor=asec)
    reopen_update(latest, "The figure is for 2025.", actor=asec)
    assert stored(activity) == (30, day(2024, 6, 30))


def test_a_returned_update_stores_nothing(make_activity, submitted, asec):
    activity = make_activity()
    return_update(submitted(activity, "H1 2024", 30), "Add the list.", actor=asec)
    assert stored(activity) == (None, None)


def test_moving_a_period_moves_the_stored_period_end(plan, make_activity, submitted, asec):
    activity = make_activity()
    accept_update(submitted(activity, "H1 2024", 30), actor=asec)
    period = plan.periods.get(name="H1 2024")
    data = {"end_date": day(2024, 7, 15), "due_date": day(2024, 8, 31)}
    update_period(period, data, expected_version=period.version, actor=asec)
    assert stored(activity) == (30, day(2024, 7, 15))


def test_an_edit_begun_before_an_acceptance_keeps_the_accepted_figures(
    make_activity, submitted, asec
):
    activity = make_activity()
    opened = Activity.objects.get(pk=activity.pk)  # the edit form was read before the accept
    accept_update(submitted(activity, "H1 2024", 55), actor=asec)
    opened.title = "Regional workshop on maritime domain awareness"
    opened.save()
    assert stored(activity) == (55, day(2024, 6, 30))
    update_activity(
        opened,
        {"description": "Now with the coast guards."},
        expected_version=opened.version,
        actor=asec,
    )
    assert stored(activity) == (55, day(2024, 6, 30))


def test_check_figures_names_a_drifted_activity_and_fix_rewrites_it(
    make_activity, submitted, asec, capsys
):
    activity = make_activity()
    accept_update(submitted(activity, "H1 2024", 30), actor=asec)
    Activity.objects.filter(pk=activity.pk).update(accepted_percent=90)
    with pytest.raises(CommandError, match="1 activities"):
        call_command("check_figures")
    assert f"{activity.code}: accepted_percent 90 should be 30" in capsys.readouterr().out
    call_command("check_figures", "--fix")
    assert stored(activity)[0] == 30
    call_command("check_figures")
    assert "match" in capsys.readouterr().out


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["accept", "return", "reopen", "move"]),
        st.integers(min_value=0, max_value=1),  # which activity
        st.sampled_from(["H1 2024", "H2 2024", "H1 2025"]),
        st.integers(min_value=0, max_value=100),
    ),
    max_size=12,
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(steps=STEPS)
def test_the_stored_figures_equal_the_recomputed_ones_after_any_sequence_of_actions(
    steps, plan, make_activity, submitted, asec, idn
):
    activities = [make_activity(), make_activity()]
    for action, which, period_name, percent in steps:
        _act(action, activities[which], period_name, percent, plan, submitted, asec, idn)
    assert figures.differences([a.pk for a in activities]) == []


def _act(action, activity, period_name, percent, plan, submitted, asec, idn):
    """One step of a random walk: a period moved, or the activity's update for it taken one
    step further through review."""
    period = plan.periods.get(name=period_name)
    if action == "move":
        # the period ends 170 to 189 days after it starts: moved, never turned inside out
        end = period.start_date + datetime.timedelta(days=170 + percent % 20)
        data = {"end_date": end, "due_date": end + datetime.timedelta(days=31)}
        update_period(period, data, expected_version=period.version, actor=asec)
        return
    update = activity.updates.filter(period=period).first()
    if update is None:
        _review(action, submitted(activity, period_name, percent), asec)
    elif update.status == "returned":
        data = {"narrative": "Fixed.", "percent_complete": percent, "reported_status": "ongoing"}
        update = save_update(update, data, {}, expected_version=update.version, actor=idn)
        _review(action, submit_update(update, actor=idn), asec)
    elif update.status == "accepted" and action == "reopen":
        reopen_update(update, "Correct the figure.", actor=asec)


def _review(action, update, asec):
    if action == "return":
        return_update(update, "Add the list.", actor=asec)
    else:
        accept_update(update, actor=asec)


def test_the_sample_data_leaves_every_stored_figure_exact(plan):
    call_command("load_sample")
    assert figures.differences() == []
