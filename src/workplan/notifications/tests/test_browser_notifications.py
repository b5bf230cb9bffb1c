"""People are told, in a real browser: the Secretariat sees Indonesia's submitted update in
its notifications and returns it; Indonesia sees why, fixes and resubmits; the Secretariat
accepts it, and Indonesia is told."""

import re

import pytest
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_notification(page, text: str) -> None:
    """From any page: the header's count, then the newest notification starting with `text`."""
    page.get_by_role("link", name=re.compile(r"^Notifications, \d+ unread$")).click()
    page.get_by_role("button", name=re.compile(f"^{re.escape(text)}")).first.click()


def test_a_returned_update_goes_back_and_forth_through_notifications(
    page, live_server, activity, submit, asec, idn
):
    submit(activity, by=idn)

    sign_in(page, live_server, "asec")
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    open_notification(page, "Update submitted for review: ")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coast guard information exchange")
    page.get_by_label("What should the party change?").fill("Name the units that took part.")
    page.get_by_role("button", name="Return with comment").click()
    expect(page.get_by_text("Update returned to the party with your comment.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()  # all read

    sign_in(page, live_server, "idn")
    page.get_by_role("link", name="Notifications, 1 unread").click()
    notice = page.locator(".notification").first
    expect(notice).to_contain_text("Update returned to your party: ")
    expect(notice).to_contain_text("Name the units that took part.")
    expect(notice).to_contain_text("Ayu Prameswari (ASEAN Secretariat)")
    notice.get_by_role("button", name=re.compile("^Update returned")).click()
    expect(
        page.get_by_role("status").filter(has_text="Name the units that took part.")
    ).to_be_visible()
    page.get_by_role("link", name="Edit and resubmit").click()
    page.get_by_label("Narrative").fill("Two exchanges held with the maritime police unit.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Update submitted for review.")).to_be_visible()

    sign_in(page, live_server, "asec")
    open_notification(page, "Update submitted for review: ")
    fixed = "Two exchanges held with the maritime police unit."
    expect(page.get_by_role("definition").filter(has_text=fixed)).to_be_visible()
    expect(page.get_by_role("cell", name=fixed)).to_be_visible()  # what changed since returned
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Update accepted.")).to_be_visible()

    sign_in(page, live_server, "idn")
    page.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.locator(".notification-unread")).to_contain_text("Update accepted: ")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("1 notification marked as read.")).to_be_visible()
    expect(page.locator(".notification-unread")).to_have_count(0)
