"""Every page type, as each role, in a real browser: no Content-Security-Policy violation, no
console error, and a script typed into any text field never runs."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.plans.actions import add_indicator
from workplan.reporting import actions as reporting_actions
from workplan.testing.browser import sign_in
from workplan.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture
def hostile_data(plan, asec, jpn, parties, make_activity):
    """Records whose every text field holds a script, as an attacker would type it."""
    activity = make_activity(
        lead="JPN",
        partners=["IDN", "VNM"],
        title=f"Patrol {PAYLOAD}",
        description=PAYLOAD,
        classification="internal",
        status="ongoing",
        actual_start=datetime.date(2024, 3, 2),
    )
    indicator = add_indicator(activity, {"name": f"Count {PAYLOAD}", "unit": "number"}, actor=asec)
    update = reporting_actions.start_update(activity, plan.periods.get(name="H1 2024"), actor=jpn)
    update = reporting_actions.save_update(
        update,
        {
            "narrative": PAYLOAD,
            "percent_complete": 10,
            "reported_status": "ongoing",
            "links": "https://example.org/?q=<script>",
        },
        {indicator.pk: 3},
        expected_version=1,
        actor=jpn,
    )
    update = reporting_actions.submit_update(update, actor=jpn)
    reporting_actions.add_comment(update, PAYLOAD, actor=asec)
    meeting = meeting_actions.create_meeting(
        {
            "body": Body.objects.get(key="SOMTC+JPN"),
            "number": 30,
            "plan": plan,
            "start_date": datetime.date(2026, 6, 1),
            "note": PAYLOAD,
            "city": PAYLOAD,
        },
        actor=asec,
    )
    item = meeting_actions.add_agenda_item(
        meeting, {"title": PAYLOAD, "noted": PAYLOAD}, actor=asec
    )
    meeting_actions.add_decision(item, PAYLOAD, actor=asec)
    action = meeting_actions.add_action_item(
        item, {"text": PAYLOAD, "owners": [parties["VNM"]]}, actor=asec
    )
    return {"activity": activity, "update": update, "meeting": meeting, "action": action}


def pages(plan, data, role) -> list[str]:
    common = [
        "/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/dashboard/",
        f"/plans/{plan.pk}/activities/",
        f"/activities/{data['activity'].pk}/",
        f"/plans/{plan.pk}/periods/",
        "/meetings/",
        "/meetings/calendar/?month=2026-06",
        f"/meetings/{data['meeting'].pk}/",
        f"/actions/{data['action'].pk}/",
        "/accounts/sessions/",
        "/accounts/two-step/",
        "/accounts/password/",
        "/calendar/",
        "/notifications/",
        "/profile/",
    ]
    by_role = {
        "asec": [
            "/review/",
            f"/updates/{data['update'].pk}/",
            f"/activities/{data['activity'].pk}/edit/",
            f"/meetings/{data['meeting'].pk}/edit/",
            "/meetings/new/",
        ],
        "jpn": [
            "/my-tasks/",
            f"/updates/{data['update'].pk}/",
            f"/activities/{data['activity'].pk}/updates/new/",
            f"/activities/{data['activity'].pk}/edit/",
            f"/plans/{plan.pk}/activities/new/",
        ],
        "vnm": ["/my-tasks/"],
        "viewer": [],
    }
    return common + by_role[role]


@pytest.mark.parametrize("role", ["asec", "jpn", "vnm", "viewer"])
def test_every_page_is_clean_for_each_role(
    page: Page, live_server, plan, hostile_data, role, request
):
    request.getfixturevalue(role)
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda exception: errors.append(str(exception)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status == 404 else None)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(role)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    for path in pages(plan, hostile_data, role):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, (path, response.status)
        assert page.evaluate("window.__csp") == [], path
        assert page.evaluate("window.__xss === undefined"), path
    assert errors == []


def test_a_script_typed_into_the_activity_form_never_runs(page: Page, live_server, plan, idn):
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("idn")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/plans/{plan.pk}/activities/new/")
    page.get_by_label("Title").fill(PAYLOAD)
    page.get_by_label("Description").fill(PAYLOAD)
    page.get_by_label("Priority area").select_option(label="Terrorism")
    page.get_by_label("Modality").select_option(label="Workshop")
    page.get_by_label("Planned start").fill("2025-01-10")
    page.get_by_label("Planned end").fill("2025-02-10")
    page.get_by_label("Currency").fill(PAYLOAD[:3])
    page.get_by_role("button", name="Create activity").click()
    page.get_by_label("Currency").fill("")
    page.get_by_role("button", name="Create activity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("<script>")
    page.goto(f"{live_server.url}/plans/{plan.pk}/activities/?q=script")
    page.goto(f"{live_server.url}/plans/{plan.pk}/dashboard/")
    assert page.evaluate("window.__xss === undefined")
    assert page.evaluate("window.__csp") == []


def test_a_user_changes_their_password_on_the_apps_own_page(page: Page, live_server, idn):
    sign_in(page, live_server, "idn")
    page.get_by_role("link", name="Password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert "/admin/" not in page.content()
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=False).first.fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    page.get_by_label("Old password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("a new long passphrase")
    page.get_by_label("New password confirmation").fill("a new long passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is changed")
    assert "/admin/" not in page.url
    idn.refresh_from_db()
    assert idn.check_password("a new long passphrase")
