"""Reporting offline in a real browser: Viet Nam's focal point downloads the H1 workbook from
My tasks, fills two rows in a spreadsheet, uploads it, confirms and submits both; the
Secretariat finds both in its review queue."""

import pytest
from playwright.sync_api import expect

from workplan.exchange.tests.test_updates_workbook import NARRATIVE, PERCENT, STATUS, fill
from workplan.reporting.models import ProgressUpdate
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_reports_offline_and_the_secretariat_reviews(
    page, live_server, plan, vnm, asec, make_activity, tmp_path
):
    make_activity(lead="VNM", title="Port security drill")
    make_activity(lead="VNM", title="Boarding course")
    actions = 0

    sign_in(page, live_server, "vnm")  # name, password, Sign in
    actions += 3
    page.get_by_role("link", name="My tasks").click()
    page.get_by_role("link", name="the workbook for H1 2024 (.xlsx)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the workbook (.xlsx)").click()
    actions += 3
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    typed = {NARRATIVE: "Held.", PERCENT: 100, STATUS: "Completed"}
    fill(path, {(row, column): value for row in (2, 3) for column, value in typed.items()})
    actions += 6  # three cells in each of two rows, typed in a spreadsheet

    page.get_by_label("The filled workbook (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Check the workbook").click()
    actions += 2
    expect(page.get_by_role("status")).to_contain_text("2 new drafts, 0 changes to a draft")
    expect(page.locator("#evidence-heading")).to_be_visible()
    page.get_by_role("button", name="Save 2 drafts").click()
    actions += 1
    expect(page.get_by_text("Workbook saved: 2 new drafts, 0 changed")).to_be_visible()
    page.get_by_role("button", name="Submit all 2 for review").click()
    actions += 1
    expect(page.get_by_text("2 updates submitted for review.")).to_be_visible()
    assert set(ProgressUpdate.objects.values_list("status", flat=True)) == {"submitted"}

    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="Review queue").click()
    queue = page.locator("main")
    expect(queue).to_contain_text("Port security drill")
    expect(queue).to_contain_text("Boarding course")
    print(f"actions of the focal point: {actions}")
    assert actions == 16
