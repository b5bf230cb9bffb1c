"""An activity's health and progress, derived from its dates, status and accepted updates.

Both are SQL expressions over the activity's own row (its dates, status and the stored facts of
its latest accepted update, `reporting.figures`), so a page counts or sums them over any number
of activities in one query without reading an update, and one activity's figure is the same
expression filtered to one row.
"""

import datetime

from django.db.models import (
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    Q,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone

from workplan.plans.models import Activity
from workplan.reporting.models import ReportingPeriod

BEHIND_BY = 25  # points of percent complete behind the elapsed share of time that mean "at risk"
EPOCH = datetime.date(2000, 1, 1)


class Health(TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DELAYED = "delayed", "Delayed"
    STALLED = "stalled", "Stalled"
    COMPLETED = "completed", "Completed"


class DayNumber(Func):
    """A date as a whole number of days since 2000-01-01, the same on SQLite and PostgreSQL."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(julianday(%(expressions)s) - julianday('2000-01-01') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(%(expressions)s - DATE '2000-01-01')"
        return self.as_sql(compiler, connection, template=template, **extra)


def progress_expression(prefix: str = ""):
    """An activity's progress in percent: 100 when completed, else its latest accepted percent
    complete, else 0."""
    return Case(
        When(**{f"{prefix}status": Activity.Status.COMPLETED}, then=Value(100)),
        default=Coalesce(F(f"{prefix}accepted_percent"), Value(0)),
        output_field=IntegerField(),
    )


def health_expression(plan, today: datetime.date | None = None):
    """An activity's health on `today`; the first rule that applies wins:

    1. cancelled: no health (left out of health counts and progress);
    2. completed: its status is completed;
    3. delayed: its planned end has passed and it is not completed;
    4. at risk: it is postponed, or its planned start has passed and it has not started
       (no actual start);
    5. not started: it has not started and its planned start is still ahead;
    6. stalled: it is ongoing, started before the last two reporting periods that have
       ended, and its latest accepted update reports on a period that ended before the later
       of them (or it has none);
    7. at risk: its accepted percent complete is more than 25 points behind the share of its
       planned time that has elapsed;
    8. on track: otherwise.
    """
    today = today or timezone.localdate()
    return Case(
        When(status=Activity.Status.CANCELLED, then=Value(None)),
        When(status=Activity.Status.COMPLETED, then=Value(Health.COMPLETED)),
        When(planned_end__lt=today, then=Value(Health.DELAYED)),
        When(status=Activity.Status.POSTPONED, then=Value(Health.AT_RISK)),
        When(actual_start__isnull=True, planned_start__lte=today, then=Value(Health.AT_RISK)),
        When(actual_start__isnull=True, then=Value(Health.NOT_STARTED)),
        When(_stalled(plan, today), then=Value(Health.STALLED)),
        When(_behind(today), then=Value(Health.AT_RISK)),
        default=Value(Health.ON_TRACK),
        output_field=CharField(),
    )


def _stalled(plan, today: datetime.date) -> Q:
    ended = list(
        ReportingPeriod.objects.filter(plan=plan, end_date__lt=today).order_by("-end_date")[:2]
    )
    if len(ended) < 2:
        return Q(pk__in=[])
    silent = Q(accepted_period_end__isnull=True) | Q(accepted_period_end__lt=ended[-1].end_date)
    return Q(status=Activity.Status.ONGOING, actual_start__lt=ended[-1].start_date) & silent


def _behind(today: datetime.date):
    """(percent + 25) × planned days < 100 × elapsed days, in whole numbers."""
    planned_days = DayNumber(F("planned_end")) - DayNumber(F("planned_start"))
    elapsed_days = Value((today - EPOCH).days) - DayNumber(F("planned_start"))
    percent = Coalesce(F("accepted_percent"), Value(0))
    return LessThan((percent + Value(BEHIND_BY)) * planned_days, Value(100) * elapsed_days)


def with_health(activities, plan, today: datetime.date | None = None):
    """The queryset with `health` and `progress` on each row."""
    return activities.annotate(
        health=health_expression(plan, today), progress=progress_expression()
    )
