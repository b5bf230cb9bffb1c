"""The import in a real browser: upload, see the problem in the preview, fix it, confirm, and
find the rows in the register."""

import pytest
from playwright.sync_api import expect

from workplan.exchange.tests.sheets import row, workbook
from workplan.plans.models import Activity
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_imports_activities_after_fixing_the_file(
    page, live_server, plan, idn, tmp_path
):
    bad = workbook(
        tmp_path / "bad.xlsx",
        [row(title="Port security workshop"), row(title="Boarding course", lead_party="Indonesai")],
    )
    good = workbook(
        tmp_path / "good.xlsx",
        [row(title="Port security workshop"), row(title="Boarding course")],
    )
    sign_in(page, live_server, "idn")
    page.goto(f"{live_server.url}/plans/{plan.pk}/activities/")
    page.get_by_role("link", name="Import from Excel").click()

    page.get_by_label("Excel file (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Nothing was imported.")
    expect(problems).to_contain_text(
        "Row 3, Lead party: 'Indonesai' is not a party of this plan; did you mean "
        "'Indonesia' (IDN)?"
    )
    assert not Activity.objects.exists()

    page.get_by_label("Excel file (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("status")).to_contain_text("2 to create, 0 to update, 0 unchanged")
    page.get_by_role("button", name="Import 2 activities").click()

    expect(page.get_by_text("Import done: 2 created, 0 updated, 0 unchanged.")).to_be_visible()
    register = page.locator("table.register")
    expect(register).to_contain_text("Port security workshop")
    expect(register).to_contain_text("Boarding course")
    assert Activity.objects.count() == 2
