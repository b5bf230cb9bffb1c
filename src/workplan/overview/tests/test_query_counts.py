"""The plan page, the dashboard and the work queues run the same number of queries with 10 and
with 100 activities, each with updates in every state."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from workplan.plans.models import Activity
from workplan.plans.tests.test_query_counts import add_activities
from workplan.reporting import tally
from workplan.reporting.models import ProgressUpdate

STATES = ["draft", "submitted", "returned", "accepted"]


@pytest.fixture(params=[10, 100])
def data(request, plan, asec, idn):
    activities = add_activities(plan, request.param)
    periods = list(plan.periods.order_by("start_date")[:4])
    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=activity, party=activity.lead_party, period=periods[i % 4],
            status=STATES[i % 4], percent_complete=10 * (i % 10), created_by=asec,
            submitted_at=now if STATES[i % 4] != "draft" else None,
        )
        for i, activity in enumerate(activities)
    )  # fmt: skip
    tally.rebuild(plan.pk)  # the rows above are written straight to their tables
    # Content types are cached for the life of a server process; start every count warm.
    ContentType.objects.get_for_models(Activity, ProgressUpdate)
    return request.param


def test_it_runs_a_fixed_number_of_queries_on_the_plan_page(
    client, plan, idn, data, django_assert_num_queries
):
    client.force_login(idn)
    # session, user with party, plan, its parties, areas, commitments, the tallies' day,
    # progress by area and by commitment and counts by area and status (three sums of the
    # tallies), the next meetings, the adopted amendments (may the user add activities reads
    # the plan's parties, already fetched)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(15):
        assert client.get(reverse("overview:plan", args=[plan.pk])).status_code == 200


def test_it_runs_a_fixed_number_of_queries_on_the_dashboard(
    client, plan, asec, data, django_assert_num_queries
):
    client.force_login(asec)
    # session, user, plan, its parties, areas, commitments, the tallies' day; from the tallies:
    # progress by area and by commitment, health by party and area, how many activities (the
    # timeline's count); timeline: last two ended periods, the page of rows; waiting: count,
    # list; overdue by period (tallies), the first overdue (with their periods); recent changes
    # (content types cached); the parties for the filter
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(22):
        assert client.get(reverse("overview:dashboard", args=[plan.pk])).status_code == 200


def test_it_runs_a_fixed_number_of_queries_on_the_review_queue(
    client, asec, data, django_assert_num_queries
):
    client.force_login(asec)
    # session, user, count, the page of updates with activity, party, period and submitter
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(7):
        assert client.get(reverse("reporting:review_queue")).status_code == 200


def test_it_runs_a_fixed_number_of_queries_on_my_tasks(
    client, idn, data, django_assert_num_queries
):
    client.force_login(idn)
    # session, user, returned, drafts, periods, updates owed, parties, open action items (none
    # here, so no owners: see test_who_owes_what for the count with action items)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(11):
        assert client.get(reverse("reporting:my_tasks")).status_code == 200
