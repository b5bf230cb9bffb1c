"""Access control proven: every URL is in the access table; no focal point reaches another
party's restricted objects by any verb; no GET writes domain data.

The table names, for every URL pattern, who may reach it without signing in:
  PUBLIC  anyone (the sign-in page, static files, the public site of published plans)
  SECRET  anyone holding the secret in the URL (calendar feed)
  SIGNED  only signed-in users; everything else answers 404 or 403 by the access rules
  API     only a signed-in session or a personal API token (401 or 403 otherwise)
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from workplan.accounts.actions import create_user
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.notifications.models import Notification
from workplan.parties.models import Party
from workplan.plans.actions import add_indicator, archive_activity
from workplan.reporting import actions as reporting_actions
from workplan.testing.fixtures import PASSWORD

PUBLIC, SECRET, SIGNED, API = "public", "secret", "signed", "api"

ACCESS_TABLE = {
    "login": PUBLIC,
    "accounts:choose_language": PUBLIC,  # the language switcher, on the public site too
    "favicon": PUBLIC,
    "logout": SIGNED,
    "password_change": SIGNED,
    "password_change_done": SIGNED,
    "home": SIGNED,
    "security:verify": PUBLIC,  # only meaningful after the password step, in the same session
    "security:two_step": SIGNED,
    "security:recovery_codes": SIGNED,
    "security:two_step_off": SIGNED,
    "security:sessions": SIGNED,
    "overview:plan": SIGNED,
    "overview:dashboard": SIGNED,
    "overview:plan_page": SIGNED,
    "plans:activity_list": SIGNED,
    "plans:activity_create": SIGNED,
    "plans:activity_detail": SIGNED,
    "plans:activity_edit": SIGNED,
    "plans:activity_archive": SIGNED,
    "plans:activity_restore": SIGNED,
    "plans:indicator_create": SIGNED,
    "plans:indicator_edit": SIGNED,
    "reporting:period_list": SIGNED,
    "reporting:period_create": SIGNED,
    "reporting:period_edit": SIGNED,
    "reporting:update_start": SIGNED,
    "reporting:update_detail": SIGNED,
    "reporting:update_edit": SIGNED,
    "reporting:update_accept": SIGNED,
    "reporting:update_return": SIGNED,
    "reporting:update_reopen": SIGNED,
    "reporting:update_comment": SIGNED,
    "reporting:evidence_download": SIGNED,
    "reporting:review_queue": SIGNED,
    "reporting:my_tasks": SIGNED,
    "meetings:meeting_list": SIGNED,
    "meetings:meeting_calendar": SIGNED,
    "meetings:meeting_create": SIGNED,
    "meetings:meeting_detail": SIGNED,
    "meetings:meeting_edit": SIGNED,
    "meetings:agenda_item_create": SIGNED,
    "meetings:document_upload": SIGNED,
    "meetings:amendment_create": SIGNED,
    "meetings:meeting_pack": SIGNED,
    "meetings:agenda_item_edit": SIGNED,
    "meetings:decision_add": SIGNED,
    "meetings:action_item_create": SIGNED,
    "meetings:action_detail": SIGNED,
    "meetings:action_item_edit": SIGNED,
    "meetings:document_download": SIGNED,
    "meetings:amendment_adopt": SIGNED,
    "meetings:calendar_settings": SIGNED,
    "meetings:calendar_feed": SECRET,
    "notifications:notification_list": SIGNED,
    "notifications:notification_open": SIGNED,
    "notifications:notification_read": SIGNED,
    "notifications:notification_read_all": SIGNED,
    "notifications:profile": SIGNED,
    "accounts:token_list": SIGNED,
    "accounts:token_revoke": SIGNED,
    "exchange:action_export": SIGNED,
    "exchange:activity_export": SIGNED,
    "exchange:activity_import": SIGNED,
    "exchange:activity_import_confirm": SIGNED,
    "exchange:activity_template": SIGNED,
    "exchange:update_export": SIGNED,
    "statements:statement_confirm": SIGNED,
    "statements:statement_detail": SIGNED,
    "statements:statement_list": SIGNED,
    "statements:statement_read": SIGNED,
    "search:search": SIGNED,
    "api:action-item-detail": API,
    "api:action-item-list": API,
    "api:action-item-progress": API,
    "api:activity-detail": API,
    "api:activity-restore": API,
    "api:agenda-item-detail": API,
    "api:agenda-item-list": API,
    "api:api-root": API,
    "api:area-detail": API,
    "api:area-list": API,
    "api:body-detail": API,
    "api:body-list": API,
    "api:change-detail": API,
    "api:change-list": API,
    "api:commitment-detail": API,
    "api:commitment-list": API,
    "api:decision-detail": API,
    "api:decision-list": API,
    "api:docs": SIGNED,
    "api:indicator-detail": API,
    "api:indicator-list": API,
    "api:meeting-detail": API,
    "api:meeting-list": API,
    "api:party-detail": API,
    "api:party-list": API,
    "api:period-detail": API,
    "api:period-list": API,
    "api:plan-activity-list": API,
    "api:plan-detail": API,
    "api:plan-list": API,
    "api:plan-publish": API,
    "api:schema": API,
    "api:update-accept": API,
    "api:update-comments": API,
    "api:update-detail": API,
    "api:update-list": API,
    "api:update-reopen": API,
    "api:update-return": API,
    "api:update-submit": API,
    "api:party-owes": API,
    "api:plan-tracker": API,
    "exchange:party_owes_export": SIGNED,
    "exchange:tracker_export": SIGNED,
    "exchange:updates_workbook": SIGNED,
    "exchange:updates_workbook_confirm": SIGNED,
    "exchange:updates_workbook_download": SIGNED,
    "exchange:updates_workbook_submit": SIGNED,
    "overview:party": SIGNED,
    "plans:plan_publish": SIGNED,
    "plans:plan_create": SIGNED,
    "plans:area_create": SIGNED,
    "plans:commitment_create": SIGNED,
    "plans:plan_edit": SIGNED,
    "plans:area_edit": SIGNED,
    "plans:commitment_edit": SIGNED,
    "meetings:body_edit": SIGNED,
    "meetings:body_create": SIGNED,
    "overview:plan_overview": SIGNED,
    "publication:plan_list": PUBLIC,
    "publication:plan": PUBLIC,
    "publication:iati": PUBLIC,
    "reporting:tracker": SIGNED,
}
# Admin pages belong to Django's admin, open to superusers only (core/admin.py).
ADMIN = "admin:"


def url_names(resolver=None, prefix="") -> list[str]:
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names += url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(prefix + pattern.name)
        elif isinstance(pattern, URLPattern):
            names.append(f"{prefix}<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_in_the_access_table():
    names = {name for name in url_names() if not name.startswith(ADMIN)}
    missing = sorted(names - set(ACCESS_TABLE))
    assert missing == [], f"URLs with no access rule in the table: {missing}"
    stale = sorted(set(ACCESS_TABLE) - names)
    assert stale == [], f"Table entries with no URL: {stale}"


def _any_url(name: str) -> str | None:
    """The URL of a pattern with placeholder arguments (the object need not exist)."""
    for args in ([], [1], [1, "docx"], ["not-a-token"], [1, 1, "vnm"]):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def test_every_signed_in_url_turns_away_anonymous_visitors(client, plan):
    for name, kind in ACCESS_TABLE.items():
        url = _any_url(name)
        assert url is not None, name
        response = client.get(url)
        if kind == SIGNED:
            assert response.status_code in (302, 405), (name, response.status_code)
            if response.status_code == 302:
                assert response.url.startswith(reverse("login")), name
        elif kind == API:
            assert response.status_code in (401, 403), (name, response.status_code)
        elif kind == SECRET:
            assert response.status_code == 404, name


@pytest.fixture
def world(plan, asec, make_activity, parties):
    """One restricted activity of each party with no partner, each with an indicator, a
    submitted update with evidence and a message from the Secretariat on it (its party's focal
    point is notified)."""
    made = {}
    for party in Party.objects.exclude(code="ASEC").order_by("code"):
        user = create_user(f"fp-{party.code.lower()}", PASSWORD, role="focal_point", party=party)
        activity = make_activity(
            lead=party.code,
            partners=[],
            classification="restricted",
            title=f"Restricted work of {party.name}",
            status="ongoing",
            actual_start=datetime.date(2024, 3, 2),
        )
        indicator = add_indicator(activity, {"name": "Count", "unit": "number"}, actor=asec)
        update = reporting_actions.start_update(
            activity, plan.periods.get(name="H1 2024"), actor=user
        )
        update = reporting_actions.save_update(
            update,
            {"narrative": "n", "percent_complete": 10, "reported_status": "ongoing"},
            {indicator.pk: 1},
            expected_version=1,
            actor=user,
        )
        evidence = reporting_actions.add_evidence(
            update, SimpleUploadedFile("e.pdf", b"%PDF-1.4\n%%EOF\n"), actor=user
        )
        reporting_actions.submit_update(update, actor=user)
        reporting_actions.add_comment(update, "Add the attendance list.", actor=asec)
        made[party.code] = {
            "user": user,
            "activity": activity,
            "indicator": indicator,
            "update": update,
            "evidence": evidence,
            "notification": user.notifications.get(),
        }
    return made


ATTEMPTS = [  # (url name, method, object key, POST data)
    ("plans:activity_detail", "get", "activity", None),
    ("plans:activity_edit", "get", "activity", None),
    ("plans:activity_edit", "post", "activity", {"title": "Taken over"}),
    ("plans:activity_archive", "post", "activity", {}),
    ("plans:activity_restore", "post", "activity", {}),
    ("plans:indicator_create", "get", "activity", None),
    ("plans:indicator_create", "post", "activity", {"name": "X", "unit": "number"}),
    ("plans:indicator_edit", "get", "indicator", None),
    ("plans:indicator_edit", "post", "indicator", {"name": "X", "unit": "number"}),
    ("reporting:update_start", "get", "activity", None),
    ("reporting:update_start", "post", "activity", {}),
    ("reporting:update_detail", "get", "update", None),
    ("reporting:update_edit", "get", "update", None),
    ("reporting:update_edit", "post", "update", {"narrative": "x"}),
    ("reporting:update_accept", "post", "update", {}),
    ("reporting:update_return", "post", "update", {"comment": "x"}),
    ("reporting:update_reopen", "post", "update", {"reason": "x"}),
    ("reporting:update_comment", "post", "update", {"text": "x"}),
    ("reporting:evidence_download", "get", "evidence", None),
    ("api:activity-detail", "get", "activity", None),
    ("api:activity-detail", "patch", "activity", {"title": "Taken over"}),
    ("api:activity-detail", "put", "activity", {"title": "Taken over"}),
    ("api:activity-detail", "delete", "activity", None),
    ("api:activity-restore", "post", "activity", {}),
    ("api:indicator-detail", "get", "indicator", None),
    ("api:indicator-detail", "patch", "indicator", {"name": "X"}),
    ("api:update-detail", "get", "update", None),
    ("api:update-detail", "patch", "update", {"narrative": "x"}),
    ("api:update-submit", "post", "update", {}),
    ("api:update-accept", "post", "update", {}),
    ("api:update-return", "post", "update", {"comment": "x"}),
    ("api:update-reopen", "post", "update", {"reason": "x"}),
    ("api:update-comments", "post", "update", {"text": "x"}),
    ("notifications:notification_open", "post", "notification", {}),
    ("notifications:notification_read", "post", "notification", {}),
]


def test_no_focal_point_reaches_another_partys_restricted_objects(client, world):
    from workplan.core.models import ChangeLog

    log_rows = ChangeLog.objects.count()
    attempts, successes = 0, []
    for code, own in world.items():
        client.force_login(own["user"])
        for other_code, other in world.items():
            if other_code == code:
                continue
            for name, method, key, data in ATTEMPTS:
                response = _attempt(client, name, method, other[key].pk, data)
                attempts += 1
                if response.status_code != 404:
                    successes.append((code, other_code, name, method, response.status_code))
    print(f"cross-party attempts through pages and API: {attempts}")
    assert successes == []
    assert attempts == 12 * 11 * len(ATTEMPTS)
    assert ChangeLog.objects.count() == log_rows
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def _attempt(client, name, method, pk, data):
    url = reverse(name, args=[pk])
    if not name.startswith("api:"):
        return client.post(url, data) if method == "post" else client.get(url)
    send = getattr(client, method)
    if method in ("get", "delete"):
        return send(url)
    return send(url, data, content_type="application/json", headers={"If-Match": '"1"'})


DOMAIN_WRITES = ("INSERT", "UPDATE", "DELETE")
# Sessions, sign-in times, and the tallies a page brings up to today's health before it sums
# them (derived figures, `reporting.tally`).
BOOKKEEPING = (
    "django_session", "security_usersession", "accounts_user", "core_changelog_none",
    "reporting_tallyday", "reporting_talliedactivity", "reporting_areatally",
    "reporting_commitmenttally", "reporting_owedtally", "reporting_unsentupdate",
)  # fmt: skip


def test_no_get_request_writes_domain_data(client, world, asec, make_activity, plan, parties):
    meeting = meeting_actions.create_meeting(
        {
            "body": Body.objects.get(key="SOMTC+JPN"),
            "number": 40,
            "plan": plan,
            "start_date": datetime.date(2025, 1, 5),
        },
        actor=asec,
    )
    item = meeting_actions.add_agenda_item(meeting, {"title": "Item"}, actor=asec)
    action = meeting_actions.add_action_item(
        item, {"text": "Do", "owners": [parties["VNM"]]}, actor=asec
    )
    archived = make_activity(title="Old")
    archive_activity(archived, actor=asec)
    sample = next(iter(world.values()))
    urls = [
        reverse("home"),
        reverse("overview:plan", args=[plan.pk]),
        reverse("overview:dashboard", args=[plan.pk]),
        reverse("plans:activity_list", args=[plan.pk]),
        reverse("plans:activity_create", args=[plan.pk]),
        reverse("plans:activity_detail", args=[sample["activity"].pk]),
        reverse("plans:activity_edit", args=[sample["activity"].pk]),
        reverse("plans:indicator_edit", args=[sample["indicator"].pk]),
        reverse("reporting:update_detail", args=[sample["update"].pk]),
        reverse("reporting:evidence_download", args=[sample["evidence"].pk]),
        reverse("reporting:period_list", args=[plan.pk]),
        reverse("reporting:review_queue"),
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting_calendar"),
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        reverse("meetings:action_detail", args=[action.pk]),
        reverse("meetings:meeting_pack", args=[meeting.pk, "docx"]),
        reverse("security:sessions"),
        reverse("notifications:notification_list"),
        reverse("notifications:notification_list") + "?show=unread",
        reverse("notifications:profile"),
        # opening or marking a notification is a POST
        reverse("notifications:notification_open", args=[asec.notifications.first().pk]),
        reverse("notifications:notification_read_all"),
        # GET on a POST-only address must refuse, not act
        reverse("plans:activity_archive", args=[sample["activity"].pk]),
        reverse("plans:activity_restore", args=[archived.pk]),
        reverse("reporting:update_accept", args=[sample["update"].pk]),
    ]
    client.force_login(asec)
    client.get("/")  # the first request may renew the session
    writes = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        for query in queries.captured_queries:
            sql = query["sql"].lstrip().upper()
            if sql.startswith(DOMAIN_WRITES) and not any(t.upper() in sql for t in BOOKKEEPING):
                writes.append((url, query["sql"][:80]))
    assert writes == []
    assert asec.notifications.filter(read_at__isnull=False).count() == 0
