"""Progress reporting through the API: a focal point opens, edits and submits an update; the
Secretariat reviews it; each step refused to whoever may not take it; periods and indicators."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.plans.actions import add_indicator
from workplan.reporting.actions import accept_update, save_update, start_update, submit_update
from workplan.reporting.models import ProgressUpdate

UPDATES = reverse("api:update-list")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def step(update, name: str) -> str:
    return reverse(f"api:update-{name}", args=[update.pk])


def detail(update) -> str:
    return reverse("api:update-detail", args=[update.pk])


@pytest.fixture
def activity(make_activity, asec):
    """A plan-internal Indonesian activity, Japan partner, with one indicator."""
    activity = make_activity(lead="IDN", partners=["JPN"])
    add_indicator(activity, {"name": "Officers trained", "unit": "number"}, actor=asec)
    return activity


@pytest.fixture
def period(plan):
    return plan.periods.get(name="H1 2024")


def submitted(activity, period, reporter):
    update = start_update(activity, period, actor=reporter)
    indicator = activity.indicators.get()
    fields = {
        "narrative": "Two courses held.",
        "percent_complete": 40,
        "reported_status": "ongoing",
    }
    update = save_update(update, fields, {indicator.pk: 12}, expected_version=1, actor=reporter)
    return submit_update(update, actor=reporter)


def test_a_focal_point_reports_and_the_secretariat_accepts(activity, period, idn, asec):
    client = api(idn)
    opened = client.post(UPDATES, {"activity": activity.pk, "period": period.pk})
    assert opened.status_code == 201
    update = ProgressUpdate.objects.get()
    indicator = activity.indicators.get()

    saved = client.patch(
        detail(update),
        {
            "narrative": "Two courses held.",
            "percent_complete": 40,
            "reported_status": "ongoing",
            "values": [{"indicator": indicator.pk, "value": "12"}],
        },
        HTTP_IF_MATCH=opened["ETag"],
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["values"] == [{"indicator": indicator.pk, "value": "12.00"}]
    assert client.post(step(update, "submit")).json()["status"] == "submitted"

    accepted = api(asec).post(step(update, "accept"))
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"


def test_it_returns_with_a_comment_and_names_a_missing_comment(activity, period, idn, asec):
    update = submitted(activity, period, idn)
    client = api(asec)

    missing = client.post(step(update, "return"), {})
    assert missing.status_code == 400
    assert "comment" in missing.json()

    returned = client.post(step(update, "return"), {"comment": "Say which units took part."})
    assert returned.status_code == 200
    assert returned.json()["review_comment"] == "Say which units took part."


def test_it_refuses_to_submit_an_incomplete_update_naming_the_fields(activity, period, idn):
    update = start_update(activity, period, actor=idn)

    response = api(idn).post(step(update, "submit"))

    assert response.status_code == 400
    assert {"narrative", "percent_complete", "reported_status"} <= set(response.json())
    update.refresh_from_db()
    assert update.status == "draft"


def test_it_refuses_a_status_set_by_hand(activity, period, idn):
    update = start_update(activity, period, actor=idn)

    response = api(idn).patch(detail(update), {"status": "accepted"}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 400
    assert "submit" in response.json()["status"][0]
    update.refresh_from_db()
    assert update.status == "draft"


def test_it_refuses_to_move_an_update_to_another_activity(activity, period, idn, make_activity):
    other = make_activity(lead="IDN", partners=["THA"])
    update = start_update(activity, period, actor=idn)

    response = api(idn).patch(detail(update), {"activity": other.pk}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 400
    assert "activity" in response.json()


def test_it_refuses_the_review_to_the_reporting_party(activity, period, idn):
    update = submitted(activity, period, idn)
    assert api(idn).post(step(update, "accept")).status_code == 403
    update.refresh_from_db()
    assert update.status == "submitted"


def test_it_says_why_an_update_cannot_be_reviewed_twice(activity, period, idn, asec):
    update = accept_update(submitted(activity, period, idn), actor=asec)
    response = api(asec).post(step(update, "accept"))
    assert response.status_code == 400
    assert "accepted" in response.json()["non_field_errors"][0]


def test_it_reopens_an_accepted_update_with_a_reason(activity, period, idn, asec):
    update = accept_update(submitted(activity, period, idn), actor=asec)
    response = api(asec).post(step(update, "reopen"), {"reason": "Figures corrected."})
    assert response.status_code == 200
    assert response.json()["status"] == "returned"


def test_it_hides_drafts_from_the_secretariat_and_other_parties(activity, period, idn, jpn, asec):
    update = start_update(activity, period, actor=idn)
    assert api(asec).get(detail(update)).status_code == 404
    assert api(jpn).get(detail(update)).status_code == 404
    assert api(idn).get(detail(update)).status_code == 200
    assert api(jpn).get(UPDATES).json()["count"] == 0


def test_it_shows_a_viewer_accepted_updates_only(activity, period, idn, asec, viewer):
    update = accept_update(submitted(activity, period, idn), actor=asec)
    listed = api(viewer).get(UPDATES).json()
    assert [row["id"] for row in listed["results"]] == [update.pk]
    assert api(viewer).post(step(update, "reopen"), {"reason": "x"}).status_code == 403


def test_it_refuses_a_partner_editing_the_lead_partys_update(activity, period, idn, jpn):
    update = start_update(activity, period, actor=idn)
    submit_update_visible = api(jpn).patch(detail(update), {"narrative": "x"}, HTTP_IF_MATCH='"1"')
    assert submit_update_visible.status_code == 404


def test_it_refuses_a_stale_draft_save(activity, period, idn):
    update = start_update(activity, period, actor=idn)
    client = api(idn)
    assert client.patch(detail(update), {"narrative": "a"}, HTTP_IF_MATCH='"1"').status_code == 200
    assert client.patch(detail(update), {"narrative": "b"}, HTTP_IF_MATCH='"1"').status_code == 412
    assert client.patch(detail(update), {"narrative": "b"}).status_code == 428


def test_it_filters_updates_by_party_code_and_status(activity, period, idn, jpn, asec):
    submitted(activity, period, idn)
    submitted(activity, period, jpn)
    client = api(asec)
    assert client.get(UPDATES, {"party": "JPN"}).json()["count"] == 1
    assert client.get(UPDATES, {"status": "accepted"}).json()["count"] == 0
    assert client.get(UPDATES, {"party": "XXX"}).status_code == 400


# Periods and indicators


def test_the_secretariat_adds_a_period_and_a_focal_point_may_not(plan, asec, idn):
    data = {"plan": plan.pk, "name": "Extra 2026", "start_date": "2026-01-01",
            "end_date": "2026-03-31", "due_date": "2026-04-30"}  # fmt: skip
    assert api(idn).post(reverse("api:period-list"), data).status_code == 403
    response = api(asec).post(reverse("api:period-list"), data)
    assert response.status_code == 201
    assert response["ETag"] == '"1"'


def test_it_names_a_due_date_before_the_period_ends(plan, asec):
    data = {"plan": plan.pk, "name": "Extra", "start_date": "2026-01-01",
            "end_date": "2026-03-31", "due_date": "2026-03-01"}  # fmt: skip
    response = api(asec).post(reverse("api:period-list"), data)
    assert response.status_code == 400
    assert "due_date" in response.json()


def test_it_edits_a_period_with_if_match(plan, asec):
    period = plan.periods.first()
    url = reverse("api:period-detail", args=[period.pk])
    response = api(asec).patch(url, {"due_date": "2023-09-30"}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert response.json()["due_date"] == "2023-09-30"


def test_the_lead_party_adds_an_indicator_and_others_may_not(make_activity, idn, vnm):
    activity = make_activity(lead="IDN", partners=["THA"])
    data = {"activity": activity.pk, "name": "Patrols held", "unit": "number", "target": "4"}
    assert api(vnm).post(reverse("api:indicator-list"), data).status_code == 403
    response = api(idn).post(reverse("api:indicator-list"), data)
    assert response.status_code == 201
    indicator = response.json()
    url = reverse("api:indicator-detail", args=[indicator["id"]])
    changed = api(idn).patch(url, {"unit": "percentage", "target": "140"}, HTTP_IF_MATCH='"1"')
    assert changed.status_code == 400
    assert "target" in changed.json()


@pytest.mark.parametrize("size", [5, 40])
def test_it_runs_a_fixed_number_of_queries_on_the_update_list(
    plan, make_activity, asec, idn, size, django_assert_num_queries
):
    period = plan.periods.get(name="H1 2024")
    for number in range(size):
        activity = make_activity(lead="IDN", partners=["THA"], title=f"Activity {number}")
        update = start_update(activity, period, actor=idn)
        fields = {"narrative": "n", "percent_complete": 10, "reported_status": "ongoing"}
        submit_update(save_update(update, fields, {}, expected_version=1, actor=idn), actor=idn)
    client = api(asec)
    # count, the page of updates with activity, party and period, their values, their evidence
    with django_assert_num_queries(4):
        response = client.get(UPDATES, {"page_size": 50})
    assert response.json()["count"] == size
    assert datetime.date.fromisoformat(response.json()["results"][0]["created_at"][:10])


def test_the_list_shows_the_newest_update_first(activity, plan, idn):
    older = start_update(activity, plan.periods.get(name="H2 2024"), actor=idn)
    newer = start_update(activity, plan.periods.get(name="H1 2024"), actor=idn)
    listed = api(idn).get(UPDATES).json()["results"]
    assert [row["id"] for row in listed] == [newer.pk, older.pk]


def test_it_answers_a_hidden_indicator_as_it_answers_an_absent_one(
    make_activity, period, vnm, asec
):
    own = make_activity(lead="VNM", partners=[])
    secret = make_activity(lead="IDN", partners=["JPN"], classification="restricted")
    hidden = add_indicator(secret, {"name": "Informants met", "unit": "number"}, actor=asec)
    update = start_update(own, period, actor=vnm)
    client = api(vnm)

    answers = {}
    for name, pk in [("hidden", hidden.pk), ("absent", hidden.pk + 1000)]:
        response = client.patch(
            detail(update), {"values": [{"indicator": pk, "value": "3"}]}, HTTP_IF_MATCH='"1"'
        )
        answers[name] = (response.status_code, response.json())

    def refused(pk):
        return (
            400,
            {"values": {"0": {"indicator": [f'Invalid pk "{pk}" - object does not exist.']}}},
        )

    assert answers["hidden"] == refused(hidden.pk)
    assert answers["absent"] == refused(hidden.pk + 1000)
    assert not update.values.exists()


def test_it_refuses_a_value_for_an_indicator_of_another_activity(
    activity, make_activity, period, idn, asec
):
    other = make_activity(lead="IDN", partners=["JPN"], title="Another course")
    theirs = add_indicator(other, {"name": "Ships boarded", "unit": "number"}, actor=asec)
    update = start_update(activity, period, actor=idn)

    response = api(idn).patch(
        detail(update), {"values": [{"indicator": theirs.pk, "value": "3"}]}, HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 400
    assert response.json() == {
        f"indicator_{theirs.pk}": ["This is not an indicator of this activity."]
    }
    assert not update.values.exists()
