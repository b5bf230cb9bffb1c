"""How action items travel through the meeting cycle.

- An action item is due on its date, or on the start of the first meeting of the named body
  after the meeting that decided it.
- It is overdue while open (open or in progress) after its due day: `with_overdue` annotates
  that as `overdue` for every page, list, export and API response that shows an item, and
  `overdue` keeps only those; both take the day to judge on (today by default).
- It is carried forward: the agenda of each later meeting of the same body lists it while it
  was still open on that meeting's first day; those meetings, with the one that decided it,
  are the meetings that discussed it.
"""

import datetime

from django.db.models import BooleanField, Case, DateField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from workplan.meetings.models import ActionItem, Meeting


def with_due_on(actions):
    """Annotates `due_on`: the due date, or the next meeting's start for "by the next meeting"."""
    next_meeting = Meeting.objects.filter(
        body_id=OuterRef("due_by_next_meeting_of_id"),
        start_date__gt=OuterRef("agenda_item__meeting__start_date"),
    ).order_by("start_date")
    return actions.annotate(
        due_on=Coalesce(
            "due_date", Subquery(next_meeting.values("start_date")[:1]), output_field=DateField()
        )
    )


def with_overdue(actions, today: datetime.date | None = None):
    """Annotates `due_on` and `overdue`: still open after its due day, judged on `today`."""
    today = today or timezone.localdate()
    late = Q(status__in=ActionItem.OPEN_STATUSES, due_on__lt=today)
    return with_due_on(actions).annotate(
        overdue=Case(
            When(late, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def is_overdue(item: ActionItem, today: datetime.date) -> bool:
    """The same rule as `with_overdue`, for an item already in memory with its `due_on` (an
    item as it stood on a past day, read from its history)."""
    return item.is_open and item.due_on is not None and item.due_on < today


def overdue(actions, today: datetime.date | None = None):
    """The action items overdue on `today`."""
    return with_overdue(actions, today).filter(overdue=True)


def overdue_first(actions):
    """Overdue items first, then by due day (none last), then by age."""
    return actions.order_by("-overdue", F("due_on").asc(nulls_last=True), "pk")


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, start_date__lt=meeting.start_date)
        .select_related("body")  # named as "the 20th SOMTC + Japan"
        .order_by("-start_date")
        .first()
    )


def carried_forward(actions, meeting: Meeting):
    """Action items of earlier meetings of the same body still open when `meeting` began."""
    return actions.filter(
        agenda_item__meeting__body_id=meeting.body_id,
        agenda_item__meeting__start_date__lt=meeting.start_date,
    ).filter(Q(status__in=ActionItem.OPEN_STATUSES) | Q(closed_on__gte=meeting.start_date))


def discussed_at(action: ActionItem, meetings):
    """The meeting that decided the item and each later one of its body while it was open."""
    origin = action.agenda_item.meeting
    later = meetings.filter(body_id=origin.body_id, start_date__gt=origin.start_date)
    if not action.is_open and action.closed_on:
        later = later.filter(start_date__lte=action.closed_on)
    return meetings.filter(Q(pk=origin.pk) | Q(pk__in=later.values("pk"))).order_by("start_date")
