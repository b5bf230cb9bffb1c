"""The meeting page runs the same number of queries with 2 and with 12 agenda items, each with
a decision and an action item, and with carried action items from an earlier meeting."""

import datetime

import pytest
from django.urls import reverse

from workplan.meetings import actions


@pytest.mark.parametrize("items", [2, 12])
def test_it_runs_a_fixed_number_of_queries_on_the_meeting_page(
    client,
    make_meeting,
    action_for_vnm,
    make_activity,
    asec,
    parties,
    items,
    django_assert_num_queries,
):
    meeting = make_meeting(number=21, start=datetime.date(2025, 6, 10))
    activity = make_activity()
    for number in range(items):
        item = actions.add_agenda_item(
            meeting, {"title": f"Item {number}", "activities": [activity]}, actor=asec
        )
        actions.add_decision(item, f"Decision {number}", actor=asec)
        actions.add_action_item(
            item, {"text": f"Action {number}", "owners": [parties["VNM"]]}, actor=asec
        )
    client.force_login(asec)
    # session, user, meeting (with body, venue, chair, plan), participants, agenda items, their
    # areas, activities, decisions, action items, owners; carried items, their owners;
    # documents; amendments; the statements panel (statements linked to the meeting)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(18):
        assert client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).status_code == 200


@pytest.mark.parametrize("meetings", [3, 15])
def test_it_runs_a_fixed_number_of_queries_on_the_meetings_list(
    client, make_meeting, asec, meetings, django_assert_num_queries
):
    for number in range(meetings):
        make_meeting(
            number=30 + number,
            start=datetime.date(2024, 1, 1) + datetime.timedelta(days=30 * number),
        )
    client.force_login(asec)
    # session, user, upcoming meetings, count of held ones, the page of held ones
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(8):
        assert client.get(reverse("meetings:meeting_list")).status_code == 200
