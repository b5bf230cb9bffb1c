"""A meeting reviews one plan and may also note others (the AMMTC notes several): it shows among
the meetings of each, to readers of each; a reader who sees none of its plans never learns of
it, and a reader of a noted plan never reads the name of the plan it reviews."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.core.changelog import history_of
from workplan.core.models import ChangeLog
from workplan.meetings import actions, pack
from workplan.meetings.actions import calendar_feed_of
from workplan.meetings.models import Body, Meeting
from workplan.plans.actions import create_plan

D = datetime.date
DEFAULT_PLAN_MEETINGS = 4  # in the default plan's data file


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def ammtc(plan):
    return Body.objects.get(key="AMMTC")


@pytest.fixture
def second_private_plan(private_plan, asec, parties):
    """A plan of Indonesia and the Secretariat only, not public."""
    return create_plan(
        {"title": "Indonesia lake plan", "short_title": "Lake plan",
         "start_date": D(2024, 1, 1), "end_date": D(2026, 12, 31)},
        parties=[parties["IDN"], parties["ASEC"]],
        areas=[{"key": "lakes", "name": "Lake patrols", "code_prefix": "LAK"}],
        actor=asec,
    )  # fmt: skip


def record_ammtc(asec, ammtc, plan, noted, **fields):
    data = {"body": ammtc, "number": 19, "plan": plan, "start_date": D(2030, 8, 20),
            "city": "Quokkaburg", "note": "Quokka ministers", "noted_plans": noted}  # fmt: skip
    data.update(fields)
    return actions.create_meeting(data, actor=asec)


def test_the_secretariat_records_the_plans_a_meeting_also_notes_on_record(
    asec, ammtc, plan, private_plan
):
    meeting = record_ammtc(asec, ammtc, plan, [private_plan])
    assert list(meeting.noted_plans.all()) == [private_plan]
    created = history_of(meeting).filter(kind=ChangeLog.Kind.CREATE).get()
    assert [ref["id"] for ref in created.after["noted_plans"]] == [private_plan.pk]
    actions.update_meeting(meeting, {"noted_plans": []}, expected_version=1, actor=asec)
    changed = history_of(meeting).filter(kind=ChangeLog.Kind.UPDATE).get()
    assert changed.before["noted_plans"] != changed.after["noted_plans"] == []


def test_it_refuses_noting_the_plan_the_meeting_reviews_and_changes_nothing(asec, ammtc, plan):
    meeting = record_ammtc(asec, ammtc, plan, [])
    with pytest.raises(ValidationError) as refused:
        actions.update_meeting(meeting, {"noted_plans": [plan]}, expected_version=1, actor=asec)
    assert "it is not also one it notes" in refused.value.message_dict["noted_plans"][0]
    meeting.refresh_from_db()
    assert meeting.version == 1
    assert not meeting.noted_plans.exists()


def test_a_meeting_shows_among_the_meetings_of_each_plan_it_notes(
    client, asec, idn, ammtc, plan, private_plan
):
    meeting = record_ammtc(asec, ammtc, private_plan, [plan])
    client.force_login(idn)
    for plan_shown in (plan, private_plan):
        listed = client.get(reverse("meetings:meeting_list"), {"plan": plan_shown.pk})
        assert "19th AMMTC" in listed.content.decode()
        calendar = client.get(
            reverse("meetings:meeting_calendar"), {"plan": plan_shown.pk, "month": "2030-08"}
        )
        assert "19th AMMTC" in calendar.content.decode()
        page = client.get(reverse("overview:plan", args=[plan_shown.pk]))
        assert meeting in page.context["next_meetings"]
        found = api(idn).get(reverse("api:meeting-list"), {"plan": plan_shown.pk}).json()
        assert meeting.pk in [row["id"] for row in found["results"]]


def test_a_meeting_does_not_show_among_the_meetings_of_a_plan_it_does_not_serve(
    client, asec, idn, ammtc, plan, private_plan, second_private_plan
):
    record_ammtc(asec, ammtc, private_plan, [plan])
    client.force_login(idn)
    listed = client.get(reverse("meetings:meeting_list"), {"plan": second_private_plan.pk})
    assert "19th AMMTC" not in listed.content.decode()
    found = api(idn).get(reverse("api:meeting-list"), {"plan": second_private_plan.pk}).json()
    assert found["count"] == 0


def test_the_meeting_page_names_the_plans_it_reviews_and_notes(
    client, asec, ammtc, plan, private_plan
):
    meeting = record_ammtc(asec, ammtc, plan, [private_plan])
    client.force_login(asec)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Reviews" in page
    assert plan.short_title in page
    assert "Also notes" in page
    assert private_plan.short_title in page


def test_a_reader_of_a_noted_plan_never_reads_the_name_of_the_hidden_plan_reviewed(
    client, asec, vnm, ammtc, plan, private_plan
):
    meeting = record_ammtc(asec, ammtc, private_plan, [plan])
    client.force_login(vnm)
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Also notes" in text
    assert plan.short_title in text
    assert private_plan.short_title not in text
    assert "Meeting pack" not in text
    assert page.context["plan"] == plan
    row = api(vnm).get(reverse("api:meeting-detail", args=[meeting.pk])).json()
    assert row["plan"] is None
    assert row["noted_plans"] == [plan.pk]
    with pytest.raises(ValidationError, match="which you may not see"):
        pack.build(meeting, vnm)


def test_a_reader_who_sees_none_of_its_plans_never_learns_of_the_meeting(
    client, asec, vnm, ammtc, private_plan, second_private_plan
):
    meeting = record_ammtc(asec, ammtc, private_plan, [second_private_plan])
    item = actions.add_agenda_item(meeting, {"title": "Quokka review"}, actor=asec)
    actions.add_action_item(item, {"text": "Quokka action", "owners": [vnm.party],
                                   "due_date": D(2030, 9, 1)}, actor=asec)  # fmt: skip
    client.force_login(vnm)
    pages = [
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting_calendar") + "?month=2030-08",
        reverse("search:search") + "?q=quokka",
        reverse("notifications:notification_list"),
        f"/calendar/{calendar_feed_of(vnm).token}.ics",
    ]
    for url in pages:
        assert "Quokka" not in client.get(url).content.decode(), url
    client.force_login(asec)  # the pages do show it to a reader of its plans
    assert all("Quokka" in client.get(url).content.decode() for url in (pages[0], pages[2]))
    client.force_login(vnm)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    reader = api(vnm)
    assert reader.get(reverse("api:meeting-detail", args=[meeting.pk])).status_code == 404
    listed = reader.get(reverse("api:meeting-list"), {"page_size": 500}).json()["results"]
    assert meeting.pk not in [row["id"] for row in listed]
    assert reader.get(reverse("api:action-item-list")).json()["count"] == 0
    changes = reader.get(reverse("api:change-list"), {"object_id": meeting.pk}).json()
    assert [row for row in changes["results"] if "Quokka" in str(row)] == []


def test_a_meeting_noting_a_plan_a_reader_sees_is_seen_by_that_reader_only(
    asec, idn, jpn, ammtc, private_plan, second_private_plan
):
    meeting = record_ammtc(asec, ammtc, second_private_plan, [private_plan])
    assert api(idn).get(reverse("api:meeting-detail", args=[meeting.pk])).status_code == 200
    assert api(jpn).get(reverse("api:meeting-detail", args=[meeting.pk])).status_code == 200
    assert api(jpn).get(reverse("api:meeting-detail", args=[meeting.pk])).json()["plan"] is None


def test_the_public_page_of_a_published_plan_lists_the_meetings_that_note_it(
    client, asec, ammtc, plan, private_plan
):
    record_ammtc(asec, ammtc, private_plan, [plan])
    page = client.get(reverse("publication:plan", args=[plan.pk])).content.decode()
    assert "19th AMMTC" in page
    assert private_plan.short_title not in page


def test_the_secretariat_sets_the_noted_plans_on_the_edit_page(
    client, asec, ammtc, plan, private_plan
):
    meeting = record_ammtc(asec, ammtc, plan, [])
    client.force_login(asec)
    form = client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(body=ammtc.pk, plan=plan.pk, noted_plans=[private_plan.pk], version=1)
    data.pop("participants", None)
    response = client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(meeting.noted_plans.all()) == [private_plan]


def test_the_edit_page_names_a_noted_plan_that_is_the_plan_reviewed(client, asec, ammtc, plan):
    meeting = record_ammtc(asec, ammtc, plan, [])
    client.force_login(asec)
    form = client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(body=ammtc.pk, plan=plan.pk, noted_plans=[plan.pk], version=1)
    data.pop("participants", None)
    response = client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "it is not also one it notes" in str(response.context["form"].errors["noted_plans"])
    assert not meeting.noted_plans.exists()


def test_the_api_sets_the_noted_plans_with_the_version(asec, vnm, ammtc, plan, private_plan):
    meeting = record_ammtc(asec, ammtc, plan, [])
    url = reverse("api:meeting-detail", args=[meeting.pk])
    patch = {"noted_plans": [private_plan.pk]}
    assert api(asec).patch(url, patch, format="json").status_code == 428
    done = api(asec).patch(url, patch, format="json", headers={"If-Match": '"1"'})
    assert done.status_code == 200, done.json()
    assert done.json()["noted_plans"] == [private_plan.pk]
    stale = api(asec).patch(url, {"noted_plans": []}, format="json", headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    refused = api(vnm).patch(url, {"noted_plans": []}, format="json", headers={"If-Match": '"2"'})
    assert refused.status_code == 403
    assert list(Meeting.objects.get(pk=meeting.pk).noted_plans.all()) == [private_plan]


def test_the_api_names_a_noted_plan_that_is_the_plan_reviewed(asec, ammtc, plan):
    response = api(asec).post(
        reverse("api:meeting-list"),
        {"body": "AMMTC", "number": 19, "plan": plan.pk, "noted_plans": [plan.pk],
         "start_date": "2030-08-20"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "it is not also one it notes" in response.json()["noted_plans"][0]
    assert not Meeting.objects.filter(body=ammtc, number=19).exists()


@pytest.mark.parametrize("meetings", [2, 10])
def test_it_runs_a_fixed_number_of_queries_on_the_meetings_of_a_plan(
    client, asec, idn, ammtc, plan, private_plan, meetings, django_assert_num_queries
):
    for number in range(meetings):
        reviewed, noted = (plan, [private_plan]) if number % 2 else (private_plan, [plan])
        record_ammtc(asec, ammtc, reviewed, noted, number=30 + number,
                     start_date=D(2024, 1, 1) + datetime.timedelta(days=20 * number))  # fmt: skip
    client.force_login(idn)
    client.get("/")  # the first request may renew the session
    # session, user, the plan asked for, upcoming meetings, count of held ones, the page of held
    # ones + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(9):
        page = client.get(reverse("meetings:meeting_list"), {"plan": plan.pk})
    assert len(page.context["past"].object_list) == meetings + DEFAULT_PLAN_MEETINGS


@pytest.mark.parametrize("meetings", [2, 10])
def test_it_runs_a_fixed_number_of_queries_on_the_api_meetings_of_a_plan(
    asec, idn, ammtc, plan, private_plan, meetings, django_assert_num_queries
):
    for number in range(meetings):
        record_ammtc(asec, ammtc, private_plan, [plan], number=30 + number)
    client = api(idn)
    # count, the page of meetings (body, venue, chair, whether its plan is shown), their
    # participants, the noted plans the user sees
    with django_assert_num_queries(4):
        response = client.get(reverse("api:meeting-list"), {"plan": plan.pk, "page_size": 50})
    assert response.json()["count"] == meetings + DEFAULT_PLAN_MEETINGS
