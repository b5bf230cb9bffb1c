"""The activity API under the page's rules: the same matrix of roles × kinds of activity as
the pages, field tampering refused, If-Match/ETag, errors by field, and a fixed query count."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.core.changelog import history_of
from workplan.plans.models import Activity, WorkPlan
from workplan.plans.tests import test_permission_matrix as matrix
from workplan.plans.tests.test_permission_matrix import DETAIL, KINDS, RESTORE, SAVED
from workplan.plans.tests.test_query_counts import add_activities

# The pages' cast of activities and roles (fixtures), so that both matrices read the same.
activities = matrix.activities
role = matrix.role

# The page answers a saved edit with a redirect (302); the API with 200, an archive with 204.
API_EDIT = {name: [200 if c == 302 else c for c in codes] for name, codes in SAVED.items()}
API_ARCHIVE = {name: [204 if c == 302 else c for c in codes] for name, codes in SAVED.items()}
API_RESTORE = {name: [200 if c == 302 else c for c in codes] for name, codes in RESTORE.items()}
API_CREATE = {
    "asec": 201, "idn": 201, "jpn": 201, "vnm": 201,
    "viewer": 403, "vnm_viewer": 403, "outsider": 403,
}  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def detail(activity) -> str:
    return reverse("api:activity-detail", args=[activity.pk])


def listing(plan) -> str:
    return reverse("api:plan-activity-list", args=[plan.pk])


def new_activity(plan, **overrides) -> dict:
    area = plan.areas.get(key="sea-piracy")
    data = {
        "title": "Boarding officers' course",
        "area": area.pk,
        "commitments": [area.commitments.first().pk],
        "modality": "training",
        "planned_start": "2025-02-01",
        "planned_end": "2025-03-31",
    }
    data.update(overrides)
    return data


def _statuses(user, made, call) -> list[int]:
    client = api(user)
    return [call(client, made[kind]).status_code for kind in KINDS]


# The permission matrix


def test_it_gives_each_role_the_page_status_on_reading(role, activities):
    name, user = role
    statuses = _statuses(user, activities, lambda c, a: c.get(detail(a)))
    assert statuses == DETAIL[name]


def test_it_gives_each_role_the_page_status_on_editing(role, activities):
    name, user = role

    def edit(client, activity):
        tag = f'"{activity.version}"'
        return client.patch(detail(activity), {"title": "Edited"}, HTTP_IF_MATCH=tag)

    assert _statuses(user, activities, edit) == API_EDIT[name]


def test_it_gives_each_role_the_page_status_on_archiving(role, activities):
    name, user = role
    statuses = _statuses(user, activities, lambda c, a: c.delete(detail(a)))
    assert statuses == API_ARCHIVE[name]


def test_it_gives_each_role_the_page_status_on_restoring(role, activities):
    name, user = role
    restore = lambda c, a: c.post(reverse("api:activity-restore", args=[a.pk]))  # noqa: E731
    assert _statuses(user, activities, restore) == API_RESTORE[name]


def test_it_lists_exactly_the_activities_each_role_may_open(role, plan, activities):
    name, user = role
    response = api(user).get(listing(plan), {"state": "all", "page_size": 100})
    listed = {row["id"] for row in response.json()["results"]}
    openable = {
        activities[k].pk for k, code in zip(KINDS, DETAIL[name], strict=True) if code == 200
    }
    assert listed == openable


def test_it_lets_each_role_create_as_on_the_page(role, plan):
    name, user = role
    response = api(user).post(listing(plan), new_activity(plan, lead_party=user.party.code))
    assert response.status_code == API_CREATE[name]
    assert Activity.objects.exists() == (API_CREATE[name] == 201)


def test_it_hides_a_private_plan_and_its_register_from_other_parties(plan, outsider, activities):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client = api(outsider)
    assert client.get(reverse("api:plan-detail", args=[plan.pk])).status_code == 404
    assert client.get(listing(plan)).status_code == 404
    assert client.post(listing(plan), new_activity(plan)).status_code == 404
    assert client.get(detail(activities["public"])).status_code == 404


# What a write may and may not change


def test_it_creates_an_activity_led_by_the_focal_points_party(plan, idn):
    response = api(idn).post(listing(plan), new_activity(plan))

    assert response.status_code == 201
    body = response.json()
    assert body["lead_party"] == "IDN"
    assert body["code"] == "SEA-2025-01"
    assert response["ETag"] == '"1"'
    assert history_of(Activity.objects.get()).filter(kind="create").count() == 1


def test_it_refuses_a_focal_point_who_names_another_lead_party(plan, idn):
    response = api(idn).post(listing(plan), new_activity(plan, lead_party="JPN"))

    assert response.status_code == 400
    assert "lead_party" in response.json()
    assert not Activity.objects.exists()


def test_it_refuses_a_focal_point_giving_its_activity_to_another_party(make_activity, idn):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"lead_party": "JPN"}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 400
    assert "Only the Secretariat" in response.json()["lead_party"][0]
    activity.refresh_from_db()
    assert activity.lead_party.code == "IDN"
    assert activity.version == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("version", 7),
        ("archived_at", "2024-01-01T00:00:00Z"),
        ("plan", 99),
        ("is_sample", True),
        ("created_at", "2020-01-01T00:00:00Z"),
        ("not_a_field", "x"),
    ],
)
def test_it_refuses_tampered_fields_by_name_and_changes_nothing(make_activity, idn, field, value):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"title": "New", field: value}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 400
    assert list(response.json()) == [field]
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Joint patrol workshop", 1)


def test_it_accepts_a_read_only_field_sent_back_as_it_was(make_activity, idn):
    activity = make_activity(lead="IDN")
    client = api(idn)
    body = client.get(detail(activity)).json()
    body["title"] = "Renamed"

    response = client.put(detail(activity), body, HTTP_IF_MATCH='"1"')

    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"
    assert response["ETag"] == '"2"'


def test_it_names_the_field_of_each_rule_broken_and_saves_nothing(make_activity, idn):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(
        detail(activity),
        {"planned_end": "2024-01-01", "budget_currency": "USD", "code": "bad code"},
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"planned_end", "budget_amount", "code"}
    assert "on or after the planned start" in errors["planned_end"][0]
    activity.refresh_from_db()
    assert activity.version == 1


# Versions


def test_it_returns_the_version_as_etag(make_activity, vnm):
    activity = make_activity(classification="public")
    response = api(vnm).get(detail(activity))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'


def test_it_requires_if_match_to_edit(make_activity, idn):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"title": "New"})

    assert response.status_code == 428
    activity.refresh_from_db()
    assert activity.title == "Joint patrol workshop"


def test_it_refuses_a_stale_version_and_keeps_the_other_edit(make_activity, idn, asec):
    activity = make_activity(lead="IDN")
    first = api(asec).patch(detail(activity), {"title": "Secretariat's"}, HTTP_IF_MATCH='"1"')

    second = api(idn).patch(detail(activity), {"title": "Indonesia's"}, HTTP_IF_MATCH='"1"')

    assert first.status_code == 200
    assert second.status_code == 412
    assert second.json()["detail"].startswith("This record is at version 2")
    assert second["ETag"] == '"2"'
    activity.refresh_from_db()
    assert activity.title == "Secretariat's"


@pytest.mark.parametrize("tag", ['W/"1"', "1", "'1'", '"2", W/"1"'])
def test_it_refuses_an_if_match_that_is_not_a_strong_match(make_activity, idn, tag):
    """RFC 9110: If-Match compares strongly; a weak or unquoted tag never matches."""
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"title": "New"}, HTTP_IF_MATCH=tag)

    assert response.status_code == 412
    activity.refresh_from_db()
    assert activity.title != "New"


@pytest.mark.parametrize("tag", ["*", '"7", "1"', ' "1" '])
def test_it_takes_a_star_or_a_list_holding_the_current_version(make_activity, idn, tag):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"title": "New"}, HTTP_IF_MATCH=tag)

    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_it_leaves_the_version_alone_when_nothing_changes(make_activity, idn):
    activity = make_activity(lead="IDN")

    response = api(idn).patch(detail(activity), {"title": activity.title}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 200
    assert response["ETag"] == '"1"'


def test_it_archives_on_delete_and_keeps_the_row(make_activity, idn):
    activity = make_activity(lead="IDN")

    response = api(idn).delete(detail(activity), HTTP_IF_MATCH='"1"')

    assert response.status_code == 204
    activity.refresh_from_db()
    assert activity.is_archived


def test_it_refuses_an_archive_with_a_stale_if_match(make_activity, idn):
    activity = make_activity(lead="IDN")
    assert api(idn).delete(detail(activity), HTTP_IF_MATCH='"9"').status_code == 412
    activity.refresh_from_db()
    assert not activity.is_archived


# Lists


def test_it_filters_with_the_page_query_string(plan, make_activity, asec):
    make_activity(lead="IDN", title="Cyber drill", area="cybercrime")
    make_activity(lead="JPN", partners=["THA"], title="Port visit")

    response = api(asec).get(listing(plan), {"lead_party": plan.parties.get(code="JPN").pk})

    assert [row["title"] for row in response.json()["results"]] == ["Port visit"]


def test_it_names_a_bad_filter(plan, asec):
    response = api(asec).get(listing(plan), {"status": "asleep"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_it_names_a_search_of_too_many_words(plan, asec):
    words = " ".join(f"word{n}" for n in range(1000))
    response = api(asec).get(listing(plan), {"q": words})
    assert response.status_code == 400
    assert response.json() == {"q": ["Search with at most 20 words; this search has 1,000."]}


def test_it_pages_with_a_ceiling_on_the_page_size(plan, asec, settings):
    add_activities(plan, 12)
    response = api(asec).get(listing(plan), {"page_size": 10_000})
    assert response.status_code == 200
    assert response.json()["count"] == 12
    assert api(asec).get(listing(plan), {"page_size": 5, "page": 3}).json()["results"]


@pytest.mark.parametrize("size", [10, 100])
def test_it_runs_a_fixed_number_of_queries_on_the_list(plan, idn, size, django_assert_num_queries):
    add_activities(plan, size)
    client = api(idn)
    # plan; the count from the tallies (their day, the plan's parties for the reader's rule,
    # the sum); the page of activities with area, lead party and fund, their partners, their
    # commitments
    with django_assert_num_queries(7):
        response = client.get(listing(plan), {"page_size": 50})
    assert response.status_code == 200
