"""The register in a real browser: what an official does, click by click."""

import re

import pytest
from playwright.sync_api import Page, expect

from workplan.plans.actions import update_activity
from workplan.plans.models import Activity
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_a_focal_point_creates_fixes_finds_and_edits_an_activity(page, live_server, idn, vnm):
    sign_in(page, live_server, "idn")
    page.get_by_role("link", name="New activity").first.click()
    page.get_by_label("Title").fill("Maritime boarding course for coast guards")
    page.get_by_label("Priority area").select_option(label="Sea piracy")
    page.get_by_label("Sea piracy: Build law-enforcement capacity").check()
    page.get_by_label("Japan", exact=True).check()
    page.get_by_label("Modality").select_option(label="Training")
    page.get_by_label("Planned start").fill("2025-05-10")
    page.get_by_label("Planned end").fill("2025-04-01")
    expect(page.locator("#id_code_helptext")).to_contain_text("Leave blank to have SEA-2025-NN")
    page.get_by_role("button", name="Create activity").click()

    field = page.locator("#field-planned_end")
    expect(field).to_contain_text(
        "The planned end must be on or after the planned start (10 May 2025)."
    )
    assert Activity.objects.count() == 0

    page.get_by_label("Planned end").fill("2025-06-20")
    page.get_by_role("button", name="Create activity").click()
    expect(page.get_by_text("Activity SEA-2025-01 created.")).to_be_visible()

    page.get_by_role("link", name="Activities", exact=True).click()
    page.get_by_label("Priority area").select_option(label="Sea piracy")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Maritime boarding course for coast guards").click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("Maritime boarding and inspection course")
    page.get_by_role("button", name="Save changes").click()
    expect(
        page.get_by_role("heading", name="Maritime boarding and inspection course")
    ).to_be_visible()
    activity_url = page.url
    sign_out(page)

    sign_in(page, live_server, "vnm")
    page.goto(activity_url)
    expect(
        page.get_by_role("heading", name="Maritime boarding and inspection course")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    response = page.goto(activity_url + "edit/")
    assert response.status == 403

    page.goto(activity_url)
    history = page.locator(".history")
    expect(history.locator(".history-entry")).to_have_count(2)
    expect(history.locator(".history-entry").nth(0)).to_contain_text("Changed by Dewi Lestari")
    expect(history.locator(".history-entry").nth(0)).to_contain_text(
        "Maritime boarding course for coast guards"
    )
    expect(history.locator(".history-entry").nth(1)).to_contain_text("Created by Dewi Lestari")


def test_the_second_of_two_editors_is_told_and_loses_nothing(
    page, live_server, asec, idn, make_activity
):
    activity = make_activity(lead="IDN", title="Port security study")
    sign_in(page, live_server, "idn")
    page.goto(f"{live_server.url}/activities/{activity.pk}/edit/")
    update_activity(
        activity, {"title": "Port security study (revised)"}, expected_version=1, actor=asec
    )
    page.get_by_label("Description").fill("Indonesia's careful description.")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("alert").first).to_contain_text(
        "Someone else changed this while you were editing"
    )
    expect(page.get_by_role("alert").first).to_contain_text("Ayu Prameswari")
    expect(page.get_by_label("Description")).to_have_value("Indonesia's careful description.")
    assert Activity.objects.get().description == "A workshop."

    expect(page.get_by_label("Title")).to_have_value("Port security study (revised)")
    expect(page.get_by_role("alert").first).to_contain_text(
        "Nothing you changed was changed by them"
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(rf"/activities/{activity.pk}/$"))
    saved = Activity.objects.get()
    assert saved.description == "Indonesia's careful description."
    assert saved.title == "Port security study (revised)"
