"""The public site in a real browser: the Secretariat publishes the plan from its page; an
anonymous visitor, with scripts turned off, finds the public activity and not the restricted
one, and its IATI file, linked from the page, validates against the official schema."""

import pytest
from lxml import etree
from playwright.sync_api import expect

from workplan.plans.models import WorkPlan
from workplan.publication.tests.test_iati import assert_valid, schema  # noqa: F401
from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_anonymous_visitor_sees_the_public_activity_of_a_published_plan_only(
    page,
    browser,
    live_server,
    plan,
    asec,
    make_activity,
    schema,  # noqa: F811
):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    make_activity(title="Open harbour workshop", classification="public")
    make_activity(title="Restricted cutter exchange", classification="restricted")

    sign_in(page, live_server, "asec")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Publish on the public site").click()
    expect(page.get_by_text("is on the public site")).to_be_visible()

    visitor = browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(f"{live_server.url}/public/")
    visitor.get_by_role("link", name=plan.title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(plan.title)
    activities = visitor.locator("table.public-activities")
    expect(activities).to_contain_text("Open harbour workshop")
    expect(activities).not_to_contain_text("Restricted cutter exchange")
    expect(visitor.get_by_role("button", name="Sign out")).to_have_count(0)

    visitor.set_viewport_size({"width": 390, "height": 844})  # a phone, still no script
    box = activities.bounding_box()
    assert box["x"] + box["width"] <= 390
    expect(activities.locator('td[data-label="Dates"]').first).to_be_visible()

    link = visitor.get_by_role("link", name="Open data: the public activities in IATI 2.03 XML")
    response = visitor.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok
    document = etree.fromstring(response.body())
    assert_valid(schema, document)
    assert document.xpath("//title/narrative/text()") == ["Open harbour workshop"]
    visitor.context.close()
