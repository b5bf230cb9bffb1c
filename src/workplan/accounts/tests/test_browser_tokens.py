"""API tokens in a real browser: make one from the user menu, use it, revoke it."""

import pytest
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_makes_a_token_uses_it_and_revokes_it(page, live_server, plan, vnm):
    sign_in(page, live_server, "vnm")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What is the token for?").fill("Ministry reporting system")
    page.get_by_role("button", name="Create token").click()

    expect(page.get_by_text("it is shown only this once")).to_be_visible()
    key = page.get_by_label("Your new API token").input_value()
    assert key.startswith("wpm_")
    api = page.context.request
    answer = api.get(f"{live_server.url}/api/plans/", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 200

    page.get_by_role("link", name="Done").click()
    row = page.get_by_role("row", name="Ministry reporting system")
    expect(row).to_contain_text("Active")
    expect(page.get_by_text(key)).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Revoke").click()

    expect(page.get_by_text("Token “Ministry reporting system” revoked")).to_be_visible()
    expect(page.get_by_role("row", name="Ministry reporting system")).to_contain_text("Revoked")
    page.context.clear_cookies()
    answer = api.get(f"{live_server.url}/api/plans/", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 401
