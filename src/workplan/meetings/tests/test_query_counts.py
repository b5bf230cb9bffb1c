"""The meeting page runs the same number of queries with 2 and with 12 agenda items, each with
a decision and an action item, and with carried action items from an earlier meeting; the
meetings list and the meeting pack, whatever their size, too."""

import datetime

import pytest
from django.urls import reverse

from workplan.meetings import actions, pack


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
    # session, user, meeting (with body, venue, chair, plan, whether the plan is shown),
    # participants, the noted plans the user sees, agenda items, their areas, activities,
    # decisions, action items, owners; carried items, their owners; documents; amendments;
    # the statements panel (statements linked to the meeting)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(19):
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


@pytest.fixture
def report(plan, asec):
    """The activity's lead reports for H1 2024 and the secretariat accepts the update."""
    from workplan.reporting.actions import accept_update, save_update, start_update, submit_update

    def accepted(activity, reporter, percent):
        update = start_update(activity, plan.periods.get(name="H1 2024"), actor=reporter)
        data = {
            "narrative": "Held.\nNext: a drill.",
            "percent_complete": percent,
            "reported_status": "ongoing",
        }
        update = save_update(update, data, {}, expected_version=update.version, actor=reporter)
        accept_update(submit_update(update, actor=reporter), actor=asec)

    return accepted


@pytest.mark.parametrize("activities", [2, 8])
def test_it_gathers_the_meeting_pack_in_a_fixed_number_of_queries(
    make_meeting,
    action_for_vnm,
    make_activity,
    report,
    asec,
    idn,
    vnm,
    parties,
    activities,
    django_assert_num_queries,
):
    previous = action_for_vnm.agenda_item
    for number in range(activities):
        lead, reporter = ("IDN", idn) if number % 2 else ("VNM", vnm)
        activity = make_activity(title=f"Patrol {number}", lead=lead)
        report(activity, reporter, 10 * number)
        make_activity(
            title=f"Watch-list {number}", lead="JPN", partners=["PHL"], classification="restricted"
        )
        actions.add_action_item(
            previous, {"text": f"Action {number}", "owners": [parties[lead]]}, actor=asec
        )
        actions.add_amendment(
            previous.meeting,
            {"kind": "added", "activity": activity, "description": f"Adds patrol {number}"},
            actor=asec,
        )
    meeting = make_meeting(number=21, start=datetime.date.today() + datetime.timedelta(days=30))
    # whether the reader sees the plan reviewed; the previous meeting (with its body); twice
    # (at the cut-off, and at the previous
    # meeting): the activities, their change-log states, the periods, the updates and their
    # states, the last two periods ended (for "stalled"); the areas; the tracker's periods
    # and rows and parties; indicators and their states; action items, their owners, their
    # states, their notes; decisions and their states; amendments and their states; the
    # agenda and its states; the parties (for the cover)
    with django_assert_num_queries(26):
        content = pack.build(meeting, idn)
    assert len(content.activities) == activities
    # writing reads only what was gathered
    with django_assert_num_queries(0):
        pack.render_docx(content)
        pack.render_pdf(content)
