"""A second plan is kept apart from the first: its activity, and the update owed on it, show
on none of the first plan's pages, exports or API lists, for the Secretariat who sees both."""

import datetime

import pytest
from django.urls import reverse

from workplan.plans.actions import create_activity, create_plan
from workplan.reporting.actions import ensure_default_periods

MARK = "Lancang river joint patrol"  # the second plan's activity, in no word of the first


@pytest.fixture
def second_activity(plan, asec, parties):
    second = create_plan(
        {"title": "SOMTC + China Work Plan (Sample)", "short_title": "China (Sample)",
         "start_date": datetime.date(2024, 1, 1), "end_date": datetime.date(2028, 12, 31)},
        parties=[parties["IDN"], parties["VNM"], parties["ASEC"]],
        areas=[{"key": "drugs", "name": "Drugs", "code_prefix": "ZRV",
                "commitments": ["Patrol together"]}],
        actor=asec,
    )  # fmt: skip
    ensure_default_periods(second)
    area = second.areas.get()
    data = {
        "title": MARK, "area": area, "lead_party": parties["VNM"], "modality": "workshop",
        "planned_start": datetime.date(2024, 2, 1), "planned_end": datetime.date(2024, 5, 31),
        "classification": "public",
    }  # fmt: skip
    return create_activity(second, data, actor=asec)


def first_plan_urls(plan) -> list[str]:
    pk = plan.pk
    return [
        reverse("overview:plan", args=[pk]),
        reverse("plans:activity_list", args=[pk]),
        reverse("overview:dashboard", args=[pk]),
        reverse("reporting:tracker", args=[pk]),
        reverse("reporting:period_list", args=[pk]),
        reverse("exchange:activity_export", args=[pk, "csv"]),
        reverse("exchange:tracker_export", args=[pk, "csv"]),
        f"/api/plans/{pk}/activities/",
        f"/api/plans/{pk}/tracker/",
        f"/api/updates/?plan={pk}",
        f"/api/areas/?plan={pk}",
    ]


def test_the_first_plan_shows_nothing_of_the_second(client, plan, asec, second_activity):
    client.force_login(asec)
    for url in first_plan_urls(plan):
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        assert response.status_code == 200, url
        assert MARK not in body.decode(), url
        assert second_activity.code not in body.decode(), url


def test_the_second_plan_shows_its_own_activity(client, plan, asec, second_activity):
    client.force_login(asec)
    pk = second_activity.plan_id
    assert MARK in client.get(reverse("plans:activity_list", args=[pk])).content.decode()
    tracker = client.get(f"/api/plans/{pk}/tracker/").content.decode()
    assert second_activity.code in tracker  # owed for H1 2024, so listed overdue


def test_the_first_plans_focal_point_of_japan_cannot_open_the_second(
    client, plan, jpn, second_activity
):
    client.force_login(jpn)  # Japan is no party to the second plan, which is not public
    assert client.get(second_activity.get_absolute_url()).status_code == 404  # even if public
    pk = second_activity.plan_id
    assert client.get(reverse("overview:plan", args=[pk])).status_code == 404
