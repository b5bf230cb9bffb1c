"""HTTP under /api/: every error is JSON, paging and bodies are checked before they are used,
and the OpenAPI description states the limits the server enforces."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.plans.models import Activity
from workplan.testing.fixtures import PASSWORD


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def activities(plan) -> str:
    return reverse("api:plan-activity-list", args=[plan.pk])


# Errors are JSON


@pytest.mark.parametrize(
    "path", ["/api/nonexistent/", "/api/plans/1.5/activities/", "/api/activities/-1/", "/api/x"]
)
def test_it_answers_an_unknown_api_address_with_json(vnm, path):
    response = api(vnm).get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_it_answers_an_unknown_api_address_with_json_before_sign_in(client, plan):
    response = client.get("/api/nonexistent/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_it_keeps_html_error_pages_outside_the_api(client, vnm):
    client.force_login(vnm)

    response = client.get("/nonexistent/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_answers_a_server_error_in_the_api_with_json(client, settings):
    settings.ROOT_URLCONF = "workplan.security.tests.urls_failing"
    client.raise_request_exception = False

    response = client.get("/api/boom/")

    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on the server; it is logged."}
    assert "Traceback" not in response.content.decode()


def test_it_answers_a_request_too_large_for_the_api_with_json(vnm, plan, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = api(vnm).post(activities(plan), {"title": "x" * 500}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_it_answers_a_wrong_method_on_the_schema_with_json(client, vnm):
    client.force_login(vnm)

    response = client.delete(reverse("api:schema"))

    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method")


# Paging


@pytest.mark.parametrize(
    ("name", "value"),
    [("page_size", "abc"), ("page_size", "-5"), ("page_size", "0"), ("page_size", ""),
     ("page", "abc"), ("page", "0"), ("page", "-1"), ("page", "1.5")],
)  # fmt: skip
def test_it_refuses_a_page_or_size_that_is_not_a_whole_number_from_one(plan, vnm, name, value):
    response = api(vnm).get(activities(plan), {name: value})

    assert response.status_code == 400
    assert list(response.json()) == [name]


@pytest.mark.parametrize("value", ["abc", "-5", "0"])
def test_it_refuses_a_bad_page_size_on_the_history_too(vnm, plan, value):
    response = api(vnm).get(reverse("api:change-list"), {"page_size": value})

    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_it_refuses_a_page_size_sent_twice(vnm, plan):
    response = api(vnm).get(f"{activities(plan)}?page_size=5&page_size=6")

    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_it_still_answers_a_page_past_the_end_with_not_found(plan, vnm):
    response = api(vnm).get(activities(plan), {"page": 99})

    assert response.status_code == 404


# Filters


@pytest.mark.parametrize(
    "query", ["overdue=true&overdue=false", "meeting=1&meeting=2"], ids=["overdue", "meeting"]
)
def test_it_refuses_a_filter_sent_twice(vnm, plan, query):
    response = api(vnm).get(f"{reverse('api:action-item-list')}?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [query.partition("=")[0]]


@pytest.mark.parametrize("value", ["null", "abc", "2"])
def test_it_refuses_a_yes_or_no_filter_that_is_neither(vnm, plan, value):
    response = api(vnm).get(reverse("api:action-item-list"), {"overdue": value})

    assert response.status_code == 400
    assert list(response.json()) == ["overdue"]


@pytest.mark.parametrize("value", ["true", "false", ""])
def test_it_takes_true_false_or_nothing_as_a_yes_or_no_filter(vnm, plan, value):
    assert api(vnm).get(reverse("api:action-item-list"), {"overdue": value}).status_code == 200


def test_it_refuses_a_record_id_that_is_not_a_whole_number_in_the_history(vnm, plan):
    response = api(vnm).get(reverse("api:change-list"), {"object_id": "0.5"})

    assert response.status_code == 400
    assert list(response.json()) == ["object_id"]


# Bodies


def test_it_refuses_a_number_where_text_is_expected(make_activity, vnm, plan):
    from workplan.reporting.actions import start_update

    activity = make_activity(lead="VNM")
    update = start_update(activity, plan.periods.first(), actor=vnm)
    client = api(vnm)

    comment = client.post(reverse("api:update-comments", args=[update.pk]), {"text": 0})
    title = client.patch(
        reverse("api:activity-detail", args=[activity.pk]), {"title": 5}, HTTP_IF_MATCH='"1"'
    )

    assert (comment.status_code, list(comment.json())) == (400, ["text"])
    assert (title.status_code, list(title.json())) == (400, ["title"])
    assert not update.comments.exists()


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_it_refuses_a_patch_whose_body_is_not_json(make_activity, vnm, content_type):
    activity = make_activity(lead="VNM")
    url = reverse("api:activity-detail", args=[activity.pk])
    headers = {"content_type": content_type} if content_type else {}

    response = api(vnm).generic("PATCH", url, b"\x00", HTTP_IF_MATCH='"1"', **headers)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    activity.refresh_from_db()
    assert activity.version == 1


def test_it_refuses_a_body_that_is_not_json_on_a_step_that_reads_no_fields(
    make_activity, vnm, plan
):
    from workplan.reporting.actions import start_update

    update = start_update(make_activity(lead="VNM"), plan.periods.first(), actor=vnm)
    url = reverse("api:update-submit", args=[update.pk])

    response = api(vnm).generic("POST", url, b"\x00", content_type="application/json")

    assert response.status_code == 400
    update.refresh_from_db()
    assert update.status == "draft"


def test_it_refuses_a_body_that_is_a_json_list_where_an_object_is_expected(make_activity, vnm):
    activity = make_activity(lead="VNM")
    url = reverse("api:activity-detail", args=[activity.pk])

    response = api(vnm).patch(url, ["title"], format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 400


@pytest.mark.parametrize("field", ["commitments", "partner_parties"])
def test_it_refuses_links_that_are_not_a_list(make_activity, vnm, field):
    activity = make_activity(lead="VNM")
    url = reverse("api:activity-detail", args=[activity.pk])

    response = api(vnm).patch(url, {field: {}}, format="json", HTTP_IF_MATCH='"1"')

    assert (response.status_code, list(response.json())) == (400, [field])
    assert Activity.objects.get(pk=activity.pk).partner_parties.exists()


# What the description states


@pytest.fixture
def description(client, vnm):
    client.login(username="vnm", password=PASSWORD)
    return client.get(reverse("api:schema"), {"format": "json"}).json()


def test_it_describes_ids_as_positive_numbers(description):
    paths = description["paths"]
    detail = paths["/api/activities/{id}/"]["get"]["parameters"]
    assert next(p for p in detail if p["in"] == "path")["schema"]["minimum"] == 1
    plan_id = paths["/api/plans/{plan_id}/activities/"]["get"]["parameters"]
    assert next(p for p in plan_id if p["name"] == "plan_id")["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 2**63 - 1,
    }
    fields = description["components"]["schemas"]["PatchedActivityRequest"]["properties"]
    assert fields["area"]["minimum"] == 1
    assert fields["commitments"]["items"]["minimum"] == 1


def test_it_describes_paging_limits(description):
    parameters = description["paths"]["/api/areas/"]["get"]["parameters"]
    by_name = {p["name"]: p["schema"] for p in parameters}
    assert by_name["page"]["minimum"] == 1
    assert by_name["page_size"]["minimum"] == 1
    assert by_name["plan"]["minimum"] == 1


def test_it_describes_that_a_filter_left_empty_is_no_filter(description):
    parameters = description["paths"]["/api/changes/"]["get"]["parameters"]
    empty = {p["name"]: p.get("allowEmptyValue", False) for p in parameters}
    assert empty == {
        "cursor": True, "kind": True, "model": True, "object_id": True, "request_id": True,
        "since": True, "page_size": False,
    }  # fmt: skip


def test_it_describes_decimals_as_text_or_a_number_in_requests(description):
    schemas = description["components"]["schemas"]
    target = schemas["IndicatorRequest"]["properties"]["target"]
    assert [option.get("type") for option in target["anyOf"]] == ["string", "number"]
    assert schemas["Indicator"]["properties"]["target"]["type"] == "string"  # as answered


def test_it_describes_request_bodies_that_refuse_unknown_fields(description):
    schemas = description["components"]["schemas"]
    for name in ("ActivityRequest", "PatchedActivityRequest", "UpdateRequest", "MeetingRequest"):
        assert schemas[name]["additionalProperties"] is False, name
