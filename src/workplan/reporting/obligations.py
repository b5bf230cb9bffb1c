"""Which updates are expected, due soon or overdue.

The lead party of an activity owes an update for each reporting period in which the activity
runs: not archived, not cancelled, planned to overlap the period, and not finished before the
period began. An update counts once submitted (or accepted). An expected update is overdue
once the period's due date has passed; it is due soon when the due date is within N days.

A new update is proposed for the earliest period, begun by today, for which the activity still
owes an update, the period falling due next when it owes none.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from workplan.plans.models import Activity
from workplan.reporting.models import ProgressUpdate, ReportingPeriod

SENT = [ProgressUpdate.Status.SUBMITTED, ProgressUpdate.Status.ACCEPTED]


def runs_in(start, end) -> Q:
    """An activity runs in the period from `start` to `end` (dates, or references to a period's
    fields): not archived, not cancelled, planned to overlap it, not finished before it."""
    return (
        Q(archived_at__isnull=True, planned_start__lte=end, planned_end__gte=start)
        & ~Q(status=Activity.Status.CANCELLED)
        & ~Q(actual_end__lt=start)
    )


def expected(activities, period: ReportingPeriod):
    """Activities of the queryset whose lead party owes an update for `period`."""
    return activities.filter(runs_in(period.start_date, period.end_date), plan_id=period.plan_id)


def missing(activities, period: ReportingPeriod):
    """Expected activities with no submitted or accepted update of their lead party."""
    sent = ProgressUpdate.objects.filter(
        activity_id=OuterRef("pk"),
        party_id=OuterRef("lead_party_id"),
        period=period,
        status__in=SENT,
    )
    return expected(activities, period).exclude(Exists(sent))


def earliest_owed(activity, party, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period proposed for a new update of `party` on `activity`: the earliest period begun
    by `today` in which the activity runs and for which neither its lead party nor `party` has
    sent an update; when there is none, the period falling due next."""
    today = today or timezone.localdate()
    runs = Activity.objects.filter(
        runs_in(OuterRef("start_date"), OuterRef("end_date")), pk=activity.pk
    )
    sent = ProgressUpdate.objects.filter(
        activity=activity,
        period=OuterRef("pk"),
        party__in=[activity.lead_party_id, party.pk],
        status__in=SENT,
    )
    owed = activity.plan.periods.filter(Exists(runs), start_date__lte=today).exclude(Exists(sent))
    return owed.order_by("start_date").first() or next_due(activity.plan, today)


def last_past_due(plan, today: datetime.date | None = None) -> ReportingPeriod | None:
    today = today or timezone.localdate()
    return plan.periods.filter(due_date__lt=today).order_by("-due_date").first()


def next_due(plan, today: datetime.date | None = None) -> ReportingPeriod | None:
    today = today or timezone.localdate()
    return plan.periods.filter(due_date__gte=today).order_by("due_date").first()
