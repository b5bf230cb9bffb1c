"""The meeting cycle through the API: the Secretariat records meetings, agenda, decisions and
action items; an owner's focal point reports progress; others are refused; linked activities
are shown only to those who may see them."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.meetings import actions
from workplan.plans.models import WorkPlan


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_secretariat_records_a_meeting_its_agenda_decision_and_action(asec, plan):
    client = api(asec)
    meeting = client.post(
        reverse("api:meeting-list"),
        {"body": "SOMTC+JPN", "number": 20, "plan": plan.pk, "start_date": "2024-06-10",
         "end_date": "2024-06-11", "city": "Vientiane", "country": "LAO", "status": "held"},
    )  # fmt: skip
    assert meeting.status_code == 201, meeting.json()
    assert meeting.json()["name"] == "20th SOMTC + Japan"
    item = client.post(
        reverse("api:agenda-item-list"), {"meeting": meeting.json()["id"], "title": "Review"}
    )
    assert item.status_code == 201
    decision = client.post(
        reverse("api:decision-list"), {"agenda_item": item.json()["id"], "text": "Noted."}
    )
    assert decision.status_code == 201
    action = client.post(
        reverse("api:action-item-list"),
        {"agenda_item": item.json()["id"], "text": "Share the list", "owners": ["VNM"],
         "due_date": "2024-09-01"},
    )  # fmt: skip
    assert action.status_code == 201
    assert action.json()["due_on"] == "2024-09-01"


def test_it_names_the_rules_a_meeting_breaks(asec, plan, make_meeting):
    make_meeting(number=20)
    response = api(asec).post(
        reverse("api:meeting-list"),
        {"body": "SOMTC+JPN", "number": 20, "start_date": "2024-06-10", "end_date": "2024-06-01"},
    )
    assert response.status_code == 400
    assert {"number", "end_date"} <= set(response.json())


def test_it_refuses_meeting_records_to_a_focal_point(idn, make_meeting, action_for_vnm):
    meeting = make_meeting(number=21, start=datetime.date(2025, 6, 10))
    client = api(idn)
    url = reverse("api:meeting-detail", args=[meeting.pk])
    assert client.get(url).status_code == 200
    assert client.patch(url, {"city": "Hanoi"}, HTTP_IF_MATCH='"1"').status_code == 403
    agenda = {"meeting": meeting.pk, "title": "Mine"}
    assert client.post(reverse("api:agenda-item-list"), agenda).status_code == 403
    action_url = reverse("api:action-item-detail", args=[action_for_vnm.pk])
    assert client.patch(action_url, {"text": "x"}, HTTP_IF_MATCH='"1"').status_code == 403


def test_an_owners_focal_point_reports_progress_and_others_may_not(action_for_vnm, vnm, jpn):
    url = reverse("api:action-item-progress", args=[action_for_vnm.pk])
    refused = api(jpn).post(url, {"text": "Done by us", "status": "done"})
    assert refused.status_code == 403

    response = api(vnm).post(url, {"text": "List shared with ASEC.", "status": "done"})

    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["closed_on"]


def test_it_refuses_a_status_set_by_the_edit_of_a_note_without_text(action_for_vnm, vnm):
    url = reverse("api:action-item-progress", args=[action_for_vnm.pk])
    response = api(vnm).post(url, {"text": "", "status": "done"})
    assert response.status_code == 400
    assert "text" in response.json()


def test_it_shows_linked_activities_only_to_those_who_may_see_them(
    make_meeting, make_activity, asec, vnm, parties
):
    hidden = make_activity(lead="IDN", partners=["JPN"], classification="restricted")
    shown = make_activity(lead="IDN", partners=["JPN"], classification="public")
    meeting = make_meeting()
    item = actions.add_agenda_item(
        meeting, {"title": "Review", "activities": [hidden, shown]}, actor=asec
    )
    url = reverse("api:agenda-item-detail", args=[item.pk])
    assert api(vnm).get(url).json()["activities"] == [shown.pk]
    assert sorted(api(asec).get(url).json()["activities"]) == sorted([hidden.pk, shown.pk])


def test_it_hides_meetings_of_a_private_plan_from_other_parties(
    make_meeting, action_for_vnm, outsider, plan
):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client = api(outsider)
    assert (
        client.get(reverse("api:action-item-detail", args=[action_for_vnm.pk])).status_code == 404
    )
    assert client.get(reverse("api:action-item-list")).json()["count"] == 0


def test_it_filters_action_items_as_the_export_does(action_for_vnm, asec):
    client = api(asec)
    url = reverse("api:action-item-list")
    assert client.get(url, {"owner": "VNM"}).json()["count"] == 1
    assert client.get(url, {"owner": "JPN"}).json()["count"] == 0
    assert client.get(url, {"overdue": "true"}).json()["count"] == 1
    assert client.get(url, {"status": "done"}).json()["count"] == 0


@pytest.mark.parametrize("count", [2, 15])
def test_it_runs_a_fixed_number_of_queries_on_the_action_item_list(
    make_meeting, make_activity, asec, vnm, parties, count, django_assert_num_queries
):
    meeting = make_meeting()
    activity = make_activity(classification="public")
    item = actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    for number in range(count):
        data = {"text": f"Action {number}", "owners": [parties["VNM"]], "activities": [activity]}
        actions.add_action_item(item, data, actor=asec)
    client = api(vnm)
    # count, the page of items (agenda item, body, due day), their owners, their activities
    with django_assert_num_queries(4):
        response = client.get(reverse("api:action-item-list"), {"page_size": 50})
    assert response.json()["count"] == count


def test_it_names_an_ordinal_taken_even_when_it_is_zero(asec, plan):
    client = api(asec)
    data = {"body": "SOMTC-WG-CT", "number": 0, "start_date": "2000-01-01"}
    assert client.post(reverse("api:meeting-list"), data).status_code == 201
    again = client.post(reverse("api:meeting-list"), data)
    assert again.status_code == 400
    assert "number" in again.json()


def test_it_refuses_an_area_of_another_plan_on_an_agenda_item_by_name(
    asec, make_meeting, private_plan
):
    meeting = make_meeting()
    other = private_plan.areas.get()
    response = api(asec).post(
        reverse("api:agenda-item-list"),
        {"meeting": meeting.pk, "title": "Rivers", "areas": [other.pk]},
    )
    assert response.status_code == 400
    assert response.json() == {
        "areas": ["'Mekong river patrols' is not an area of this meeting's plan."]
    }
    assert not meeting.agenda_items.exists()


def test_it_refuses_an_activity_of_another_plan_on_an_agenda_or_action_item_by_name(
    asec, make_meeting, private_plan, parties
):
    from workplan.plans.actions import create_activity

    area = private_plan.areas.get()
    other = create_activity(
        private_plan,
        {"title": "River drill", "area": area, "lead_party": parties["IDN"],
         "modality": "workshop", "planned_start": datetime.date(2024, 2, 1),
         "planned_end": datetime.date(2024, 5, 31), "status": "planned",
         "classification": "public"},
        actor=asec,
    )  # fmt: skip
    meeting = make_meeting()
    item = actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    client = api(asec)
    refused = {"activities": [f"'{other.code}' is not an activity of this meeting's plan."]}

    response = client.patch(
        reverse("api:agenda-item-detail", args=[item.pk]),
        {"activities": [other.pk]},
        HTTP_IF_MATCH='"1"',
    )
    assert (response.status_code, response.json()) == (400, refused)
    response = client.post(
        reverse("api:action-item-list"),
        {"agenda_item": item.pk, "text": "Do", "owners": ["IDN"], "activities": [other.pk]},
    )
    assert (response.status_code, response.json()) == (400, refused)
    assert not item.activities.exists()
    assert not item.action_items.exists()
