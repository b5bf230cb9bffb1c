"""The API documentation page works in a real browser under the site's Content Security
Policy: its own files only, no inline script, no console error."""

import pytest
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_shows_the_api_under_the_csp(page, live_server, plan, vnm):
    errors, outside = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on(
        "request",
        lambda request: not request.url.startswith(live_server.url) and outside.append(request.url),
    )
    sign_in(page, live_server, "vnm")

    page.goto(f"{live_server.url}/api/docs/")

    expect(page.locator(".swagger-ui .title")).to_contain_text("Work Plan Monitor API")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/plans/{plan_id}/activities/")
    assert errors == []
    assert outside == []
