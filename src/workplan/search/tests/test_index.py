"""The search index follows the write path: every kind's create and edit reach it, the bulk
import too, and `workplan reindex-search` rebuilds it from the records."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from workplan.meetings import actions as meetings
from workplan.meetings.models import Body
from workplan.plans import bulk_actions
from workplan.plans.actions import update_activity
from workplan.reporting import actions as reporting
from workplan.search.models import SearchDocument
from workplan.statements.actions import record_statement

D = datetime.date


def text_of(kind: str, obj) -> str:
    return SearchDocument.objects.get(kind=kind, object_id=obj.pk).text


@pytest.fixture
def meeting(plan, asec):
    data = {"body": Body.objects.get(key="SOMTC+JPN"), "number": 30, "plan": plan,
            "start_date": D(2025, 6, 10), "city": "Manila"}  # fmt: skip
    return meetings.create_meeting(data, actor=asec)


def test_it_indexes_an_activity_when_it_is_created_and_edited(make_activity, asec):
    activity = make_activity(title="Quokka patrol", description="Harbour sweep")
    assert "Quokka patrol" in text_of("activity", activity)
    assert activity.code in text_of("activity", activity)

    update_activity(activity, {"title": "Numbat patrol"}, expected_version=1, actor=asec)

    assert "Numbat patrol" in text_of("activity", activity)
    assert "Quokka" not in text_of("activity", activity)


def test_it_indexes_a_meeting_when_it_is_created_and_edited(meeting, asec):
    assert "Manila" in text_of("meeting", meeting)
    meetings.update_meeting(meeting, {"city": "Hanoi"}, expected_version=1, actor=asec)
    assert "Hanoi" in text_of("meeting", meeting)
    assert "Manila" not in text_of("meeting", meeting)


def test_it_indexes_agenda_items_decisions_and_action_items_as_they_are_written(
    meeting, asec, parties
):
    item = meetings.add_agenda_item(meeting, {"title": "Dugong review"}, actor=asec)
    assert "Dugong review" in text_of("agenda_item", item)
    item = meetings.update_agenda_item(
        item, {"noted": "Koala report noted"}, expected_version=1, actor=asec
    )
    assert "Koala report noted" in text_of("agenda_item", item)

    decision = meetings.add_decision(item, "Possum decision", actor=asec)
    assert text_of("decision", decision) == "Possum decision"

    action = meetings.add_action_item(
        item, {"text": "Bilby task", "owners": [parties["VNM"]]}, actor=asec
    )
    assert text_of("action_item", action) == "Bilby task"
    meetings.update_action_item(action, {"text": "Galah task"}, expected_version=1, actor=asec)
    assert text_of("action_item", action) == "Galah task"


def test_it_indexes_a_progress_updates_narrative_when_it_is_saved(plan, make_activity, idn):
    update = reporting.start_update(make_activity(), plan.periods.get(name="H1 2024"), actor=idn)
    reporting.save_update(
        update, {"narrative": "Platypus narrative", "percent_complete": 40,
                 "reported_status": "ongoing"}, {}, expected_version=1, actor=idn,
    )  # fmt: skip
    assert text_of("update", update) == "Platypus narrative"


def test_it_indexes_a_meeting_document_and_a_statement(meeting, asec):
    upload = SimpleUploadedFile("taipan-minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    document = meetings.add_document(meeting, upload, actor=asec)
    assert text_of("document", document) == "taipan-minutes.pdf"

    statement = record_statement(
        {"title": "Chairman's statement", "text": "Echidna cooperation welcomed"}, [], {},
        actor=asec,
    )  # fmt: skip
    assert "Echidna cooperation welcomed" in text_of("statement", statement)


def test_it_indexes_activities_written_by_the_bulk_import(plan, asec, make_activity):
    from workplan.plans.tests.test_bulk_actions import edited

    activity = make_activity(title="Quokka patrol")
    bulk_actions.import_activities(plan, [edited(activity, title="Wombat patrol")], actor=asec)
    assert "Wombat patrol" in text_of("activity", activity)


def test_the_reindex_command_rebuilds_every_document(make_activity, meeting, capsys):
    activity = make_activity(title="Quokka patrol")
    SearchDocument.objects.all().delete()

    call_command("reindex_search")

    assert "Quokka patrol" in text_of("activity", activity)
    assert "Manila" in text_of("meeting", meeting)
    assert "activity: 1" in capsys.readouterr().out
