"""An API list counts its rows up to a limit; above it the pages still go on to the end."""

import pytest
from rest_framework.test import APIClient

from workplan.core.api import CountedUpTo


@pytest.fixture
def client_of(db):
    def client(user) -> APIClient:
        api = APIClient()
        api.force_authenticate(user)
        return api

    return client


@pytest.fixture
def five_activities(make_activity):
    return [make_activity(title=f"Workshop {n}") for n in range(5)]


def test_a_list_within_the_limit_gives_its_exact_count(client_of, asec, plan, five_activities):
    body = client_of(asec).get(f"/api/plans/{plan.pk}/activities/", {"page_size": 2}).json()
    assert (body["count"], body["count_is_exact"]) == (5, True)


def test_a_list_above_the_limit_says_more_than_and_pages_to_the_end(
    client_of, asec, plan, five_activities, monkeypatch
):
    monkeypatch.setattr(CountedUpTo, "limit", 3)
    api = client_of(asec)
    # a text search: no stored count answers it, so the rows are counted, up to the limit
    query = {"page_size": 2, "q": "Workshop"}
    first = api.get(f"/api/plans/{plan.pk}/activities/", query).json()
    assert (first["count"], first["count_is_exact"]) == (3, False)
    seen, page = [], first
    while True:
        seen += [row["title"] for row in page["results"]]
        if not page["next"]:
            break
        page = api.get(page["next"]).json()
    assert sorted(seen) == [f"Workshop {n}" for n in range(5)]


def test_a_list_the_tallies_count_is_exact_above_the_limit(
    client_of, asec, plan, five_activities, monkeypatch
):
    monkeypatch.setattr(CountedUpTo, "limit", 3)
    body = client_of(asec).get(f"/api/plans/{plan.pk}/activities/", {"page_size": 2}).json()
    assert (body["count"], body["count_is_exact"]) == (5, True)


def test_a_page_past_the_end_of_an_uncounted_list_is_not_found(
    client_of, asec, plan, five_activities, monkeypatch
):
    monkeypatch.setattr(CountedUpTo, "limit", 3)
    query = {"page_size": 2, "page": 4, "q": "Workshop"}
    response = client_of(asec).get(f"/api/plans/{plan.pk}/activities/", query)
    assert response.status_code == 404


def test_progress_updates_are_counted_up_to_their_own_lower_limit(
    client_of, idn, plan, five_activities, monkeypatch
):
    from workplan.reporting.actions import start_update
    from workplan.reporting.api import UpdateViewSet

    period = plan.periods.order_by("start_date").first()
    for activity in five_activities:
        start_update(activity, period, actor=idn)
    assert UpdateViewSet.count_limit == 1_000
    monkeypatch.setattr(UpdateViewSet, "count_limit", 3)
    body = client_of(idn).get("/api/updates/", {"page_size": 2}).json()
    assert (body["count"], body["count_is_exact"]) == (3, False)
