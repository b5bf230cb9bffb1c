"""All plans (/plans/): every plan the user may see with its progress, updates overdue and
open action items, by the rules of the plan page, the tracker and the meeting cycle, in the
same number of queries at two data sizes."""

import datetime

import pytest
from django.urls import reverse

from workplan.exchange.default_plan import DEFAULT_PLAN_FILE, load_plan_file
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.overview.portfolio import plan_figures
from workplan.plans.models import Activity
from workplan.plans.tests.test_query_counts import add_activities

SAMPLE = DEFAULT_PLAN_FILE.parent / "sample_china_plan.yaml"


@pytest.fixture
def second(plan):
    return load_plan_file(SAMPLE)[0]


def open_action(plan, asec, parties, number=30, due=datetime.date(2024, 9, 1)):
    body = Body.objects.get(key="SOMTC+JPN")
    meeting = meeting_actions.create_meeting(
        {"body": body, "number": number, "plan": plan, "start_date": datetime.date(2024, 6, 10),
         "country": parties["LAO"], "status": "held"},
        actor=asec,
    )  # fmt: skip
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    data = {"text": "Share the list", "owners": [parties["VNM"]], "due_date": due}
    return meeting_actions.add_action_item(item, data, actor=asec)


def test_it_counts_each_plans_progress_overdue_updates_and_open_actions(
    plan, second, asec, parties, make_activity
):
    make_activity(
        code="TER-2024-01",
        status=Activity.Status.COMPLETED,
        actual_start=datetime.date(2024, 1, 10),
        actual_end=datetime.date(2024, 3, 1),
    )
    make_activity(code="TER-2024-02")  # runs in 2024: its periods' updates are overdue
    open_action(plan, asec, parties)
    rows = {row.plan.pk: row for row in plan_figures(asec)}
    mine, theirs = rows[plan.pk], rows[second.pk]
    assert (mine.activities, mine.progress.percent) == (2, 50)
    assert mine.overdue_updates > 0  # nothing was sent for the periods past due
    assert (mine.open_actions, mine.overdue_actions) == (1, 1)
    assert (theirs.activities, theirs.overdue_updates, theirs.open_actions) == (0, 0, 0)
    assert theirs.progress.percent is None


def test_a_party_sees_only_the_plans_it_is_a_party_to(plan, second, jpn, idn):
    assert [row.plan for row in plan_figures(jpn)] == [plan]  # Japan is no party of the sample
    assert {row.plan for row in plan_figures(idn)} == {plan, second}


def test_the_page_lists_every_plan_with_a_button_for_a_new_one(client, plan, second, asec):
    client.force_login(asec)
    page = client.get(reverse("overview:plan_overview")).content.decode()
    assert plan.short_title in page
    assert second.short_title in page
    assert reverse("plans:plan_create") in page


def test_a_focal_point_sees_no_button_for_a_new_plan(client, plan, idn):
    client.force_login(idn)
    page = client.get(reverse("overview:plan_overview")).content.decode()
    assert reverse("plans:plan_create") not in page


@pytest.mark.parametrize("size", [10, 60])
def test_it_runs_a_fixed_number_of_queries_whatever_the_data(
    client, plan, second, asec, parties, size, django_assert_num_queries
):
    for each in (plan, second):
        add_activities(each, size)
    for number in range(size // 10):
        open_action(plan, asec, parties, number=30 + number)
    client.force_login(asec)
    # session, user; the plans; areas, their commitments; progress by commitment, by area;
    # tracker: begun periods, updates owed, the parties owing; open action items by plan
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(14):
        assert client.get(reverse("overview:plan_overview")).status_code == 200
