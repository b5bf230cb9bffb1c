"""A party serves several plans at once, through each plan's parties: Indonesia is a party of
the SOMTC + Japan plan and of a river plan; its focal point sees, reports under and adds
activities to both, and a party of neither sees neither."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.core import access
from workplan.core.access import ADD_ACTIVITY
from workplan.plans.actions import create_activity, create_plan
from workplan.plans.models import WorkPlan

D = datetime.date


@pytest.fixture
def river_plan(plan, asec, parties):
    """A private plan of Indonesia, Japan and the Secretariat, beside the default plan."""
    return create_plan(
        {"title": "Indonesia-Japan river plan", "short_title": "River plan",
         "start_date": D(2024, 1, 1), "end_date": D(2026, 12, 31)},
        parties=[parties["IDN"], parties["JPN"], parties["ASEC"]],
        areas=[{"key": "rivers", "name": "River patrols", "code_prefix": "RIV"}],
        actor=asec,
    )  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_party_is_a_party_of_several_plans(plan, river_plan, parties):
    assert set(parties["IDN"].plans.all()) == {plan, river_plan}
    assert list(parties["VNM"].plans.all()) == [plan]


def test_its_focal_point_sees_and_adds_activities_to_each_of_its_plans(
    plan, river_plan, idn, parties
):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    seen = {row["id"] for row in api(idn).get(reverse("api:plan-list")).json()["results"]}
    assert seen == {plan.pk, river_plan.pk}
    for each in (plan, river_plan):
        assert access.can(idn, ADD_ACTIVITY, each)
    made = create_activity(river_plan, {
        "title": "Joint river patrol", "area": river_plan.areas.get(), "lead_party": parties["IDN"],
        "modality": "joint_exercise", "planned_start": D(2024, 5, 1),
        "planned_end": D(2024, 6, 1), "classification": "internal",
    }, actor=idn)  # fmt: skip
    assert made.plan == river_plan


def test_a_party_of_neither_plan_sees_neither_and_adds_to_neither(plan, river_plan, vnm):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    seen = {row["id"] for row in api(vnm).get(reverse("api:plan-list")).json()["results"]}
    assert seen == {plan.pk}
    assert not access.can(vnm, ADD_ACTIVITY, river_plan)
    assert api(vnm).get(reverse("api:plan-detail", args=[river_plan.pk])).status_code == 404
