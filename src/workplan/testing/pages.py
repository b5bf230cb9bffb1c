"""Every page type of the site with a record of each kind to open it with, for the tests that
visit them all: the browser test (axe-core, phone width, console, lang) and `make check-html`
(the Nu HTML Checker).

The pages are the access table's signed-in and public URLs (security/tests/test_access_table),
each opened with a record of the world below; a URL that is not a page (a POST-only action, a
download, a redirect) is listed in NOT_PAGES with why, so a new page cannot be forgotten.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.plans.actions import add_indicator
from workplan.reporting import actions as reporting_actions
from workplan.security.tests.test_access_table import ACCESS_TABLE, PUBLIC, SIGNED
from workplan.statements.actions import record_statement

ROLES = ["asec", "idn", "viewer"]

NOT_PAGES = {
    # actions sent by a form's POST (their answers are the pages below)
    "logout",
    "accounts:choose_language",
    "plans:plan_publish",
    "plans:activity_archive",
    "plans:activity_restore",
    "reporting:update_accept",
    "reporting:update_return",
    "reporting:update_reopen",
    "reporting:update_comment",
    "meetings:decision_add",
    "meetings:amendment_adopt",
    "meetings:document_upload",
    "notifications:notification_read",
    "notifications:notification_read_all",
    "notifications:notification_open",
    "accounts:token_revoke",
    "security:two_step_off",
    "security:recovery_codes",
    "exchange:activity_import_confirm",
    "statements:statement_confirm",
    # files, not pages
    "favicon",
    "reporting:evidence_download",
    "meetings:document_download",
    "meetings:meeting_pack",
    "exchange:updates_workbook_download",
    "exchange:updates_workbook_confirm",
    "exchange:updates_workbook_submit",
    "exchange:action_export",
    "exchange:activity_export",
    "exchange:activity_template",
    "exchange:update_export",
    "exchange:tracker_export",
    "exchange:party_owes_export",
    "publication:iati",
    # redirects to a page below
    "overview:plan_page",
    "reporting:update_start",
    # only reached between the password and the code (security tests cover it)
    "security:verify",
    # the sign-in page is visited signed out, below
    "login",
}


def make_world(plan, asec, idn, make_activity, parties) -> dict:
    """A record of every kind a page shows, as the demo would have it."""
    activity = make_activity(
        lead="IDN", status="ongoing", actual_start=datetime.date(2024, 3, 2), weight=2
    )
    indicator = add_indicator(
        activity, {"name": "Officers trained", "unit": "number", "target": 200}, actor=asec
    )
    period = plan.periods.get(name="H1 2024")
    update = reporting_actions.start_update(activity, period, actor=idn)
    update = reporting_actions.save_update(
        update,
        {"narrative": "Two courses held.", "percent_complete": 40, "reported_status": "ongoing"},
        {indicator.pk: 30},
        expected_version=1,
        actor=idn,
    )
    reporting_actions.add_evidence(
        update, SimpleUploadedFile("list.pdf", b"%PDF-1.4\n%%EOF\n"), actor=idn
    )
    reporting_actions.submit_update(update, actor=idn)
    reporting_actions.return_update(update, "Add the attendance list.", actor=asec)
    meeting = meeting_actions.create_meeting(
        {
            "body": Body.objects.get(key="SOMTC+JPN"),
            "number": 30,
            "plan": plan,
            "start_date": datetime.date(2025, 6, 10),
            "end_date": datetime.date(2025, 6, 11),
            "city": "Vientiane",
            "country": parties["LAO"],
            "status": "held",
        },
        actor=asec,
    )
    item = meeting_actions.add_agenda_item(
        meeting, {"title": "Review of the work plan", "activities": [activity]}, actor=asec
    )
    meeting_actions.add_decision(item, "The meeting agreed to share training lists.", actor=asec)
    action = meeting_actions.add_action_item(
        item,
        {"text": "Share the list of officers trained", "owners": [parties["IDN"]],
         "due_date": datetime.date(2025, 9, 1)},
        actor=asec,
    )  # fmt: skip
    statement = record_statement(
        {"title": "Joint statement of the 30th SOMTC + Japan", "text": "The meeting agreed..."},
        [],
        {},
        actor=asec,
    )
    return {
        "plan_id": plan.pk,
        "activity": activity.pk,
        "area": activity.area_id,
        "commitment": activity.area.commitments.first().pk,
        "body": meeting.body_id,
        "indicator": indicator.pk,
        "period": period.pk,
        "update": update.pk,
        "meeting": meeting.pk,
        "item": item.pk,
        "action": action.pk,
        "statement": statement.pk,
        "party": "IDN",
    }


ARGUMENTS = {  # url name: the world's record it is opened with
    "overview:plan": "plan_id", "overview:dashboard": "plan_id", "reporting:tracker": "plan_id",
    "plans:activity_list": "plan_id", "plans:activity_create": "plan_id",
    "plans:area_create": "plan_id", "plans:commitment_create": "area",
    "plans:plan_edit": "plan_id", "plans:area_edit": "area",
    "plans:commitment_edit": "commitment", "meetings:body_edit": "body",
    "reporting:period_list": "plan_id", "reporting:period_create": "plan_id",
    "exchange:activity_import": "plan_id", "plans:activity_detail": "activity",
    "plans:activity_edit": "activity", "plans:indicator_create": "activity",
    "plans:indicator_edit": "indicator", "reporting:period_edit": "period",
    "reporting:update_detail": "update", "reporting:update_edit": "update",
    "meetings:meeting_detail": "meeting", "meetings:meeting_edit": "meeting",
    "meetings:agenda_item_create": "meeting", "meetings:amendment_create": "meeting",
    "meetings:agenda_item_edit": "item", "meetings:action_item_create": "item",
    "meetings:action_detail": "action", "meetings:action_item_edit": "action",
    "statements:statement_detail": "statement", "overview:party": "party",
    "exchange:updates_workbook": ("plan_id", "period", "party"),
    "publication:plan": "plan_id",
}  # fmt: skip


def page_urls(world, kinds=(SIGNED, PUBLIC)) -> list[str]:
    """The address of every page type of these kinds in the access table, and a missing page."""
    urls = []
    for name, kind in ACCESS_TABLE.items():
        if kind not in kinds or name in NOT_PAGES:
            continue
        keys = ARGUMENTS.get(name, ())
        keys = (keys,) if isinstance(keys, str) else keys
        urls.append(reverse(name, args=[world[key] for key in keys]))
    return [*urls, "/no-such-page/"]


def public_urls(world) -> list[str]:
    """What a visitor who is not signed in can open: the sign-in page and the public pages."""
    return [reverse("login"), *page_urls(world, kinds=(PUBLIC,))]
