"""The Secretariat edits a plan's facts, its areas and commitments, and the meeting bodies after
they are created, from pages and the API: each change on record, bad input named by field with
nothing changed, and two editors of one record never overwriting each other."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.core.changelog import history_of
from workplan.core.models import ChangeLog
from workplan.core.records import EditConflict
from workplan.meetings.actions import update_body
from workplan.meetings.models import Body
from workplan.plans import actions
from workplan.plans.models import Commitment, PriorityArea, WorkPlan

D = datetime.date


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def plan_form_data(plan, **changes) -> dict:
    data = {
        "title": plan.title, "short_title": plan.short_title,
        "start_date": f"{plan.start_date:%Y-%m-%d}", "end_date": f"{plan.end_date:%Y-%m-%d}",
        "parties": [party.pk for party in plan.parties.all()], "version": plan.version,
    }  # fmt: skip
    data.update(changes)
    return data


# The plan's facts


def test_the_secretariat_edits_a_plans_facts_on_record(client, asec, plan):
    client.force_login(asec)
    url = reverse("plans:plan_edit", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, plan_form_data(plan, short_title="Japan plan", agreed_at="Tokyo"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.short_title, plan.agreed_at, plan.version) == ("Japan plan", "Tokyo", 2)
    change = history_of(plan).get(kind=ChangeLog.Kind.UPDATE)
    assert change.after["short_title"] == "Japan plan"
    assert change.before["short_title"] == "SOMTC + Japan Work Plan 2023-2027"


def test_the_plan_page_offers_the_edit_links_to_the_secretariat_only(client, asec, idn, plan):
    client.force_login(asec)
    page = client.get(reverse("overview:plan", args=[plan.pk])).content.decode()
    area, commitment = plan.areas.first(), Commitment.objects.filter(area__plan=plan).first()
    for url in (
        reverse("plans:plan_edit", args=[plan.pk]),
        reverse("plans:area_edit", args=[area.pk]),
        reverse("plans:commitment_edit", args=[commitment.pk]),
    ):
        assert url in page
    client.force_login(idn)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("plans:plan_edit", args=[plan.pk]) not in page
    assert reverse("plans:area_edit", args=[area.pk]) not in page


def test_it_refuses_a_plan_that_ends_before_it_starts_and_changes_nothing(client, asec, plan):
    client.force_login(asec)
    url = reverse("plans:plan_edit", args=[plan.pk])
    response = client.post(url, plan_form_data(plan, end_date="2022-01-01"))
    assert response.status_code == 200
    assert "The plan cannot end before it starts." in response.context["form"].errors["end_date"]
    plan.refresh_from_db()
    assert (plan.end_date, plan.version) == (D(2027, 12, 31), 1)
    assert not history_of(plan).filter(kind=ChangeLog.Kind.UPDATE).exists()


def test_it_refuses_dates_that_leave_a_reporting_period_outside_the_plan(asec, plan):
    last = plan.periods.order_by("-end_date").first()
    with pytest.raises(ValidationError) as refused:
        actions.update_plan(plan, {"end_date": D(2027, 3, 31)}, expected_version=1, actor=asec)
    messages = refused.value.message_dict["end_date"]
    assert [name for name in ("H1 2027", last.name) if any(name in m for m in messages)] == [
        "H1 2027",
        "H2 2027",
    ]
    assert all("would fall outside the plan" in message for message in messages)
    plan.refresh_from_db()
    assert plan.end_date == D(2027, 12, 31)


def test_it_refuses_a_plan_without_parties_by_the_api_and_changes_nothing(asec, plan):
    url = reverse("api:plan-detail", args=[plan.pk])
    response = api(asec).patch(url, {"parties": []}, format="json", headers={"If-Match": '"1"'})
    assert response.status_code == 400
    assert response.json() == {"parties": ["Choose the parties to the plan."]}
    assert plan.parties.count() > 1


def test_it_keeps_a_party_that_works_on_the_plans_activities_and_names_it(
    asec, plan, make_activity
):
    make_activity(lead="IDN", partners=["VNM"])
    keep = [party for party in plan.parties.all() if party.code not in ("IDN", "VNM")]

    with pytest.raises(ValidationError) as refusal:
        actions.update_plan(plan, {}, parties=keep, expected_version=plan.version, actor=asec)

    messages = refusal.value.message_dict["parties"]
    assert [message.split(" leads")[0] for message in messages] == ["Indonesia", "Viet Nam"]
    assert {"IDN", "VNM"} <= set(plan.parties.values_list("code", flat=True))


def test_the_api_edits_a_plan_with_its_version(asec, plan, parties):
    url = reverse("api:plan-detail", args=[plan.pk])
    read = api(asec).get(url)
    assert read["ETag"] == '"1"'
    patch = {"monitoring": "Reviewed yearly by the SOMTC + Japan.", "parties": ["IDN", "JPN"]}
    assert api(asec).patch(url, patch, format="json").status_code == 428
    done = api(asec).patch(url, patch, format="json", headers={"If-Match": '"1"'})
    assert done.status_code == 200, done.json()
    assert done["ETag"] == '"2"'
    assert sorted(done.json()["parties"]) == ["IDN", "JPN"]
    stale = api(asec).patch(url, {"title": "Old"}, format="json", headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert WorkPlan.objects.get(pk=plan.pk).title == plan.title


def test_the_api_takes_no_areas_or_publication_in_a_plan_edit(asec, plan):
    url = reverse("api:plan-detail", args=[plan.pk])
    areas = api(asec).patch(url, {"priority_areas": []}, format="json", headers={"If-Match": '"1"'})
    assert areas.status_code == 400
    assert "priority_areas" in areas.json()
    published = api(asec).patch(
        url, {"is_public": not plan.is_public}, format="json", headers={"If-Match": '"1"'}
    )
    assert published.status_code == 400
    assert WorkPlan.objects.get(pk=plan.pk).version == 1


def test_two_editors_of_a_plan_never_overwrite_each_other(client, asec, plan):
    adopted_at = plan.adopted_at
    actions.update_plan(plan, {"agreed_at": "Jakarta"}, expected_version=1, actor=asec)
    client.force_login(asec)
    url = reverse("plans:plan_edit", args=[plan.pk])
    response = client.post(url, plan_form_data(plan, adopted_at="Bali", version=1))
    assert response.status_code == 200
    assert response.context["conflict"].current.version == 2
    assert "Someone else changed this" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.agreed_at, plan.adopted_at) == ("Jakarta", adopted_at)


def test_only_the_secretariat_edits_a_plan(client, idn, plan, outsider):
    client.force_login(idn)
    assert client.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 403
    url = reverse("api:plan-detail", args=[plan.pk])
    refused = api(idn).patch(url, {"title": "Ours"}, format="json", headers={"If-Match": '"1"'})
    assert refused.status_code == 403
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client.force_login(outsider)
    assert client.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 404


# Areas and commitments


def test_the_secretariat_edits_an_area_on_record(client, asec, plan):
    area = plan.areas.get(key="sea-piracy")
    client.force_login(asec)
    url = reverse("plans:area_edit", args=[area.pk])
    form = client.get(url).context["form"]
    assert "piracy" in form["keywords_text"].value()
    data = {"name": "Piracy and armed robbery at sea", "key": area.key,
            "code_prefix": area.code_prefix, "description": area.description,
            "keywords_text": "piracy\narmed robbery", "version": 1}  # fmt: skip
    assert client.post(url, data).status_code == 302
    area.refresh_from_db()
    assert area.name == "Piracy and armed robbery at sea"
    assert area.keywords == ["piracy", "armed robbery"]
    assert history_of(area).get(kind=ChangeLog.Kind.UPDATE).after["name"] == area.name


def test_it_names_an_area_key_taken_and_a_bad_keyword_and_changes_nothing(client, asec, plan):
    area = plan.areas.get(key="sea-piracy")
    client.force_login(asec)
    data = {"name": area.name, "key": "cybercrime", "code_prefix": area.code_prefix,
            "keywords_text": "pira(cy", "version": 1}  # fmt: skip
    response = client.post(reverse("plans:area_edit", args=[area.pk]), data)
    errors = response.context["form"].errors
    assert "The key cybercrime is used by another area." in errors["key"]
    assert "is not a regular expression" in str(errors)
    assert PriorityArea.objects.get(pk=area.pk).key == "sea-piracy"


def test_the_api_edits_an_area_and_refuses_a_stale_version(asec, plan):
    area = plan.areas.get(key="sea-piracy")
    url = reverse("api:area-detail", args=[area.pk])
    done = api(asec).patch(url, {"name": "Maritime crime"}, format="json",
                           headers={"If-Match": '"1"'})  # fmt: skip
    assert done.status_code == 200, done.json()
    assert done.json()["version"] == 2
    stale = api(asec).patch(url, {"name": "Sea"}, format="json", headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    moved = api(asec).patch(url, {"plan": 999}, format="json", headers={"If-Match": '"2"'})
    assert moved.status_code == 400
    assert PriorityArea.objects.get(pk=area.pk).name == "Maritime crime"


def test_the_secretariat_edits_a_commitments_words(client, asec, plan):
    commitment = Commitment.objects.filter(area__plan=plan).first()
    client.force_login(asec)
    url = reverse("plans:commitment_edit", args=[commitment.pk])
    assert client.get(url).context["form"]["text"].value() == commitment.text
    assert client.post(url, {"text": "Share best practices", "version": 1}).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.text, commitment.version) == ("Share best practices", 2)
    assert history_of(commitment).filter(kind=ChangeLog.Kind.UPDATE).exists()


def test_it_refuses_an_empty_commitment_and_a_stale_one(asec, plan):
    commitment = Commitment.objects.filter(area__plan=plan).first()
    with pytest.raises(ValidationError) as refused:
        actions.update_commitment(commitment, "  ", expected_version=1, actor=asec)
    assert "text" in refused.value.message_dict
    actions.update_commitment(commitment, "Cooperate", expected_version=1, actor=asec)
    with pytest.raises(EditConflict):
        actions.update_commitment(commitment, "Other", expected_version=1, actor=asec)
    assert Commitment.objects.get(pk=commitment.pk).text == "Cooperate"


def test_the_api_edits_a_commitment_and_refuses_a_focal_point(asec, idn, plan):
    commitment = Commitment.objects.filter(area__plan=plan).first()
    url = reverse("api:commitment-detail", args=[commitment.pk])
    refused = api(idn).patch(url, {"text": "Ours"}, format="json", headers={"If-Match": '"1"'})
    assert refused.status_code == 403
    done = api(asec).put(url, {"area": commitment.area_id, "text": "Exchange information"},
                         format="json", headers={"If-Match": '"1"'})  # fmt: skip
    assert done.status_code == 200, done.json()
    assert Commitment.objects.get(pk=commitment.pk).text == "Exchange information"


# Bodies


def test_the_secretariat_edits_a_body_on_record(client, asec, plan):
    body = Body.objects.get(key="SOMTC+JPN")
    client.force_login(asec)
    url = reverse("meetings:body_edit", args=[body.pk])
    data = {"name": "SOMTC Plus Japan Consultation", "short_name": "SOMTC + Japan",
            "key": body.key, "level": "senior_officials", "version": 1}  # fmt: skip
    assert client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert (body.name, body.version) == ("SOMTC Plus Japan Consultation", 2)
    assert history_of(body).get(kind=ChangeLog.Kind.UPDATE).after["name"] == body.name


def test_it_names_a_body_key_taken_and_refuses_a_stale_edit(asec, plan):
    body = Body.objects.get(key="SOMTC+JPN")
    with pytest.raises(ValidationError) as refused:
        update_body(body, {"key": "AMMTC"}, expected_version=1, actor=asec)
    assert refused.value.message_dict["key"] == ["The key AMMTC is used by another body."]
    url = reverse("api:body-detail", args=[body.pk])
    done = api(asec).patch(url, {"short_name": "SOMTC+J"}, format="json",
                           headers={"If-Match": '"1"'})  # fmt: skip
    assert done.status_code == 200, done.json()
    stale = api(asec).patch(url, {"short_name": "X"}, format="json", headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert Body.objects.get(pk=body.pk).short_name == "SOMTC+J"


def test_only_the_secretariat_edits_a_body(client, idn, plan):
    body = Body.objects.get(key="SOMTC+JPN")
    client.force_login(idn)
    assert client.get(reverse("meetings:body_edit", args=[body.pk])).status_code == 403
    url = reverse("api:body-detail", args=[body.pk])
    refused = api(idn).patch(url, {"name": "Ours"}, format="json", headers={"If-Match": '"1"'})
    assert refused.status_code == 403
