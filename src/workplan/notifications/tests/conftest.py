"""What the notification stories share: an activity Indonesia reports on, and updates
written and taken through review by the actions."""

import datetime

import pytest

from workplan.reporting import actions


@pytest.fixture
def activity(make_activity):
    """A restricted Japanese activity with Indonesia as partner: only they and the
    Secretariat see it."""
    return make_activity(
        lead="JPN", partners=["IDN"], classification="restricted", status="ongoing",
        title="Coast guard information exchange", actual_start=datetime.date(2024, 3, 2),
    )  # fmt: skip


@pytest.fixture
def submit(plan):
    """Writes an update of `by`'s party for H1 2024 and submits it."""

    def write(activity, *, by, period="H1 2024"):
        update = actions.start_update(activity, plan.periods.get(name=period), actor=by)
        fields = {"narrative": "Two exchanges held.", "percent_complete": 40,
                  "reported_status": "ongoing"}  # fmt: skip
        update = actions.save_update(update, fields, {}, expected_version=1, actor=by)
        return actions.submit_update(update, actor=by)

    return write


def kinds(user) -> list[str]:
    """What `user` was told, newest first."""
    return list(user.notifications.values_list("kind", flat=True))


@pytest.fixture
def hide_from_indonesia(asec):
    """The Secretariat takes Indonesia off the activity's partners: Indonesia no longer sees
    the activity, nor its updates."""
    from workplan.plans.actions import update_activity

    def hide(activity):
        activity.refresh_from_db()
        data = {"partner_parties": []}
        update_activity(activity, data, expected_version=activity.version, actor=asec)

    return hide
