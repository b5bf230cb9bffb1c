"""One header everywhere: the plan's pages are reachable from pages that belong to no plan."""

import re

import pytest
from django.urls import reverse

from workplan.plans.models import WorkPlan

PLAN_LINKS = ["Plan", "Dashboard", "Activities", "Periods", "Tracker"]


def nav_links(html: str) -> list[str]:
    nav = html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    return re.findall(r">([^<>]+)</a>", nav)


@pytest.mark.parametrize(
    "name", ["reporting:my_tasks", "meetings:meeting_create", "security:sessions"]
)
def test_the_header_names_the_same_pages_on_a_page_of_no_plan(client, plan, idn, asec, name):
    client.force_login(asec if name == "meetings:meeting_create" else idn)
    html = client.get(reverse(name)).content.decode()
    links = nav_links(html)
    assert links[:5] == PLAN_LINKS
    assert "Meetings" in links


def test_the_header_marks_the_page_the_user_is_on(client, plan, idn):
    client.force_login(idn)
    html = client.get(reverse("overview:dashboard", args=[plan.pk])).content.decode()
    assert 'aria-current="page">Dashboard</a>' in html


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("plan", "overview:plan"),
        ("dashboard", "overview:dashboard"),
        ("activities", "plans:activity_list"),
        ("periods", "reporting:period_list"),
        ("tracker", "reporting:tracker"),
    ],
)
def test_a_plan_link_leads_to_the_page_of_the_users_plan(client, plan, idn, page, target):
    client.force_login(idn)
    response = client.get(reverse("overview:plan_page", args=[page]))
    assert response.status_code == 302
    assert response.url == reverse(target, args=[plan.pk])


def test_with_several_plans_a_plan_link_leads_to_the_list_of_plans(client, plan, asec):
    WorkPlan.objects.create(
        title="ASEAN-China Plan", start_date=plan.start_date, end_date=plan.end_date
    )
    client.force_login(asec)
    response = client.get(reverse("overview:plan_page", args=["dashboard"]))
    assert response.url == reverse("home")


def test_an_unknown_plan_page_is_not_found(client, plan, idn):
    client.force_login(idn)
    assert client.get(reverse("overview:plan_page", args=["budget"])).status_code == 404
