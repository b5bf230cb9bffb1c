"""A user's calendar (RFC 5545): meetings and the due dates of action items they may see.

Each event keeps its UID and DTSTAMP from one fetch to the next (DTSTAMP is the record's last
change, so a calendar program sees what changed); UIDs carry the site's host name. A meeting
known only by its month (or year) is an all-day event over the whole month (or year), and
says so, rather than a day it was not held on.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from icalendar import Calendar, Event

from workplan.core import access
from workplan.core.models import ChangeLog
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, Meeting


def feed(user, site_url: str) -> bytes:
    """The calendar of `user`, with links to `site_url` (the address the site is opened at)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Work Plan Monitor//workplan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Work Plan Monitor")
    host = urlsplit(site_url).hostname or "localhost"
    meetings = list(access.restrict(Meeting.objects.select_related("body", "country"), user))
    actions = list(
        cycle.with_overdue(access.restrict(ActionItem.objects.all(), user)).filter(
            status__in=ActionItem.OPEN_STATUSES, due_on__isnull=False
        )
    )
    meeting_changed = _last_changes(Meeting, meetings)
    action_changed = _last_changes(ActionItem, actions)
    for meeting in meetings:
        stamp = meeting_changed.get(meeting.pk) or _midnight(meeting.start_date)
        calendar.add_component(_meeting_event(meeting, stamp, host, site_url))
    for action in actions:
        stamp = action_changed.get(action.pk) or _midnight(action.due_on)
        calendar.add_component(_action_event(action, stamp, host, site_url))
    return calendar.to_ical()


def _last_changes(model, records) -> dict:
    """When each record last changed, from the change log: one query."""
    rows = (
        ChangeLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[record.pk for record in records],
        )
        .values("object_id")
        .annotate(last=Max("timestamp"))
        .order_by()
    )
    return {row["object_id"]: row["last"].astimezone(datetime.UTC) for row in rows}


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _meeting_event(meeting: Meeting, stamp, host: str, site_url: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    url = f"{site_url}{meeting.get_absolute_url()}"
    start, end, known = _meeting_days(meeting)
    event.add("summary", f"{meeting} ({known})" if known else str(meeting))
    event.add("dtstart", start)
    event.add("dtend", end)
    if known:
        event.add(
            "description",
            f"Held in {known}; the days are not recorded, so this covers the whole {known}. {url}",
        )
    else:
        event.add("description", url)
    if meeting.venue_label:
        event.add("location", meeting.venue_label)
    event.add("url", url)
    return event


def _meeting_days(meeting: Meeting) -> tuple[datetime.date, datetime.date, str]:
    """First day, the day after the last (DTEND of an all-day event), and for a meeting known
    only by its month or year, that month or year in words."""
    start = meeting.start_date
    if meeting.date_precision == Meeting.DatePrecision.MONTH:
        following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return start.replace(day=1), following, f"{start:%B %Y}"
    if meeting.date_precision == Meeting.DatePrecision.YEAR:
        return datetime.date(start.year, 1, 1), datetime.date(start.year + 1, 1, 1), str(start.year)
    return start, meeting.last_day + datetime.timedelta(days=1), ""


def _action_event(action: ActionItem, stamp, host: str, site_url: str) -> Event:
    event = Event()
    event.add("uid", f"action-{action.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    state = "overdue" if action.overdue else "due"
    url = f"{site_url}{action.get_absolute_url()}"
    event.add("summary", f"Action {state}: {action.text[:80]}")
    event.add("dtstart", action.due_on)
    event.add("dtend", action.due_on + datetime.timedelta(days=1))
    event.add("description", f"{action.text}\n{url}")
    event.add("url", url)
    return event
