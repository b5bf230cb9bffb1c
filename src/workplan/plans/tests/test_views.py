"""The register's pages as people use them: create, edit, conflicts, filters, history."""

import pytest
from django.urls import reverse

from workplan.plans.actions import update_activity
from workplan.plans.models import Activity
from workplan.testing.fixtures import activity_form_data


@pytest.fixture
def sea_piracy(plan):
    return plan.areas.get(key="sea-piracy")


def test_it_creates_an_activity_led_by_the_focal_points_party(client, plan, idn, sea_piracy):
    client.force_login(idn)
    url = reverse("plans:activity_create", args=[plan.pk])
    response = client.post(url, activity_form_data(area=sea_piracy.pk))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == activity.get_absolute_url()
    assert (activity.code, activity.lead_party.code) == ("SEA-2025-01", "IDN")


def test_it_ignores_a_lead_party_forged_by_a_focal_point(client, plan, idn, parties, sea_piracy):
    client.force_login(idn)
    url = reverse("plans:activity_create", args=[plan.pk])
    client.post(url, activity_form_data(area=sea_piracy.pk, lead_party=parties["VNM"].pk))
    assert Activity.objects.get().lead_party.code == "IDN"


def test_it_lets_the_secretariat_choose_the_lead_party(client, plan, asec, parties, sea_piracy):
    client.force_login(asec)
    url = reverse("plans:activity_create", args=[plan.pk])
    client.post(url, activity_form_data(area=sea_piracy.pk, lead_party=parties["VNM"].pk))
    assert Activity.objects.get().lead_party.code == "VNM"


def test_it_shows_the_problem_next_to_the_field_and_saves_nothing(client, plan, idn, sea_piracy):
    client.force_login(idn)
    url = reverse("plans:activity_create", args=[plan.pk])
    response = client.post(url, activity_form_data(area=sea_piracy.pk, planned_end="2025-01-15"))
    assert response.status_code == 200
    assert response.context["form"].errors["planned_end"] == [
        "The planned end must be on or after the planned start (1 Feb 2025)."
    ]
    field_block = response.content.decode().split('id="field-planned_end"')[1].split("</div>")[0]
    assert "The planned end must be on or after the planned start" in field_block
    assert Activity.objects.count() == 0


def test_it_names_a_missing_required_field(client, plan, idn):
    client.force_login(idn)
    response = client.post(
        reverse("plans:activity_create", args=[plan.pk]), activity_form_data(title="")
    )
    assert response.context["form"].errors["title"] == ["This field is required."]
    assert response.context["form"].errors["area"] == ["This field is required."]


def test_it_saves_an_edit_and_shows_it_in_the_history(client, idn, make_activity):
    activity = make_activity(lead="IDN")
    client.force_login(idn)
    url = reverse("plans:activity_edit", args=[activity.pk])
    response = client.post(url, activity_form_data(activity, title="Renamed course"), follow=True)
    assert Activity.objects.get().title == "Renamed course"
    history = response.content.decode().split('class="history"')[1]
    assert "Changed</strong> by Dewi Lestari" in history
    assert "Renamed course" in history
    assert "Joint patrol workshop" in history


def test_it_names_the_linked_records_of_a_change_in_the_history(
    client, idn, vnm, make_activity, parties
):
    activity = make_activity(lead="IDN", partners=["JPN"])
    update_activity(
        activity, {"partner_parties": [parties["JPN"], parties["VNM"]]}, expected_version=1,
        actor=idn,
    )  # fmt: skip
    client.force_login(vnm)
    response = client.get(reverse("plans:activity_detail", args=[activity.pk]))
    history = response.content.decode().split('class="history"')[1]
    assert '<td class="diff-after">Japan, Viet Nam</td>' in history


def test_it_refuses_a_stale_edit_and_keeps_the_users_input(client, idn, asec, make_activity):
    activity = make_activity(lead="IDN")
    stale = activity_form_data(activity, title="Indonesia's title")
    update_activity(activity, {"title": "Secretariat's title"}, expected_version=1, actor=asec)
    client.force_login(idn)
    response = client.post(reverse("plans:activity_edit", args=[activity.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "Secretariat&#x27;s title" in page
    assert "Ayu Prameswari" in page
    assert response.context["form"]["title"].value() == "Indonesia's title"
    assert Activity.objects.get().title == "Secretariat's title"


def test_it_saves_a_stale_edit_once_the_user_has_seen_the_conflict(
    client, idn, asec, make_activity
):
    activity = make_activity(lead="IDN")
    stale = activity_form_data(activity, title="Indonesia's title")
    update_activity(activity, {"title": "Secretariat's title"}, expected_version=1, actor=asec)
    client.force_login(idn)
    url = reverse("plans:activity_edit", args=[activity.pk])
    conflict = client.post(url, stale)
    resubmitted = {**stale, "version": conflict.context["form"]["version"].value()}
    assert client.post(url, resubmitted).status_code == 302
    assert Activity.objects.get().title == "Indonesia's title"


def _with_initials(data: dict) -> dict:
    """The form as a browser posts it: each field also carries the value it was opened with."""
    return {
        **data,
        **{f"initial-{name}": value for name, value in data.items() if name != "version"},
    }


def test_it_rebases_a_stale_edit_on_the_saved_values(client, idn, asec, make_activity):
    activity = make_activity(lead="IDN")
    opened = _with_initials(activity_form_data(activity, description="A workshop."))
    update_activity(activity, {"title": "Secretariat's title"}, expected_version=1, actor=asec)
    client.force_login(idn)
    response = client.post(
        reverse("plans:activity_edit", args=[activity.pk]), {**opened, "description": "Mine."}
    )
    form = response.context["form"]
    assert form["title"].value() == "Secretariat's title"
    assert form["description"].value() == "Mine."
    assert response.context["both_changed"] == []


def test_it_names_the_fields_both_editors_changed(client, idn, asec, make_activity):
    activity = make_activity(lead="IDN")
    opened = _with_initials(activity_form_data(activity, description="A workshop."))
    update_activity(activity, {"title": "Secretariat's title"}, expected_version=1, actor=asec)
    client.force_login(idn)
    response = client.post(
        reverse("plans:activity_edit", args=[activity.pk]), {**opened, "title": "Mine"}
    )
    assert response.context["form"]["title"].value() == "Mine"
    assert response.context["both_changed"] == ["Title"]
    assert "You both changed: Title." in response.content.decode()


def test_it_filters_the_register_by_area(client, plan, asec, make_activity):
    make_activity(area="sea-piracy", title="Patrol")
    make_activity(area="cybercrime", title="Forensics")
    client.force_login(asec)
    area = plan.areas.get(key="cybercrime")
    response = client.get(reverse("plans:activity_list", args=[plan.pk]), {"area": area.pk})
    assert [a.title for a in response.context["page"]] == ["Forensics"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "forensic"}, ["Digital forensics"]),
        ({"q": "CYB-2024"}, ["Digital forensics"]),
        ({"status": "completed"}, ["Patrol exercise"]),
        ({"lead_party": "VNM"}, ["Patrol exercise"]),
        ({"partner_party": "THA"}, ["Digital forensics"]),
        ({"year": "2026"}, ["Patrol exercise"]),
        ({"year": "2024"}, ["Digital forensics"]),
        ({"state": "archived"}, ["Old study"]),
    ],
)
def test_it_filters_the_register(client, plan, asec, parties, make_activity, query, expected):
    import datetime

    from workplan.plans.actions import archive_activity

    make_activity(area="cybercrime", title="Digital forensics", partners=["THA"])
    make_activity(
        title="Patrol exercise", lead="VNM", status="completed",
        planned_start=datetime.date(2026, 1, 5), planned_end=datetime.date(2026, 2, 1),
        actual_start=datetime.date(2026, 1, 5), actual_end=datetime.date(2026, 2, 1),
    )  # fmt: skip
    archive_activity(make_activity(title="Old study"), actor=asec)
    if "lead_party" in query:
        query = {"lead_party": parties[query["lead_party"]].pk}
    if "partner_party" in query:
        query = {"partner_party": parties[query["partner_party"]].pk}
    client.force_login(asec)
    response = client.get(reverse("plans:activity_list", args=[plan.pk]), query)
    assert [a.title for a in response.context["page"]] == expected


def test_it_names_a_search_of_too_many_words_on_the_register(client, plan, asec, make_activity):
    make_activity(title="Patrol")
    client.force_login(asec)
    words = " ".join(f"word{n}" for n in range(1000))

    response = client.get(reverse("plans:activity_list", args=[plan.pk]), {"q": words})

    assert response.status_code == 200
    message = "Search with at most 20 words; this search has 1,000."
    assert response.context["filter"].errors["q"] == [message]
    assert message in response.content.decode()


def test_it_filters_by_commitment(client, plan, asec, make_activity):
    area = plan.areas.get(key="sea-piracy")
    first, second = area.commitments.all()[:2]
    make_activity(title="Trade", commitments=[first])
    make_activity(title="Security", commitments=[second])
    client.force_login(asec)
    response = client.get(reverse("plans:activity_list", args=[plan.pk]), {"commitment": second.pk})
    assert [a.title for a in response.context["page"]] == ["Security"]


def test_it_pages_the_register(client, plan, asec, make_activity, settings):
    settings.ACTIVITIES_PER_PAGE = 2
    for number in range(5):
        make_activity(title=f"Activity {number}")
    client.force_login(asec)
    url = reverse("plans:activity_list", args=[plan.pk])
    last = client.get(url, {"page": 3})
    assert len(last.context["page"]) == 1
    assert "Showing 5–5 of 5 activities" in last.content.decode()


def test_it_says_what_is_wrong_with_a_bad_filter(client, plan, asec):
    client.force_login(asec)
    response = client.get(reverse("plans:activity_list", args=[plan.pk]), {"year": "1999"})
    assert "Select a valid choice" in response.content.decode()


def test_it_shows_counts_by_status_on_the_plan_page(client, plan, vnm, make_activity):
    make_activity(area="sea-piracy", classification="public")
    make_activity(area="sea-piracy", classification="restricted", lead="JPN", partners=["IDN"])
    client.force_login(vnm)
    response = client.get(reverse("overview:plan", args=[plan.pk]))
    counts = next(c for item, c in response.context["areas"] if item.area.key == "sea-piracy")
    assert counts == {"planned": 1}  # the restricted one is not Viet Nam's to see, nor to count


def test_it_shows_the_sample_badge(client, asec, make_activity):
    activity = make_activity()
    Activity.objects.filter(pk=activity.pk).update(is_sample=True)
    client.force_login(asec)
    response = client.get(activity.get_absolute_url())
    assert '<span class="badge badge-flag-sample">Sample</span>' in response.content.decode()


def test_it_archives_from_the_activity_page_and_hides_it(client, plan, idn, make_activity):
    activity = make_activity(lead="IDN")
    client.force_login(idn)
    client.post(reverse("plans:activity_archive", args=[activity.pk]))
    listed = client.get(reverse("plans:activity_list", args=[plan.pk])).context["page"]
    assert list(listed) == []
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_it_refuses_archiving_by_get(client, idn, make_activity):
    activity = make_activity(lead="IDN")
    client.force_login(idn)
    assert client.get(reverse("plans:activity_archive", args=[activity.pk])).status_code == 405
    assert not Activity.objects.get().is_archived


def test_it_goes_home_to_the_only_plan(client, plan, vnm):
    client.force_login(vnm)
    assert client.get(reverse("home")).url == plan.get_absolute_url()
