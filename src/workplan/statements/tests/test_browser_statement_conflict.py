"""In a real browser: a release on a meeting already recorded with other dates and place shows
both side by side; the secretariat says which is right, and only then is anything linked."""

import datetime

import pytest
from playwright.sync_api import expect

from workplan.meetings.actions import ensure_meeting
from workplan.meetings.models import Body, Meeting
from workplan.parties.models import Party
from workplan.statements.models import Statement
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RELEASE = (
    "MANILA, 5 June 2025 – The 20th SOMTC + Japan Consultation was held in Manila, the "
    "Philippines, on 3-4 June 2025. It reviewed the ASEAN-Japan work plan on terrorism."
)


def test_the_secretariat_chooses_between_the_release_and_the_record(page, live_server, asec, plan):
    recorded = ensure_meeting(
        Body.objects.get(key="SOMTC+JPN"), 20,
        start_date=datetime.date(2024, 6, 25), end_date=datetime.date(2024, 6, 25),
        date_precision="day", city="Vientiane", country=Party.objects.get(code="LAO"),
        status=Meeting.Status.HELD,
    )  # fmt: skip
    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="Read a statement").click()
    page.get_by_label("Text of the statement").fill(RELEASE)
    page.get_by_label("Title").fill("20th SOMTC + Japan in Manila")
    page.get_by_role("button", name="Read the statement").click()

    proposal = page.locator("#meeting-0")
    expect(proposal.get_by_text("Differs from the record")).to_be_visible()
    table = proposal.get_by_role("table")
    expect(table.get_by_role("row", name="City")).to_contain_text("Manila")
    expect(table.get_by_role("row", name="City")).to_contain_text("Vientiane")
    expect(table.get_by_role("row", name="Dates")).to_contain_text("25 Jun 2024")

    page.get_by_role("button", name="Confirm and record").click()
    expect(page.get_by_text("choose which is right")).to_be_visible()
    assert Statement.objects.count() == 0

    page.locator("#meeting-0").get_by_label("The statement is right").check()
    page.get_by_role("button", name="Confirm and record").click()
    expect(page.get_by_role("heading", name="20th SOMTC + Japan in Manila")).to_be_visible()
    recorded.refresh_from_db()
    assert (recorded.city, recorded.country.code, str(recorded.start_date)) == (
        "Manila", "PHL", "2025-06-03",
    )  # fmt: skip
    assert recorded in Statement.objects.get().meetings.all()
