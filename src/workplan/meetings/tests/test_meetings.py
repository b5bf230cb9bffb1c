"""The meeting cycle: meetings, agenda, action items carried forward, amendments, calendar."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from workplan.meetings import actions, cycle
from workplan.meetings.models import ActionItem, Meeting, MeetingDocument
from workplan.meetings.reminders import send_action_reminders

D = datetime.date


def test_it_shows_the_ordinal_and_body(make_meeting):
    assert str(make_meeting(number=21)) == "21st SOMTC + Japan"


def test_it_refuses_a_meeting_ending_before_it_starts(make_meeting):
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as error:
        make_meeting(start=D(2024, 6, 10), end_date=D(2024, 6, 9))
    assert error.value.message_dict["end_date"] == ["The meeting cannot end before it starts."]
    assert Meeting.objects.count() == before


def test_it_refuses_an_ordinal_already_used_for_the_body(make_meeting):
    with pytest.raises(ValidationError) as error:
        make_meeting(number=19)  # the 19th SOMTC + Japan comes with the default plan
    assert error.value.message_dict["number"] == [
        "The 19th SOMTC + Japan is already recorded (Jun 2023); choose another number."
    ]


def test_it_refuses_an_action_item_without_an_owner(make_meeting, asec):
    item = actions.add_agenda_item(make_meeting(), {"title": "Review"}, actor=asec)
    with pytest.raises(ValidationError) as error:
        actions.add_action_item(item, {"text": "Do it", "owners": []}, actor=asec)
    assert error.value.message_dict["owners"] == ["An action item needs at least one owner party."]
    assert ActionItem.objects.count() == 0


def test_it_lets_only_the_secretariat_manage_meetings(make_meeting, idn, somtc_japan, plan):
    with pytest.raises(PermissionDenied):
        actions.create_meeting(
            {"body": somtc_japan, "number": 30, "plan": plan, "start_date": D(2025, 1, 1)},
            actor=idn,
        )
    with pytest.raises(PermissionDenied):
        actions.add_agenda_item(make_meeting(), {"title": "X"}, actor=idn)


def test_it_lets_an_owners_focal_point_report_progress(action_for_vnm, vnm):
    actions.report_action_progress(action_for_vnm, "Half the list sent.", "in_progress", actor=vnm)
    action_for_vnm.refresh_from_db()
    assert action_for_vnm.status == "in_progress"
    assert action_for_vnm.notes.get().text == "Half the list sent."


def test_it_refuses_progress_notes_from_other_parties(action_for_vnm, jpn):
    with pytest.raises(PermissionDenied):
        actions.report_action_progress(action_for_vnm, "Not ours.", "done", actor=jpn)


def test_it_carries_open_items_to_the_next_meeting_of_the_body(action_for_vnm, make_meeting):
    next_meeting = make_meeting(number=21, start=D(2025, 6, 10))
    carried = cycle.carried_forward(ActionItem.objects.all(), next_meeting)
    assert list(carried) == [action_for_vnm]
    history = cycle.discussed_at(action_for_vnm, Meeting.objects.all())
    assert [str(m) for m in history] == ["20th SOMTC + Japan", "21st SOMTC + Japan"]


def test_it_stops_carrying_an_item_once_done(action_for_vnm, make_meeting, vnm):
    actions.report_action_progress(action_for_vnm, "All sent.", "done", actor=vnm)
    later = make_meeting(number=21, start=D(2099, 1, 10), end_date=D(2099, 1, 11))
    assert not cycle.carried_forward(ActionItem.objects.all(), later).exists()


def test_it_makes_an_item_due_by_the_next_meeting_of_a_body(
    make_meeting, asec, parties, somtc_japan
):
    item = actions.add_agenda_item(make_meeting(), {"title": "Review"}, actor=asec)
    action = actions.add_action_item(
        item,
        {"text": "Report back", "owners": [parties["IDN"]], "due_by_next_meeting_of": somtc_japan},
        actor=asec,
    )
    make_meeting(number=21, start=D(2025, 6, 10))
    assert cycle.with_due_on(ActionItem.objects.filter(pk=action.pk)).get().due_on == D(2025, 6, 10)


def test_it_flags_overdue_items_and_reminds_owners_once(
    action_for_vnm, vnm, django_capture_on_commit_callbacks
):
    vnm.email = "lan@example.vn"
    vnm.save()
    assert list(cycle.overdue(ActionItem.objects.all(), D(2024, 9, 2))) == [action_for_vnm]
    with django_capture_on_commit_callbacks(execute=True):
        first = send_action_reminders(D(2024, 9, 2))
        second = send_action_reminders(D(2024, 9, 3))
    assert (first.items, first.emails()) == (1, 1)
    assert (second.items, second.emails()) == (0, 0)
    assert mail.outbox[0].to == ["lan@example.vn"]
    assert mail.outbox[0].subject == "Work Plan Monitor: 1 action item overdue"
    assert "Share the list of trained officers" in mail.outbox[0].body
    assert vnm.notifications.filter(kind="action_overdue").count() == 1


def test_it_logs_adopted_amendments_on_the_plan_page(
    client, plan, asec, vnm, make_meeting, make_activity
):
    meeting = make_meeting(number=22, start=D(2025, 6, 10))
    activity = make_activity(classification="internal")
    amendment = actions.add_amendment(
        meeting,
        {"kind": "added", "activity": activity, "description": "Adds a port security study."},
        actor=asec,
    )
    actions.adopt_amendment(amendment, actor=asec)
    client.force_login(vnm)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Adds a port security study." in page
    assert "adopted at the 22nd SOMTC + Japan" in page


def test_it_serves_a_calendar_that_parses_and_refuses_a_wrong_token(client, vnm, action_for_vnm):
    feed = actions.calendar_feed_of(vnm)
    response = client.get(reverse("meetings:calendar_feed", args=[feed.token]))
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "20th SOMTC + Japan" in summaries
    assert "Action overdue: Share the list of trained officers" in summaries
    assert client.get(reverse("meetings:calendar_feed", args=["not-the-token"])).status_code == 404


def test_it_retires_the_old_calendar_address_on_reset(client, vnm):
    old = actions.calendar_feed_of(vnm).token
    client.force_login(vnm)
    client.post(reverse("meetings:calendar_settings"))
    client.logout()
    assert client.get(reverse("meetings:calendar_feed", args=[old])).status_code == 404


def test_it_refuses_meeting_pages_by_role(client, make_meeting, vnm, asec):
    meeting = make_meeting()
    client.force_login(vnm)
    assert client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:meeting_create")).status_code == 403
    client.force_login(asec)
    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 200


def test_it_shows_form_errors_for_a_bad_meeting(client, asec, somtc_japan, plan):
    client.force_login(asec)
    data = {
        "body": somtc_japan.pk,
        "number": 19,
        "plan": plan.pk,
        "start_date": "2024-06-10",
        "end_date": "2024-06-01",
        "date_precision": "day",
        "status": "planned",
    }
    response = client.post(reverse("meetings:meeting_create"), data)
    errors = response.context["form"].errors
    assert errors["end_date"] == ["The meeting cannot end before it starts."]
    assert "already recorded" in errors["number"][0]


def test_it_names_on_the_meeting_page_only_the_areas_the_reader_may_see(
    client, asec, vnm, make_meeting, private_plan, plan
):
    meeting = make_meeting(plan=private_plan)
    actions.add_agenda_item(
        meeting, {"title": "Rivers", "areas": [private_plan.areas.get()]}, actor=asec
    )
    actions.update_meeting(meeting, {"plan": plan}, expected_version=1, actor=asec)
    client.force_login(vnm)
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Rivers" in page
    assert "Mekong river patrols" not in page


def test_it_refuses_an_area_of_another_plan_on_the_agenda_page(
    client, asec, make_meeting, private_plan
):
    meeting = make_meeting()
    client.force_login(asec)
    response = client.post(
        reverse("meetings:agenda_item_create", args=[meeting.pk]),
        {"title": "Rivers", "areas": [private_plan.areas.get().pk], "activities": ""},
    )
    assert "areas" in response.context["form"].errors
    assert not meeting.agenda_items.exists()


def test_it_reminds_an_owner_only_of_action_items_it_may_see(
    asec, vnm, idn, parties, make_meeting, private_plan, django_capture_on_commit_callbacks
):
    from workplan.accounts.models import User
    from workplan.meetings.models import ActionReminder

    User.objects.filter(pk=vnm.pk).update(email="lan@example.vn")
    User.objects.filter(pk=idn.pk).update(email="dewi@example.id")
    item = actions.add_agenda_item(make_meeting(plan=private_plan), {"title": "Rivers"}, actor=asec)
    data = {"text": "Map the river crossings", "owners": [parties["VNM"], parties["IDN"]],
            "due_date": D(2024, 9, 1)}  # fmt: skip
    action = actions.add_action_item(item, data, actor=asec)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminders(D(2024, 9, 2)).items == 1

    assert [message.to for message in mail.outbox] == [["dewi@example.id"]]
    assert ActionReminder.objects.get(action_item=action).recipients == idn.username


def test_it_stores_and_serves_a_document_under_the_extension_of_its_content(
    client, make_meeting, asec
):
    meeting = make_meeting()
    client.force_login(asec)
    upload = SimpleUploadedFile("minutes.pdf.html", b"%PDF-1.4\n%%EOF\n")
    client.post(reverse("meetings:document_upload", args=[meeting.pk]), {"file": upload})
    document = MeetingDocument.objects.get()
    MeetingDocument.objects.update(original_name="notes.pdf.html")  # as stored before the names

    response = client.get(document.get_absolute_url())

    assert document.original_name == "minutes.pdf"
    assert document.file.name.endswith(".pdf")
    assert response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
