"""In a real browser: the Secretariat edits the plan's facts from "Edit plan" on its page, is
told by field when the plan would end before it starts, then renames a priority area."""

import pytest
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_edits_the_plan_and_an_area(page, live_server, asec, plan):
    sign_in(page, live_server, "asec")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Edit plan").click()
    page.get_by_label("Period end").fill("1 Jan 2020")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan cannot end before it starts.")).to_be_visible()

    page.get_by_label("Period end").fill("31 Dec 2027")
    page.get_by_label("Short title").fill("SOMTC + Japan plan")
    page.get_by_label("Agreed at").fill("19th SOMTC + Japan Consultation")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("SOMTC + Japan plan saved.")).to_be_visible()

    page.get_by_role("link", name="Edit Sea piracy").click()
    page.get_by_label("Name").fill("Piracy and armed robbery at sea")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Priority area Piracy and armed robbery at sea saved.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Piracy and armed robbery at sea", level=3)
    ).to_be_visible()
