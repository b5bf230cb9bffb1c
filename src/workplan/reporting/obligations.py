"""Which updates are expected, due soon or overdue.

The lead party of an activity owes an update for each reporting period in which the activity
runs: not archived, not cancelled, planned to overlap the period, and not finished before the
period began. An update counts once submitted (or accepted). An expected update is overdue
once the period's due date has passed; it is due soon when the due date is within N days.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from workplan.plans.models import Activity
from workplan.reporting.models import ProgressUpdate, ReportingPeriod


def expected(activities, period: ReportingPeriod):
    """Activities of the queryset whose lead party owes an update for `period`."""
    return activities.filter(
        plan_id=period.plan_id,
        archived_at__isnull=True,
        planned_start__lte=period.end_date,
        planned_end__gte=period.start_date,
    ).exclude(Q(status=Activity.Status.CANCELLED) | Q(actual_end__lt=period.start_date))


def missing(activities, period: ReportingPeriod):
    """Expected activities with no submitted or accepted update of their lead party."""
    sent = ProgressUpdate.objects.filter(
        activity_id=OuterRef("pk"),
        party_id=OuterRef("lead_party_id"),
        period=period,
        status__in=[ProgressUpdate.Status.SUBMITTED, ProgressUpdate.Status.ACCEPTED],
    )
    return expected(activities, period).exclude(Exists(sent))


def last_past_due(plan, today: datetime.date | None = None) -> ReportingPeriod | None:
    today = today or timezone.localdate()
    return plan.periods.filter(due_date__lt=today).order_by("-due_date").first()


def next_due(plan, today: datetime.date | None = None) -> ReportingPeriod | None:
    today = today or timezone.localdate()
    return plan.periods.filter(due_date__gte=today).order_by("due_date").first()
