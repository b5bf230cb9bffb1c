"""The public site: anyone reads the plans the Secretariat published, with their public
activities only, their accepted reports only, and figures over public activities only."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from workplan.core.models import ChangeLog
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.plans.actions import archive_activity, publish_plan
from workplan.plans.models import Activity, WorkPlan
from workplan.plans.tests.test_query_counts import add_activities
from workplan.reporting import actions as reporting
from workplan.reporting.models import ProgressUpdate

D = datetime.date


def _page(client, plan):
    return client.get(reverse("publication:plan", args=[plan.pk]))


def _report(activity, plan, user, asec, narrative, *, accept=True, percent=50):
    update = reporting.start_update(activity, plan.periods.get(name="H1 2024"), actor=user)
    update = reporting.save_update(
        update,
        {"narrative": narrative, "percent_complete": percent, "reported_status": "ongoing"},
        {},
        expected_version=1,
        actor=user,
    )
    reporting.submit_update(update, actor=user)
    if accept:
        reporting.accept_update(update, actor=asec)
    return update


@pytest.fixture
def shown_and_hidden(plan, make_activity, idn, asec):
    """A public activity with an accepted report, and everything the public must not see."""
    public = make_activity(
        title="Open harbour workshop", classification="public", status="ongoing",
        actual_start=D(2024, 3, 5),
    )  # fmt: skip
    _report(public, plan, idn, asec, "Forty officers trained in boarding drills.")
    pending = make_activity(title="Pending lighthouse course", classification="public")
    _report(pending, plan, idn, asec, "Unreviewed narrative of the lighthouse", accept=False)
    make_activity(title="Internal reef study", classification="internal")
    make_activity(title="Restricted cutter exchange", classification="restricted")
    archive_activity(
        make_activity(title="Archived buoy drill", classification="public"), actor=asec
    )
    return public


def test_an_anonymous_visitor_sees_the_published_plans(client, plan):
    response = client.get(reverse("publication:plan_list"))

    assert response.status_code == 200
    assert plan.title in response.content.decode()
    assert "Sign in" in response.content.decode()


def test_an_anonymous_visitor_reads_the_public_activities_and_nothing_else(
    client, plan, shown_and_hidden, idn, asec
):
    page = _page(client, plan).content.decode()

    assert "Open harbour workshop" in page
    assert "Forty officers trained in boarding drills." in page
    assert "Pending lighthouse course" in page  # public, but its report is not accepted
    for hidden in [
        "Unreviewed narrative", "Internal reef study", "Restricted cutter exchange",
        "Archived buoy drill",
    ]:  # fmt: skip
        assert hidden not in page, hidden
    for person in [idn, asec]:
        assert person.last_name not in page
        assert person.username not in page.replace("asean", "")


def test_progress_is_over_the_public_activities_only(client, plan, make_activity, asec):
    make_activity(title="Done in public", classification="public", status="completed",
                  actual_start=D(2024, 3, 1), actual_end=D(2024, 6, 1))  # fmt: skip
    for _ in range(3):
        make_activity(title="Hidden, not started", classification="restricted")

    response = _page(client, plan)

    assert response.context["progress"].share.percent == 100
    assert response.context["progress"].share.activities == 1
    assert "public activities only" in response.content.decode()


def test_it_lists_past_and_upcoming_meetings_of_the_plan(client, plan, asec):
    body = Body.objects.get(key="SOMTC+JPN")
    ahead = timezone.localdate() + datetime.timedelta(days=40)
    meeting_actions.create_meeting(
        {"body": body, "number": 77, "plan": plan, "start_date": ahead, "city": "Hanoi"},
        actor=asec,
    )
    response = _page(client, plan)

    assert "77th SOMTC" in response.content.decode()
    assert response.context["upcoming_meetings"][0].number == 77
    assert response.context["past_meetings"], "the default plan's meetings already held"


def test_an_unpublished_plan_is_not_found_by_anyone_on_the_public_site(client, plan, asec):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)

    assert _page(client, plan).status_code == 404
    assert plan.title not in client.get(reverse("publication:plan_list")).content.decode()
    client.force_login(asec)
    assert _page(client, plan).status_code == 404


def test_the_public_page_needs_no_script_and_says_its_language(client, plan):
    page = _page(client, plan).content.decode()

    assert "<script" not in page
    assert '<html lang="en' in page
    assert "Sign out" not in page


def test_the_secretariat_publishes_and_withdraws_a_plan_on_record(client, plan, asec):
    url = reverse("plans:plan_publish", args=[plan.pk])
    client.force_login(asec)

    client.post(url, {"published": "0"})
    assert _page(Client(), plan).status_code == 404
    client.post(url, {"published": "1"})

    plan.refresh_from_db()
    assert plan.is_public
    assert plan.version == 3
    messages = ChangeLog.objects.filter(object_id=plan.pk, kind="event").values_list(
        "message", flat=True
    )
    assert list(messages.order_by("id")) == [
        "Withdrawn from the public site",
        "Published on the public site",
    ]
    assert "Withdraw from the public site" in client.get(plan.get_absolute_url()).content.decode()


def test_a_focal_point_may_not_publish_a_plan(client, plan, idn):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client.force_login(idn)

    response = client.post(reverse("plans:plan_publish", args=[plan.pk]), {"published": "1"})

    assert response.status_code == 403  # a plan of its party: seen, so refused
    plan.refresh_from_db()
    assert not plan.is_public


def test_publishing_a_published_plan_is_refused(plan, asec):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already published"):
        publish_plan(plan, published=True, actor=asec)


@pytest.fixture(params=[10, 100])
def many(request, plan, asec):
    activities = add_activities(plan, request.param)
    periods = list(plan.periods.order_by("start_date")[:4])
    states = ["draft", "submitted", "returned", "accepted"]
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=activity, party=activity.lead_party, period=periods[i % 4],
            status=states[i % 4], percent_complete=10 * (i % 10), created_by=asec,
            narrative=f"Narrative {i}", submitted_at=timezone.now(),
        )
        for i, activity in enumerate(activities)
    )  # fmt: skip
    ContentType.objects.get_for_models(Activity, ProgressUpdate)
    return request.param


def test_it_runs_a_fixed_number_of_queries_on_the_public_page(
    client, plan, many, django_assert_num_queries
):
    # the plan, its parties, areas, commitments, progress by commitment, progress by area,
    # last two ended periods (stalled rule), count of public activities, the page of them
    # (health and latest accepted report as subqueries), their partners, past meetings,
    # upcoming meetings
    with django_assert_num_queries(12):
        response = _page(client, plan)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(many // 3 + 1, 50)


def test_it_runs_a_fixed_number_of_queries_on_the_list_of_published_plans(
    client, plan, many, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the published plans
        assert client.get(reverse("publication:plan_list")).status_code == 200


def test_the_secretariat_withdraws_a_plan_through_the_api(plan, asec, idn):
    from rest_framework.test import APIClient

    url = reverse("api:plan-publish", args=[plan.pk])
    api = APIClient()
    api.force_authenticate(idn)
    assert api.post(url, {"published": False}, format="json").status_code == 403
    api.force_authenticate(asec)

    response = api.post(url, {"published": False}, format="json")

    assert response.status_code == 200
    assert response.json()["is_public"] is False
    again = api.post(url, {"published": False}, format="json")
    assert again.status_code == 400
    assert "not published" in again.content.decode()
    assert api.post(url, {}, format="json").status_code == 400
