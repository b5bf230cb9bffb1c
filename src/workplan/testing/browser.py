"""What the browser tests share: signing in through the sign-in page, as a person would."""

from playwright.sync_api import Page, expect

from workplan.testing.fixtures import PASSWORD


def sign_in(page: Page, live_server, username: str) -> None:
    """Signs `username` in from a fresh browser state and waits for the signed-in page."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
