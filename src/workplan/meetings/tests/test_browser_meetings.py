"""The meeting cycle in a real browser: a meeting, its decision and action item, a note by the
owner, the item carried to the next meeting, and the meeting pack."""

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_meeting(page: Page, number: str, start: str, end: str) -> None:
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Body").select_option(label="SOMTC + Japan")
    page.get_by_label("Ordinal number").fill(number)
    page.get_by_label("Work plan", exact=True).select_option(index=1)
    page.get_by_label("Start date").fill(start)
    page.get_by_label("End date").fill(end)
    page.get_by_label("City").fill("Manila")
    page.get_by_label("Country").select_option(label="Philippines")
    page.get_by_role("button", name="Save").click()


def test_a_decision_becomes_an_action_carried_to_the_next_meeting(
    page, live_server, asec, vnm, plan, tmp_path
):
    sign_in(page, live_server, "asec")
    new_meeting(page, "20", "2026-06-15", "2026-06-16")
    expect(page.get_by_role("heading", name="20th SOMTC + Japan")).to_be_visible()

    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Review of the sea piracy activities")
    page.get_by_label("Sea piracy").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Date and venue of the next meeting")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".agenda-item")).to_have_count(2)

    first = page.locator(".agenda-item").first
    first.get_by_label("Decision").fill("The Meeting asked Viet Nam to share its training list.")
    first.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    page.locator(".agenda-item").first.get_by_role("link", name="Add an action item").click()
    page.get_by_label("What is to be done").fill("Share the list of officers trained in boarding")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#owners_error, .errorlist").first).to_contain_text(
        "needs at least one owner"
    )
    page.get_by_label("Viet Nam").check()
    page.get_by_label("Due date").fill("2026-09-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action item recorded.")).to_be_visible()

    sign_in(page, live_server, "vnm")
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="20th SOMTC + Japan").click()
    page.get_by_role("link", name="Share the list of officers trained in boarding").click()
    page.get_by_label("What was done").fill("The list for 2025 is shared; 2026 follows.")
    page.get_by_label("Status now").select_option(label="In progress")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Progress note added.")).to_be_visible()

    sign_in(page, live_server, "asec")
    new_meeting(page, "21", "2027-06-14", "2027-06-15")
    carried = page.locator(".panel").filter(has_text="Action items carried from earlier meetings")
    expect(carried).to_contain_text("Share the list of officers trained in boarding")
    expect(carried).to_contain_text("In progress")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Meeting pack (Word)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert "21st SOMTC + Japan" in text
