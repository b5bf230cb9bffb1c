"""Reading a statement in a real browser: the secretariat pastes the seed article, corrects a
proposal, confirms, and finds the meetings linked to the statement, both ways."""

import pytest
from playwright.sync_api import expect

from workplan.meetings.models import Meeting
from workplan.statements.models import Statement
from workplan.statements.tests.helpers import SEED
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_reads_corrects_and_confirms_the_seed_article(page, live_server, asec):
    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="Read a statement").click()
    page.get_by_label("Text of the statement").fill(SEED)
    page.get_by_label("Title").fill("ASEAN, Japan finalize work plan on transnational crime")
    page.get_by_role("button", name="Read the statement").click()

    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible()
    assert Statement.objects.count() == 0
    ammtc = page.locator("#meeting-0")
    expect(ammtc.locator("legend").first).to_have_text(
        "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC)"
    )
    expect(ammtc.locator("mark", has_text="Labuan Bajo")).to_be_visible()
    expect(ammtc.locator("mark", has_text="August 20 to 23")).to_be_visible()
    expect(ammtc).to_contain_text("Already recorded: 17th AMMTC")
    expect(ammtc.get_by_label("Start")).to_have_value("2023-08-20")

    summit = page.locator("#meeting-1")
    expect(summit.locator("mark", has_text="November 12, 2014")).to_be_visible()
    summit.get_by_label("Accept").check()
    summit.get_by_label("Ordinal number").fill("17")
    summit.get_by_label("City").fill("Nay Pyi Taw")
    page.get_by_role("button", name="Confirm and record").click()

    expect(page.get_by_text("1 meeting created, 2 matched")).to_be_visible()
    statement = Statement.objects.get()
    meetings = page.locator("#statement-meetings")
    expect(meetings.get_by_role("link", name="17th AMMTC")).to_be_visible()
    expect(meetings).to_contain_text("17th ASEAN-Japan Summit · 12 Nov 2014 · Nay Pyi Taw, Myanmar")
    created = Meeting.objects.get(body__key="ASEAN-JPN-SUMMIT")
    assert (created.number, created.city, created.country.code) == (17, "Nay Pyi Taw", "MMR")

    meetings.get_by_role("link", name="17th AMMTC").click()
    panel = page.locator("#meeting-statements")
    expect(panel.get_by_role("link", name=statement.title)).to_be_visible()
    panel.get_by_role("link", name=statement.title).click()
    expect(page.get_by_role("heading", name=statement.title)).to_be_visible()
