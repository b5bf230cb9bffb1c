"""A user's calendar (RFC 5545): meetings and the due dates of action items they may see."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from workplan.core import access
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, Meeting


def feed(user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Work Plan Monitor//workplan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Work Plan Monitor")
    stamp = datetime.datetime.now(datetime.UTC)
    meetings = access.restrict(Meeting.objects.select_related("body", "country"), user)
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, stamp))
    actions = cycle.with_overdue(access.restrict(ActionItem.objects.all(), user))
    for action in actions.filter(status__in=ActionItem.OPEN_STATUSES, due_on__isnull=False):
        calendar.add_component(_action_event(action, stamp))
    return calendar.to_ical()


def _meeting_event(meeting: Meeting, stamp) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@workplan")
    event.add("dtstamp", stamp)
    event.add("summary", str(meeting))
    event.add("dtstart", meeting.start_date)
    event.add("dtend", meeting.last_day + datetime.timedelta(days=1))
    if meeting.venue_label:
        event.add("location", meeting.venue_label)
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    return event


def _action_event(action: ActionItem, stamp) -> Event:
    event = Event()
    event.add("uid", f"action-{action.pk}@workplan")
    event.add("dtstamp", stamp)
    state = "overdue" if action.overdue else "due"
    event.add("summary", f"Action {state}: {action.text[:80]}")
    event.add("dtstart", action.due_on)
    event.add("dtend", action.due_on + datetime.timedelta(days=1))
    event.add("url", f"{settings.SITE_URL}{action.get_absolute_url()}")
    return event
