"""Progress reporting in a real browser: report, return, resubmit, accept, and who may see."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from workplan.plans.actions import add_indicator
from workplan.reporting.models import Evidence, ProgressUpdate
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def halfway_activity(make_activity, asec):
    """A restricted Japanese activity half-way through its planned time, with nothing reported."""
    today = timezone.localdate()
    activity = make_activity(
        lead="JPN", partners=["IDN"], classification="restricted", status="ongoing",
        title="Coast guard information exchange",
        planned_start=today - datetime.timedelta(days=200),
        planned_end=today + datetime.timedelta(days=200),
        actual_start=today - datetime.timedelta(days=190),
    )  # fmt: skip
    add_indicator(activity, {"name": "Exchanges held", "unit": "number"}, actor=asec)
    return activity


def test_an_update_goes_from_draft_to_accepted_and_moves_the_dashboard(
    page, live_server, halfway_activity, jpn, asec, vnm, plan, tmp_path
):
    activity_url = f"{live_server.url}{halfway_activity.get_absolute_url()}"
    sign_in(page, live_server, "jpn")
    page.goto(activity_url)
    expect(page.locator("#reporting-heading + p")).to_contain_text("At risk")
    page.get_by_role("link", name="Write an update").click()

    page.get_by_label("Narrative").fill("Two exchanges held with Indonesia.")
    page.get_by_label("Percent complete").fill("40")
    page.get_by_label("Activity status reported").select_option(label="Ongoing")
    page.get_by_label("Exchanges held (number)").fill("about 2")
    page.get_by_role("button", name="Save draft").click()
    indicator = halfway_activity.indicators.get()
    expect(page.locator(f"#field-indicator_{indicator.pk}")).to_contain_text(
        "“about 2” is not a number"
    )
    page.get_by_label("Exchanges held (number)").fill("2")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    report = tmp_path / "exchange-report.pdf"
    report.write_bytes(PDF)
    page.get_by_label("Add evidence files").set_input_files(str(report))
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("exchange-report.pdf attached.")).to_be_visible()
    expect(page.get_by_text("Update submitted for review.")).to_be_visible()
    update_url = page.url

    sign_in(page, live_server, "asec")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Coast guard information exchange").click()
    page.get_by_label("What should the party change?").fill("Please say which units took part.")
    page.get_by_role("button", name="Return with comment").click()
    expect(page.get_by_text("Update returned to the party with your comment.")).to_be_visible()

    sign_in(page, live_server, "jpn")
    page.get_by_role("link", name="My tasks").click()
    expect(page.locator("#returned-heading + ul")).to_contain_text(
        "Please say which units took part."
    )
    page.locator("#returned-heading + ul").get_by_role("link").first.click()
    expect(page.get_by_role("status").filter(has_text="Returned with this comment")).to_be_visible()
    page.get_by_label("Narrative").fill("Two exchanges held with Indonesia's maritime police unit.")
    page.get_by_label("Percent complete").fill("60")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Update submitted for review.")).to_be_visible()

    sign_in(page, live_server, "asec")
    page.goto(update_url)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Update accepted.")).to_be_visible()
    assert ProgressUpdate.objects.get().status == "accepted"
    page.goto(activity_url)
    expect(page.locator("#reporting-heading + p")).to_contain_text("On track")
    expect(page.locator("#reporting-heading + p")).to_contain_text("Progress 60%")
    page.goto(f"{live_server.url}/plans/{plan.pk}/dashboard/")
    sea_piracy = page.get_by_role("row", name="Sea piracy")
    expect(sea_piracy.first).to_contain_text("60%")
    expect(page.locator(".health-table")).to_contain_text("On track")

    evidence = Evidence.objects.get()
    sign_in(page, live_server, "vnm")
    response = page.goto(f"{live_server.url}{evidence.get_absolute_url()}")
    assert response.status == 404
