"""The Secretariat starts a new plan from its page or the API, then adds its priority areas;
nobody else may, and bad input is refused by field with nothing saved."""

import pytest
from django.urls import reverse

from workplan.core.models import ChangeLog
from workplan.plans.models import PriorityArea, WorkPlan


def plan_form_data(parties, **overrides) -> dict:
    data = {
        "title": "SOMTC + China Work Plan (Sample)",
        "short_title": "SOMTC + China (Sample)",
        "start_date": "2024-01-01",
        "end_date": "2028-12-31",
        "parties": [parties["IDN"].pk, parties["VNM"].pk, parties["ASEC"].pk],
        "rooted_in": "An illustrative declaration",
    }
    return {**data, **overrides}


def test_the_secretariat_creates_a_plan_from_the_page(client, plan, asec, parties):
    client.force_login(asec)
    response = client.post(reverse("plans:plan_create"), plan_form_data(parties))
    new = WorkPlan.objects.exclude(pk=plan.pk).get()
    assert response.status_code == 302
    assert response.url == new.get_absolute_url()
    assert sorted(new.parties.values_list("code", flat=True)) == ["ASEC", "IDN", "VNM"]
    row = ChangeLog.objects.get(object_id=new.pk, content_type__model="workplan")
    assert (row.kind, row.actor) == (ChangeLog.Kind.CREATE, asec)


def test_it_says_the_plan_cannot_end_before_it_starts_and_saves_nothing(
    client, plan, asec, parties
):
    client.force_login(asec)
    data = plan_form_data(parties, start_date="2028-01-01", end_date="2024-01-01")
    response = client.post(reverse("plans:plan_create"), data)
    assert response.status_code == 200
    assert "The plan cannot end before it starts." in response.content.decode()
    assert WorkPlan.objects.count() == 1


@pytest.mark.parametrize("who", ["idn", "viewer"])
def test_only_the_secretariat_may_create_a_plan(client, plan, parties, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("plans:plan_create")).status_code == 403
    assert client.post(reverse("plans:plan_create"), plan_form_data(parties)).status_code == 403
    assert WorkPlan.objects.count() == 1


def test_the_secretariat_adds_an_area_with_keywords_and_commitments(client, plan, asec):
    client.force_login(asec)
    data = {
        "name": "Money laundering",
        "key": "money-laundering",
        "code_prefix": "aml",
        "keywords_text": "money\\s+laundering\nlaundered",
        "commitments_text": "Share financial intelligence\n\nTrace illicit proceeds\n",
    }
    response = client.post(reverse("plans:area_create", args=[plan.pk]), data)
    area = plan.areas.get(key="money-laundering")
    assert response.status_code == 302
    assert (area.code_prefix, area.position) == ("AML", 6)
    assert area.keywords == ["money\\s+laundering", "laundered"]
    assert list(area.commitments.values_list("text", flat=True)) == [
        "Share financial intelligence",
        "Trace illicit proceeds",
    ]


def test_an_area_whose_prefix_is_taken_is_refused_on_its_field(client, plan, asec):
    client.force_login(asec)
    data = {"name": "Terror again", "key": "terror-2", "code_prefix": "TER"}
    response = client.post(reverse("plans:area_create", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "The code prefix TER is used by another area." in response.content.decode()
    assert not PriorityArea.objects.filter(key="terror-2").exists()


def test_a_focal_point_may_not_add_an_area(client, plan, idn):
    client.force_login(idn)
    data = {"name": "X", "key": "x", "code_prefix": "X"}
    assert client.post(reverse("plans:area_create", args=[plan.pk]), data).status_code == 403
    assert plan.areas.count() == 5


def test_the_api_creates_a_plan_with_its_areas_for_the_secretariat(client, plan, asec):
    client.force_login(asec)
    body = {
        "title": "SOMTC + China Work Plan (Sample)",
        "short_title": "SOMTC + China (Sample)",
        "start_date": "2024-01-01",
        "end_date": "2028-12-31",
        "parties": ["IDN", "VNM"],
        "priority_areas": [
            {"key": "cyber", "name": "Cybercrime", "code_prefix": "CYB", "commitments": ["A"]}
        ],
    }
    response = client.post("/api/plans/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    new = WorkPlan.objects.get(pk=response.json()["id"])
    assert response.json()["parties"] == ["IDN", "VNM"]
    assert list(new.areas.values_list("code_prefix", flat=True)) == ["CYB"]
    assert new.areas.get().commitments.get().text == "A"


def test_the_api_refuses_a_plan_from_a_focal_point(client, plan, idn):
    client.force_login(idn)
    body = {"title": "T", "short_title": "T", "start_date": "2024-01-01",
            "end_date": "2025-01-01", "parties": ["IDN"]}  # fmt: skip
    response = client.post("/api/plans/", body, content_type="application/json")
    assert response.status_code == 403
    assert WorkPlan.objects.count() == 1


def test_the_api_names_every_problem_of_a_plan(client, plan, asec):
    client.force_login(asec)
    body = {"title": "T", "short_title": "T", "start_date": "2025-01-01",
            "end_date": "2024-01-01", "parties": ["XXX"]}  # fmt: skip
    response = client.post("/api/plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "parties" in response.json()
    body["parties"] = ["IDN"]
    response = client.post("/api/plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "The plan cannot end before it starts." in str(response.json())
    assert WorkPlan.objects.count() == 1


def test_the_secretariat_adds_a_commitment_to_an_area(client, plan, asec):
    client.force_login(asec)
    area = plan.areas.get(key="sea-piracy")
    url = reverse("plans:commitment_create", args=[area.pk])
    response = client.post(url, {"text": "Share port security data"})
    assert response.status_code == 302
    assert area.commitments.last().text == "Share port security data"
    assert area.commitments.last().position == 5


def test_a_focal_point_may_not_add_a_commitment(client, plan, idn):
    client.force_login(idn)
    area = plan.areas.get(key="sea-piracy")
    url = reverse("plans:commitment_create", args=[area.pk])
    assert client.post(url, {"text": "X"}).status_code == 403
    assert area.commitments.count() == 4


def test_the_api_adds_an_area_and_a_commitment_for_the_secretariat(client, plan, asec):
    client.force_login(asec)
    body = {"plan": plan.pk, "key": "aml", "name": "Money laundering", "code_prefix": "AML",
            "keywords": ["laundering"], "commitments": ["Trace proceeds"]}  # fmt: skip
    response = client.post("/api/areas/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    area = plan.areas.get(key="aml")
    assert area.commitments.get().text == "Trace proceeds"
    body = {"area": area.pk, "text": "Freeze assets"}
    response = client.post("/api/commitments/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert area.commitments.count() == 2


def test_the_api_refuses_an_area_with_a_taken_prefix_by_field(client, plan, asec):
    client.force_login(asec)
    body = {"plan": plan.pk, "key": "ter2", "name": "Terror 2", "code_prefix": "TER"}
    response = client.post("/api/areas/", body, content_type="application/json")
    assert response.status_code == 400
    assert "code_prefix" in response.json()


def test_the_api_refuses_an_area_from_a_focal_point(client, plan, idn):
    client.force_login(idn)
    body = {"plan": plan.pk, "key": "x", "name": "X", "code_prefix": "X"}
    assert client.post("/api/areas/", body, content_type="application/json").status_code == 403
