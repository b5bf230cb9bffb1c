"""The change history through the API shows only changes to records the user may see; the
OpenAPI description and its documentation page are served by the app itself."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.plans.actions import update_activity
from workplan.plans.models import WorkPlan
from workplan.plans.tests.test_query_counts import add_activities

CHANGES = reverse("api:change-list")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_shows_changes_only_of_activities_the_user_may_see(make_activity, vnm, idn):
    hidden = make_activity(lead="IDN", partners=["JPN"], classification="restricted")
    shown = make_activity(lead="IDN", partners=["JPN"], classification="internal")
    update_activity(hidden, {"title": "Secret title"}, expected_version=1, actor=idn)

    rows = api(vnm).get(CHANGES, {"model": "plans.activity", "page_size": 100}).json()["results"]

    assert {row["object_id"] for row in rows} == {shown.pk}
    assert "Secret title" not in str(rows)
    secret = api(idn).get(CHANGES, {"model": "plans.activity", "kind": "update"}).json()
    assert secret["results"][0]["after"]["title"] == "Secret title"
    hidden_row = secret["results"][0]["id"]
    assert api(vnm).get(reverse("api:change-detail", args=[hidden_row])).status_code == 404


def test_it_never_shows_account_records(asec, vnm):
    rows = api(asec).get(CHANGES, {"model": "accounts.user"}).json()
    assert rows["results"] == []


def test_it_groups_one_requests_changes_under_one_id(make_activity, idn):
    activity = make_activity(lead="IDN", partners=["JPN"])
    client = api(idn)
    client.patch(
        reverse("api:activity-detail", args=[activity.pk]), {"title": "A"}, HTTP_IF_MATCH='"1"'
    )
    row = client.get(CHANGES, {"model": "plans.activity", "kind": "update"}).json()["results"][0]
    same = client.get(CHANGES, {"request_id": row["request_id"]}).json()
    assert len(same["results"]) == 1
    assert row["actor"].startswith("Dewi Lestari")


@pytest.mark.parametrize("size", [10, 60])
def test_it_runs_a_fixed_number_of_queries_on_the_history(
    plan, make_activity, vnm, size, django_assert_num_queries
):
    for number in range(size // 10):
        make_activity(title=f"Workshop {number}")
    add_activities(plan, size)
    client = api(vnm)
    client.get(CHANGES)  # a server process keeps the kinds of record (content types) cached
    # the page of changes with their kinds of record; no count: the history pages by cursor;
    # then which of the records the page links to the reader may see, one query per kind:
    # plans, priority areas, parties, commitments, bodies
    with django_assert_num_queries(6):
        assert client.get(CHANGES, {"page_size": 50}).status_code == 200


def test_it_serves_the_openapi_description_to_signed_in_users(vnm, plan):
    response = api(vnm).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/plans/{plan_id}/activities/" in schema["paths"]
    assert "/api/updates/{id}/accept/" in schema["paths"]
    assert "/api/action-items/{id}/progress/" in schema["paths"]
    patch = schema["paths"]["/api/activities/{id}/"]["patch"]
    assert {"412", "428"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["required"] for p in patch["parameters"])
    assert APIClient().get(reverse("api:schema")).status_code == 401


def test_it_serves_the_docs_page_with_its_own_files_and_no_inline_code(client, vnm, plan):
    client.force_login(vnm)

    page = client.get(reverse("api:docs"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "<style" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert "cdn" not in html.lower()
    for path in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
        assert finders.find(path), path
    setup = client.get(reverse("api:docs"), {"script": ""})
    assert setup.status_code == 200
    assert "SwaggerUIBundle" in setup.content.decode()


def test_it_sends_a_signed_out_visitor_of_the_docs_to_sign_in(client, plan):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_a_filter_on_a_hidden_plan_as_on_an_absent_one(plan, outsider):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client = api(outsider)
    for name in ("api:area-list", "api:period-list", "api:meeting-list"):
        hidden = client.get(reverse(name), {"plan": plan.pk})
        absent = client.get(reverse(name), {"plan": 999_999})
        assert (hidden.status_code, hidden.json()["count"]) == (200, 0)
        assert (absent.status_code, absent.json()["count"]) == (200, 0)


@pytest.mark.parametrize("since", ["0995-11-28T12:29:29+21:40", "2024-01-01T00:00:00Z"])
def test_it_reads_changes_since_a_time_with_any_offset(make_activity, asec, since):
    make_activity()
    response = api(asec).get(CHANGES, {"since": since})
    assert response.status_code == 200
    assert response.json()["results"]


def test_it_refuses_null_characters_by_name(make_activity, asec, plan):
    client = api(asec)
    listed = client.get(reverse("api:update-list"), {"party": "JP\x00N"})
    assert listed.status_code == 400
    assert list(listed.json()) == ["party"]
    activity = make_activity()
    changed = client.patch(
        reverse("api:activity-detail", args=[activity.pk]),
        {"partner_parties": ["TH\x00A"]},
        HTTP_IF_MATCH='"1"',
    )
    assert changed.status_code == 400
    assert "partner_parties" in changed.json()


def test_it_pages_the_history_newest_first_by_cursor(make_activity, asec):
    for number in range(5):
        make_activity(title=f"Course number {number}")
    client = api(asec)
    first = client.get(CHANGES, {"model": "plans.activity", "page_size": 3}).json()
    second = client.get(first["next"]).json()
    titles = [row["object_repr"] for row in first["results"] + second["results"]]
    assert len(titles) == 5
    assert "Course number 4" in titles[0]
    assert "Course number 0" in titles[-1]
    assert second["next"] is None
