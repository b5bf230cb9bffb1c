import datetime

import pytest

from workplan.meetings import actions
from workplan.meetings.models import Body


@pytest.fixture
def somtc_japan(plan):
    return Body.objects.get(key="SOMTC+JPN")


@pytest.fixture
def make_meeting(plan, asec, somtc_japan, parties):
    """Records a meeting of SOMTC + Japan reviewing the default plan."""

    def make(number=20, start=datetime.date(2024, 6, 10), **fields):
        data = {
            "body": somtc_japan,
            "number": number,
            "plan": plan,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=1),
            "city": "Vientiane",
            "country": parties["LAO"],
            "status": "held",
        }
        data.update(fields)
        return actions.create_meeting(data, actor=asec)

    return make


@pytest.fixture
def action_for_vnm(make_meeting, asec, parties):
    """An action item of the 20th SOMTC + Japan owned by Viet Nam, due 1 Sep 2024."""
    meeting = make_meeting()
    item = actions.add_agenda_item(meeting, {"title": "Review of the work plan"}, actor=asec)
    data = {
        "text": "Share the list of trained officers",
        "owners": [parties["VNM"]],
        "due_date": datetime.date(2024, 9, 1),
    }
    return actions.add_action_item(item, data, actor=asec)


@pytest.fixture
def private_plan(plan, asec, parties):
    """A plan of Indonesia and Japan only, not public, with one priority area."""
    from workplan.plans.actions import create_plan

    return create_plan(
        {"title": "Indonesia-Japan river plan", "short_title": "River plan",
         "start_date": datetime.date(2024, 1, 1), "end_date": datetime.date(2026, 12, 31)},
        parties=[parties["IDN"], parties["JPN"], parties["ASEC"]],
        areas=[{"key": "rivers", "name": "Mekong river patrols", "code_prefix": "RIV",
                "commitments": ["Patrol the river together"]}],
        actor=asec,
    )  # fmt: skip
