"""In a real browser: the Secretariat has the 17th AMMTC (of the SOMTC + Japan plan) also note
a second plan; the meeting then shows among that plan's meetings, and its page names both."""

import pytest
from playwright.sync_api import expect

from workplan.meetings.models import Meeting
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_has_an_ammtc_note_a_second_plan(page, live_server, asec, private_plan):
    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="17th AMMTC").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("River plan").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The 17th AMMTC is saved.")).to_be_visible()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("SOMTC + Japan Work Plan 2023-2027")
    expect(facts).to_contain_text("Also notes")

    facts.get_by_role("link", name="River plan").click()
    page.get_by_role("link", name="All meetings of this plan").click()
    expect(page.get_by_role("heading", name="Meetings of River plan")).to_be_visible()
    expect(page.get_by_role("link", name="17th AMMTC")).to_be_visible()
    assert list(Meeting.objects.get(body__key="AMMTC", number=17).noted_plans.all()) == [
        private_plan
    ]
