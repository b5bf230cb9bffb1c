"""An action item past its due day while open reads as overdue wherever it is shown: the
meeting page, its own page, the calendar, the API and the export. One rule decides it:
`cycle.with_overdue`."""

import datetime

import pytest
from django.urls import reverse

from workplan.meetings import actions, cycle
from workplan.meetings.models import ActionItem

D = datetime.date


def test_it_decides_overdue_on_the_day_asked(action_for_vnm):
    items = ActionItem.objects.filter(pk=action_for_vnm.pk)
    assert cycle.with_overdue(items, D(2024, 9, 1)).get().overdue is False
    assert cycle.with_overdue(items, D(2024, 9, 2)).get().overdue is True


def test_an_item_done_is_never_overdue(action_for_vnm, asec):
    actions.update_action_item(
        action_for_vnm, {"status": "done"}, expected_version=action_for_vnm.version, actor=asec
    )
    assert cycle.with_overdue(ActionItem.objects.all()).get().overdue is False


def test_the_meeting_and_item_pages_say_overdue_with_the_due_day(client, vnm, action_for_vnm):
    client.force_login(vnm)
    meeting = client.get(action_for_vnm.agenda_item.meeting.get_absolute_url()).content.decode()
    item = client.get(action_for_vnm.get_absolute_url()).content.decode()
    assert "Overdue · due 1 Sep 2024" in meeting
    assert "Overdue · due 1 Sep 2024" in item


def test_the_api_says_overdue(client, vnm, action_for_vnm):
    client.force_login(vnm)
    one = client.get(reverse("api:action-item-detail", args=[action_for_vnm.pk])).json()
    listed = client.get(reverse("api:action-item-list"), {"overdue": "true"}).json()
    assert one["overdue"] is True
    assert [row["id"] for row in listed["results"]] == [action_for_vnm.pk]


def test_the_export_says_overdue(client, vnm, action_for_vnm):
    client.force_login(vnm)
    response = client.get(reverse("exchange:action_export", args=["json"]))
    rows = b"".join(response.streaming_content).decode()
    assert '"overdue": true' in rows


@pytest.mark.parametrize("status", ["open", "in_progress", "done", "dropped"])
@pytest.mark.parametrize("day", [D(2024, 9, 1), D(2024, 9, 2)])
def test_the_rule_reads_the_same_in_the_database_and_in_memory(action_for_vnm, status, day):
    ActionItem.objects.filter(pk=action_for_vnm.pk).update(status=status)
    item = cycle.with_overdue(ActionItem.objects.all(), day).get()
    assert cycle.is_overdue(item, day) is item.overdue
