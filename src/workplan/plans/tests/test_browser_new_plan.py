"""A new plan in a real browser: the Secretariat starts it, adds a priority area, then an
activity, as an officer would, click by click."""

import pytest
from playwright.sync_api import expect

from workplan.plans.models import Activity, WorkPlan
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_creates_a_plan_adds_an_area_and_an_activity(page, live_server, asec):
    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="All plans").click()
    page.get_by_role("link", name="New work plan").click()
    page.locator("#id_title").fill("SOMTC + China Work Plan (Sample)")
    page.get_by_label("Short title").fill("SOMTC + China (Sample)")
    page.get_by_label("Period start").fill("2024-01-01")
    page.get_by_label("Period end").fill("2023-12-31")
    page.get_by_label("Indonesia", exact=True).check()
    page.get_by_label("Viet Nam", exact=True).check()
    page.get_by_label("ASEAN Secretariat", exact=True).check()
    page.get_by_role("button", name="Create the plan").click()
    expect(page.locator("#field-end_date")).to_contain_text("The plan cannot end before it starts.")
    assert WorkPlan.objects.count() == 1

    page.get_by_label("Period end").fill("2028-12-31")
    page.get_by_role("button", name="Create the plan").click()
    expect(page.get_by_text("SOMTC + China (Sample) created.")).to_be_visible()
    expect(page.get_by_text("This plan has no priority area yet.")).to_be_visible()

    page.get_by_role("link", name="Add a priority area").click()
    page.locator("#id_name").fill("Illicit drug trafficking")
    page.locator("#id_key").fill("drugs")
    page.get_by_label("Code prefix").fill("drg")
    page.get_by_label("Commitments").fill(
        "Share intelligence on drug routes\nTrain border officers"
    )
    page.get_by_role("button", name="Add the area").click()
    expect(page.get_by_text("Priority area Illicit drug trafficking added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Train border officers")).to_be_visible()

    page.get_by_role("link", name="New activity").click()
    page.get_by_label("Title").fill("Border liaison workshop")
    page.get_by_label("Priority area").select_option(label="Illicit drug trafficking")
    page.get_by_label("Illicit drug trafficking: Train border officers").check()
    page.get_by_label("Lead party").select_option(label="Viet Nam")
    page.get_by_label("Modality").select_option(label="Workshop")
    page.get_by_label("Planned start").fill("2025-05-10")
    page.get_by_label("Planned end").fill("2025-06-20")
    page.get_by_role("button", name="Create activity").click()
    expect(page.get_by_text("Activity DRG-2025-01 created.")).to_be_visible()

    new = WorkPlan.objects.get(short_title="SOMTC + China (Sample)")
    assert Activity.objects.get(code="DRG-2025-01").plan == new
