"""Who is told of what: each step of a review, a message, an action item given to a party;
never the person who acted, never someone who may not see the record."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from workplan.accounts.actions import create_user
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.notifications.tests.conftest import kinds
from workplan.parties.models import Party
from workplan.reporting import actions
from workplan.testing.fixtures import PASSWORD


@pytest.fixture
def idn_colleague(plan):
    """A second focal point of Indonesia."""
    party = Party.objects.get(code="IDN")
    return create_user("idn-2", PASSWORD, role="focal_point", party=party)


def test_it_tells_the_secretariat_when_an_update_is_submitted(activity, submit, asec, idn, jpn):
    update = submit(activity, by=idn)
    assert kinds(asec) == ["update_submitted"]
    notification = asec.notifications.get()
    assert (notification.subject_id, notification.actor) == (update.pk, idn)
    assert (kinds(idn), kinds(jpn)) == ([], [])


def test_it_tells_the_reporting_partys_focal_points_when_an_update_is_returned(
    activity, submit, asec, idn, idn_colleague, jpn, vnm_viewer
):
    update = submit(activity, by=idn)
    actions.return_update(update, "Name the units that took part.", actor=asec)
    assert kinds(idn) == ["update_returned"]
    assert kinds(idn_colleague) == ["update_returned"]
    assert kinds(jpn) == []  # the lead party reports for itself


def test_it_tells_them_when_an_update_is_accepted_or_reopened(activity, submit, asec, idn):
    update = submit(activity, by=idn)
    update = actions.accept_update(update, actor=asec)
    actions.reopen_update(update, "The figures are for 2023.", actor=asec)
    assert kinds(idn) == ["update_returned", "update_accepted"]


def test_it_tells_the_other_side_of_a_message(activity, submit, asec, idn, idn_colleague):
    update = submit(activity, by=idn)
    actions.add_comment(update, "Which units took part?", actor=asec)
    assert kinds(idn) == ["update_message"]
    assert kinds(idn_colleague) == ["update_message"]
    actions.add_comment(update, "The maritime police.", actor=idn)
    assert kinds(asec) == ["update_message", "update_submitted"]
    assert kinds(idn_colleague) == ["update_message"]  # the same side is not told


def test_it_tells_no_one_of_a_step_that_was_refused(activity, submit, asec, idn):
    update = submit(activity, by=idn)
    with pytest.raises(ValidationError):
        actions.return_update(update, "  ", actor=asec)
    assert kinds(idn) == []


def test_it_does_not_tell_the_person_who_acted(activity, submit, asec, idn, plan):
    party = Party.objects.get(code="ASEC")
    officer = create_user("asec-2", PASSWORD, role="secretariat", party=party)
    update = submit(activity, by=idn)
    actions.add_comment(update, "Noted.", actor=asec)
    assert kinds(officer) == ["update_submitted"]
    assert kinds(asec) == ["update_submitted"]


def test_it_tells_no_one_who_may_not_see_the_update(
    activity, submit, asec, idn, hide_from_indonesia
):
    update = submit(activity, by=idn)
    hide_from_indonesia(activity)
    actions.return_update(update, "Name the units.", actor=asec)
    assert kinds(idn) == []


@pytest.fixture
def agenda_item(plan, asec):
    meeting = meeting_actions.create_meeting(
        {"body": Body.objects.get(key="SOMTC+JPN"), "number": 30, "plan": plan,
         "start_date": datetime.date(2025, 6, 10)},
        actor=asec,
    )  # fmt: skip
    return meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)


def test_it_tells_a_partys_focal_points_of_an_action_item_given_to_it(
    agenda_item, asec, parties, idn, vnm, jpn
):
    data = {
        "text": "Share the list of trained officers",
        "owners": [parties["VNM"], parties["IDN"]],
    }
    meeting_actions.add_action_item(agenda_item, data, actor=asec)
    assert kinds(vnm) == ["action_assigned"]
    assert kinds(idn) == ["action_assigned"]
    assert kinds(jpn) == []


def test_it_tells_only_a_party_added_to_an_action_items_owners(
    agenda_item, asec, parties, vnm, jpn
):
    data = {"text": "Share the list", "owners": [parties["VNM"]]}
    item = meeting_actions.add_action_item(agenda_item, data, actor=asec)
    data["owners"] = [parties["VNM"], parties["JPN"]]
    meeting_actions.update_action_item(item, data, expected_version=item.version, actor=asec)
    assert kinds(vnm) == ["action_assigned"]
    assert kinds(jpn) == ["action_assigned"]


def test_it_keeps_each_users_unread_count_with_their_notifications(activity, submit, asec, idn):
    update = submit(activity, by=idn)
    actions.add_comment(update, "Which units?", actor=asec)
    actions.return_update(update, "Name the units.", actor=asec)
    idn.refresh_from_db()
    asec.refresh_from_db()
    assert (idn.unread_notifications, asec.unread_notifications) == (2, 1)
