"""Faults: a failure in the middle of a multi-step write leaves nothing behind.

Each write action is run again and again with a failure injected at its 1st, 2nd, … n-th
statement that writes (the last one is usually its change-log row), and after every failure
every table, and the uploads folder, must be exactly as before: no partial rows, no history of
what did not happen. Then it runs without a failure, to show the case did write something.
The meeting pack only reads: building and rendering it writes no row at all.
"""

import datetime

import pytest
from django.db import connection, transaction

from workplan.core import changelog
from workplan.core.models import ChangeLog
from workplan.core.tests.databases import PDF, files_under, table_rows, upload
from workplan.meetings import actions as meetings
from workplan.meetings import pack
from workplan.meetings.models import Body
from workplan.plans.actions import add_indicator, create_activity, update_activity
from workplan.reporting import actions as reporting

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
MOST_FAULT_POINTS = 12


class InjectedFault(Exception):
    """The failure the tests inject; nothing in the application catches it."""


class StatementWatch:
    """Counts the statements that write, and raises before the `fail_at`-th one runs."""

    def __init__(self, fail_at: int | None = None):
        self.fail_at, self.writes = fail_at, []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes.append(sql)
            if len(self.writes) == self.fail_at:
                raise InjectedFault(f"failure injected before: {sql[:80]}")
        return execute(sql, params, many, context)


def writes_of(act) -> list[str]:
    """The statements that `act` writes, found in a savepoint that is then rolled back."""
    watch = StatementWatch()
    with transaction.atomic(), connection.execute_wrapper(watch):
        act()
        transaction.set_rollback(True)
    return watch.writes


def fault_points(count: int) -> list[int]:
    """Every write, or for a long run of writes a spread of them from the first to the last."""
    if count <= MOST_FAULT_POINTS:
        return list(range(1, count + 1))
    step = count / (MOST_FAULT_POINTS - 1)
    return sorted(
        {1, 2, count - 1, count, *(round(step * i) or 1 for i in range(MOST_FAULT_POINTS))}
    )


def assert_all_or_nothing(act, media_root) -> int:
    """Fails `act` at each of its writes in turn; each time, nothing may have changed."""
    count = len(writes_of(act))
    assert count >= 2, "not a multi-step write"
    for point in fault_points(count):
        rows, files = table_rows(counters=False), files_under(media_root)
        log = ChangeLog.objects.count()
        with pytest.raises(InjectedFault), connection.execute_wrapper(StatementWatch(point)):
            act()
        assert ChangeLog.objects.count() == log, f"history of what did not happen ({point})"
        assert table_rows(counters=False) == rows, (
            f"rows left by a failure at write {point} of {count}"
        )
        assert files_under(media_root) == files, f"files left by a failure at write {point}"
    act()
    return count


# Fixtures: the state each write starts from.


@pytest.fixture
def activity(make_activity, asec):
    made = make_activity(
        lead="JPN", partners=["IDN"], status="ongoing", actual_start=datetime.date(2024, 3, 2)
    )
    add_indicator(made, {"name": "Officers trained", "unit": "number"}, actor=asec)
    return made


@pytest.fixture
def draft(activity, plan, jpn):
    return reporting.start_update(activity, plan.periods.get(name="H1 2024"), actor=jpn)


def fill(draft, jpn):
    fields = {
        "narrative": "Two courses held.",
        "percent_complete": 40,
        "reported_status": "ongoing",
    }
    values = {draft.activity.indicators.get().pk: 35}
    return reporting.save_update(draft, fields, values, expected_version=draft.version, actor=jpn)


@pytest.fixture
def submitted(draft, jpn):
    return reporting.submit_update(fill(draft, jpn), actor=jpn)


@pytest.fixture
def meeting(plan, asec, parties):
    data = {
        "body": Body.objects.get(key="SOMTC+JPN"),
        "number": 30,
        "plan": plan,
        "start_date": datetime.date(2025, 6, 10),
        "end_date": datetime.date(2025, 6, 11),
        "city": "Vientiane",
        "country": parties["LAO"],
        "status": "held",
    }
    return meetings.create_meeting(data, actor=asec)


@pytest.fixture
def agenda_item(meeting, asec):
    return meetings.add_agenda_item(meeting, {"title": "Review of the work plan"}, actor=asec)


# Plans


def test_it_leaves_nothing_of_an_activity_whose_creation_fails_midway(
    plan, parties, asec, settings
):
    area = plan.areas.get(key="cybercrime")
    data = {
        "title": "Digital forensics course", "area": area,
        "commitments": [area.commitments.first()],
        "lead_party": parties["JPN"], "partner_parties": [parties["VNM"], parties["PHL"]],
        "modality": "training", "planned_start": datetime.date(2025, 2, 1),
        "planned_end": datetime.date(2025, 3, 31), "status": "planned",
        "classification": "internal",
    }  # fmt: skip
    assert_all_or_nothing(lambda: create_activity(plan, data, actor=asec), settings.MEDIA_ROOT)


def test_it_leaves_nothing_of_an_activity_edit_that_fails_midway(activity, parties, jpn, settings):
    data = {"title": "Boarding course", "partner_parties": [parties["VNM"]], "status": "completed",
            "actual_end": datetime.date(2024, 6, 20)}  # fmt: skip

    def edit():
        current = type(activity).objects.get(pk=activity.pk)
        return update_activity(current, data, expected_version=current.version, actor=jpn)

    assert_all_or_nothing(edit, settings.MEDIA_ROOT)


# Reporting


def test_it_leaves_nothing_of_a_draft_save_that_fails_midway(draft, jpn, settings):
    assert_all_or_nothing(lambda: fill(draft, jpn), settings.MEDIA_ROOT)


def test_it_leaves_nothing_of_a_submission_that_fails_midway(draft, jpn, settings):
    filled = fill(draft, jpn)
    assert_all_or_nothing(lambda: reporting.submit_update(filled, actor=jpn), settings.MEDIA_ROOT)


def test_it_leaves_nothing_of_an_acceptance_that_fails_midway(submitted, asec, settings):
    assert_all_or_nothing(
        lambda: reporting.accept_update(submitted, actor=asec), settings.MEDIA_ROOT
    )


def test_it_leaves_nothing_of_an_evidence_upload_that_fails_midway(draft, jpn, settings):
    def attach():
        return reporting.add_evidence(draft, upload("list.pdf", PDF), actor=jpn)

    assert_all_or_nothing(attach, settings.MEDIA_ROOT)


# Meetings


def test_it_leaves_nothing_of_an_action_item_that_fails_midway(
    agenda_item, activity, parties, asec, settings
):
    data = {
        "text": "Share the list of trained officers",
        "owners": [parties["VNM"], parties["IDN"]],
        "activities": [activity],
        "due_date": datetime.date(2025, 9, 1),
    }
    assert_all_or_nothing(
        lambda: meetings.add_action_item(agenda_item, data, actor=asec), settings.MEDIA_ROOT
    )


def test_it_leaves_nothing_of_an_amendment_that_fails_midway(meeting, activity, asec, settings):
    data = {"kind": "changed", "activity": activity, "description": "Adds a second course."}
    assert_all_or_nothing(
        lambda: meetings.add_amendment(meeting, data, actor=asec), settings.MEDIA_ROOT
    )


def test_it_leaves_nothing_of_action_progress_that_fails_midway(agenda_item, parties, asec, vnm,
                                                                 settings):  # fmt: skip
    data = {"text": "Share the list", "owners": [parties["VNM"]]}
    action = meetings.add_action_item(agenda_item, data, actor=asec)
    assert_all_or_nothing(
        lambda: meetings.report_action_progress(action, "Sent to IDN.", "in_progress", actor=vnm),
        settings.MEDIA_ROOT,
    )


def test_it_leaves_nothing_of_a_meeting_document_that_fails_midway(meeting, asec, settings):
    def attach():
        return meetings.add_document(meeting, upload("minutes.pdf", PDF), actor=asec)

    assert_all_or_nothing(attach, settings.MEDIA_ROOT)


def test_it_writes_nothing_while_building_and_rendering_a_meeting_pack(
    meeting, agenda_item, submitted, asec, parties
):
    meetings.add_action_item(agenda_item, {"text": "Report", "owners": [parties["VNM"]]},
                             actor=asec)  # fmt: skip
    reporting.accept_update(submitted, actor=asec)
    # the pack of the next meeting carries the action items of this one
    ahead = datetime.date.today() + datetime.timedelta(days=30)
    next_meeting = meetings.create_meeting(
        {"body": meeting.body, "number": 31, "plan": meeting.plan, "start_date": ahead,
         "end_date": ahead, "city": "Tokyo", "country": meeting.country, "status": "planned"},
        actor=asec,
    )  # fmt: skip
    watch = StatementWatch()
    with connection.execute_wrapper(watch):
        content = pack.build(next_meeting, asec)
        pack.render_docx(content)
        pack.render_pdf(content)
    assert content.actions
    assert watch.writes == []


# Loading the default plan: many writes in one transaction.


def test_it_leaves_nothing_of_a_plan_load_that_fails_midway(db, settings):
    from workplan.exchange.default_plan import load_default_plan

    with changelog.request_scope():
        count = assert_all_or_nothing(load_default_plan, settings.MEDIA_ROOT)
    assert count > 50
