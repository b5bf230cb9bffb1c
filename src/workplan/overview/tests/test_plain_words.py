"""Pages say what their figures cover and write names and numbers one way."""

import decimal

from django.urls import reverse

from workplan.plans.actions import add_indicator


def test_the_plan_page_says_how_many_activities_its_figures_cover(client, plan, vnm, make_activity):
    make_activity(area="terrorism", weight=1)
    make_activity(area="terrorism", weight=3)
    make_activity(area="terrorism", lead="IDN", partners=[], classification="restricted")
    client.force_login(vnm)
    page = client.get(reverse("overview:plan", args=[plan.pk])).content.decode()
    assert "progress of the 2 activities you can see, weights 1–3" in page
    assert "weighted over" not in page


def test_the_plan_page_gives_the_official_title_and_its_one_short_name(client, plan, idn):
    client.force_login(idn)
    page = client.get(reverse("overview:plan", args=[plan.pk])).content.decode()
    assert f"<h1>{plan.title}</h1>" in page
    assert f"Short name: <strong>{plan.short_title}</strong>" in page


def test_an_indicator_target_reads_as_people_write_numbers(client, plan, asec, make_activity):
    activity = make_activity()
    add_indicator(
        activity,
        {
            "name": "Officers trained",
            "unit": "number",
            "baseline": 0,
            "target": decimal.Decimal("2E+2"),
        },
        actor=asec,
    )
    client.force_login(asec)
    page = client.get(reverse("plans:activity_detail", args=[activity.pk])).content.decode()
    assert '<td class="num">200</td>' in page
    assert "2E+2" not in page.upper()


def test_the_new_meeting_page_is_not_called_edit_in_its_breadcrumbs(client, plan, asec):
    client.force_login(asec)
    page = client.get(reverse("meetings:meeting_create")).content.decode()
    crumbs = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert "New meeting" in crumbs
    assert "Edit" not in crumbs


def test_the_dashboard_says_its_figures_count_what_the_user_can_see(
    client, plan, vnm, make_activity
):
    make_activity(area="terrorism")
    make_activity(area="terrorism", lead="IDN", partners=[], classification="restricted")
    client.force_login(vnm)
    page = client.get(reverse("overview:dashboard", args=[plan.pk])).content.decode()
    assert "Every figure on this page counts the 1 activity you can see" in page
