"""Who owes what, in a real browser: Viet Nam's focal point finds the overdue action item on My
tasks; the Secretariat opens "What Viet Nam owes" in at most 3 actions after signing in."""

import datetime

import pytest
from playwright.sync_api import expect

from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOST_ACTIONS = 3


@pytest.fixture
def owed_by_vnm(plan, asec, vnm, parties, make_activity):
    """Viet Nam leads an activity of 2024 with nothing reported, and owns an action item of the
    20th SOMTC + Japan due 1 Sep 2024."""
    make_activity(code="SP-2024-05", title="Regional patrol exercise", lead="VNM")
    meeting = meeting_actions.create_meeting(
        {"body": Body.objects.get(key="SOMTC+JPN"), "number": 20, "plan": plan,
         "start_date": datetime.date(2024, 6, 10)}, actor=asec,
    )  # fmt: skip
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    return meeting_actions.add_action_item(
        item,
        {"text": "Share the list of trained officers", "owners": [parties["VNM"]],
         "due_date": datetime.date(2024, 9, 1)},
        actor=asec,
    )  # fmt: skip


def test_viet_nam_finds_its_overdue_action_item_on_my_tasks(page, live_server, owed_by_vnm):
    sign_in(page, live_server, "vnm")
    page.get_by_role("link", name="My tasks").click()
    actions = page.locator("#actions-heading + ul")
    expect(actions).to_contain_text("Share the list of trained officers")
    expect(actions).to_contain_text("Overdue · due 1 Sep 2024")
    expect(page.locator("#owed-heading + ul")).to_contain_text("Regional patrol exercise")


def test_the_secretariat_opens_what_viet_nam_owes_in_at_most_3_actions(
    page, live_server, owed_by_vnm
):
    sign_in(page, live_server, "asec")
    actions = 0
    for role, name in (("link", "Tracker"), ("link", "Viet Nam")):
        page.get_by_role(role, name=name, exact=True).click()
        actions += 1
    expect(page.get_by_role("heading", name="What Viet Nam owes")).to_be_visible()
    expect(page.locator("#overdue-updates ~ table").first).to_contain_text(
        "Regional patrol exercise"
    )
    expect(page.get_by_text("Overdue · due 1 Sep 2024")).to_be_visible()
    print(f"actions after signing in to What Viet Nam owes: {actions}")
    assert actions <= MOST_ACTIONS


def test_a_party_owing_nothing_says_so(page, live_server, plan, asec):
    sign_in(page, live_server, "asec")
    page.goto(f"{live_server.url}/parties/BRN/")
    expect(page.locator("#nothing-owed")).to_have_text(
        "Brunei Darussalam owes nothing: no update is overdue, returned or due, and no action "
        "item it owns is open."
    )


def test_on_a_phone_each_tracker_cell_is_named_by_its_period_and_due_day(
    page, live_server, owed_by_vnm, plan
):
    sign_in(page, live_server, "asec")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/plans/{plan.pk}/tracker/")
    cell = page.locator('td[data-label^="H1 2024"]').first
    expect(cell).to_have_attribute("data-label", "H1 2024, due 31 Jul 2024")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
