"""The search box in a real browser: Viet Nam's focal point searches for a word that only a
restricted Indonesian activity holds and finds nothing; the Secretariat finds it and opens it."""

import pytest
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def restricted_indonesian(make_activity):
    return make_activity(
        lead="IDN", partners=["JPN"], classification="restricted", code="SP-2024-41",
        title="Mangrove checkpoint exchange", description="Boarding drills near Batam",
    )  # fmt: skip


def search_from_the_header(page, words: str) -> None:
    box = page.get_by_role("search").get_by_role("searchbox", name="Search records")
    box.fill(words)
    box.press("Enter")


def test_viet_nam_finds_nothing_of_a_restricted_indonesian_activity(
    page, live_server, restricted_indonesian, vnm
):
    sign_in(page, live_server, "vnm")
    search_from_the_header(page, "mangrove")
    expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Nothing you may see matches")
    expect(page.locator("main")).not_to_contain_text("Mangrove checkpoint")


def test_the_secretariat_finds_it_and_opens_it(page, live_server, restricted_indonesian, asec):
    sign_in(page, live_server, "asec")
    search_from_the_header(page, "mangrove")
    results = page.locator("section", has=page.get_by_role("heading", name="Activities"))
    expect(results.locator("mark")).to_have_text("Mangrove")
    results.get_by_role("link", name="SP-2024-41 Mangrove checkpoint exchange").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mangrove checkpoint exchange")
