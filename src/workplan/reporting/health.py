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
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_label
from workplan.plans.models import Activity
from workplan.reporting.models import ReportingPeriod

BEHIND_BY = 25  # points of percent complete behind the elapsed share of time that mean "at risk"
EPOCH = datetime.date(2000, 1, 1)


class Health(TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    STALLED = "stalled", _("Stalled")
    COMPLETED = "completed", _("Completed")


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
    """An activity's progress in percent, as SQL (see `progress_rule`)."""
    return progress_rule(_Sql(prefix))


def progress_rule(row):
    """An activity's progress in percent: 100 when completed, else its latest accepted percent
    complete, else 0. `row` is an `_Sql` (the rule as an expression) or an `ActivityAsOf`
    (the rule evaluated on an activity as it stood at a date)."""
    return row.first([(row.status_is(Activity.Status.COMPLETED), 100)], row.percent())


def health_expression(plan, today: datetime.date | None = None):
    """An activity's health on `today`, as SQL (see `health_rule`)."""
    today = today or timezone.localdate()
    return health_rule(_Sql(), last_ended_periods(plan, today), today)


def health_rule(row, ended: list, today: datetime.date):
    """An activity's health on `today`; the first rule that applies wins:

    1. cancelled: no health (left out of health counts and progress);
    2. completed: its status is completed;
    3. delayed: its planned end has passed and it is not completed;
    4. at risk: it is postponed, or its planned start has passed and it has not started
       (no actual start);
    5. not started: it has not started and its planned start is still ahead;
    6. stalled: it is ongoing, started before the last two reporting periods that have
       ended (`ended`, latest first), and has no accepted update for either of them or any
       later period;
    7. at risk: its accepted percent complete is more than 25 points behind the share of its
       planned time that has elapsed;
    8. on track: otherwise.

    Written once, for two readers: `row` is an `_Sql` (the rule becomes one SQL expression,
    for pages that count over any number of activities) or an `ActivityAsOf` (the rule is
    evaluated on an activity as it stood at a past date, for a meeting report).
    """
    status, not_started = row.status_is, row.is_null("actual_start")
    stalled = (
        row.status_is(Activity.Status.ONGOING)
        & row.lt("actual_start", ended[-1].start_date)
        & row.no_accepted_update_since(ended[-1])
        if len(ended) == 2
        else row.false()
    )
    planned_days = row.day("planned_end") - row.day("planned_start")
    elapsed_days = row.constant((today - EPOCH).days) - row.day("planned_start")
    behind = row.less(
        (row.percent() + row.constant(BEHIND_BY)) * planned_days,
        row.constant(100) * elapsed_days,
    )
    return row.first(
        [
            (status(Activity.Status.CANCELLED), None),
            (status(Activity.Status.COMPLETED), Health.COMPLETED),
            (row.lt("planned_end", today), Health.DELAYED),
            (status(Activity.Status.POSTPONED), Health.AT_RISK),
            (not_started & row.lte("planned_start", today), Health.AT_RISK),
            (not_started, Health.NOT_STARTED),
            (stalled, Health.STALLED),
            (behind, Health.AT_RISK),
        ],
        Health.ON_TRACK,
    )


def health_reason(activity, health, progress, today: datetime.date | None = None) -> str:
    """The rule of `health_rule` that gave `health`, in words with the activity's own dates,
    so a page never shows "Ongoing" beside "Delayed" without saying why."""
    today = today or timezone.localdate()
    if health is None:
        return gettext("Cancelled activities have no health and are left out of the counts.")
    if health == Health.COMPLETED:
        return gettext("Its status is completed.")
    if health == Health.DELAYED:
        return gettext("Its planned end, %(day)s, has passed.") % {
            "day": date_label(activity.planned_end)
        }
    if health == Health.NOT_STARTED:
        return gettext("It is planned to start on %(day)s.") % {
            "day": date_label(activity.planned_start)
        }
    if health == Health.STALLED:
        return gettext("It is ongoing with no accepted update for the last two reporting periods.")
    if health == Health.AT_RISK:
        if activity.status == Activity.Status.POSTPONED:
            return gettext("It is postponed.")
        if activity.actual_start is None:
            return gettext(
                "Its planned start, %(day)s, has passed and no actual start is recorded."
            ) % {"day": date_label(activity.planned_start)}
        planned = (activity.planned_end - activity.planned_start).days or 1
        elapsed = round(100 * (today - activity.planned_start).days / planned)
        return gettext(
            "%(progress)s%% complete with %(elapsed)s%% of its planned time gone: more than "
            "%(behind)s points behind."
        ) % {"progress": progress, "elapsed": elapsed, "behind": BEHIND_BY}
    return gettext(
        "Its progress keeps within %(behind)s points of its planned time and no date has passed."
    ) % {"behind": BEHIND_BY}


def last_ended_periods(plan, today: datetime.date) -> list:
    """The plan's last two reporting periods that ended before `today`, latest first."""
    return list(
        ReportingPeriod.objects.filter(plan=plan, end_date__lt=today).order_by("-end_date")[:2]
    )


class _Sql:
    """The facts the rules read, as SQL over an activity row (`prefix` reaches it through a
    relation)."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix

    def status_is(self, status) -> Q:
        return Q(**{f"{self.prefix}status": status})

    def is_null(self, name) -> Q:
        return Q(**{f"{self.prefix}{name}__isnull": True})

    def lt(self, name, day) -> Q:
        return Q(**{f"{self.prefix}{name}__lt": day})

    def lte(self, name, day) -> Q:
        return Q(**{f"{self.prefix}{name}__lte": day})

    def false(self) -> Q:
        return Q(pk__in=[])

    def no_accepted_update_since(self, period) -> Q:
        latest_end = f"{self.prefix}accepted_period_end"
        return Q(**{f"{latest_end}__isnull": True}) | Q(**{f"{latest_end}__lt": period.end_date})

    def day(self, name):
        return DayNumber(F(f"{self.prefix}{name}"))

    def constant(self, number: int):
        return Value(number)

    def percent(self):
        return Coalesce(F(f"{self.prefix}accepted_percent"), Value(0))

    def less(self, left, right):
        return LessThan(left, right)

    def first(self, rules, default):
        output = IntegerField() if isinstance(default, int | Func) else CharField()
        whens = [When(condition, then=Value(value)) for condition, value in rules]
        if not isinstance(default, Func):
            default = Value(default)
        return Case(*whens, default=default, output_field=output)


class ActivityAsOf:
    """The facts the rules read, on one activity as it stood at a date: `activity` holds its
    fields then (`core.asof`), `accepted` its updates accepted by then, as (period, percent
    complete), latest period first."""

    def __init__(self, activity, accepted: list[tuple]):
        self.activity, self.accepted = activity, accepted

    def status_is(self, status) -> bool:
        return self.activity.status == status

    def is_null(self, name) -> bool:
        return getattr(self.activity, name) is None

    def lt(self, name, day) -> bool:
        value = getattr(self.activity, name)
        return value is not None and value < day

    def lte(self, name, day) -> bool:
        value = getattr(self.activity, name)
        return value is not None and value <= day

    def false(self) -> bool:
        return False

    def no_accepted_update_since(self, period) -> bool:
        return not any(done.end_date >= period.end_date for done, _percent in self.accepted)

    def day(self, name) -> int:
        return (getattr(self.activity, name) - EPOCH).days

    def constant(self, number: int) -> int:
        return number

    def percent(self) -> int:
        percents = [percent for _period, percent in self.accepted if percent is not None]
        return percents[0] if percents else 0

    def less(self, left, right) -> bool:
        return left < right

    def first(self, rules, default):
        return next((value for condition, value in rules if condition), default)


def with_health(activities, plan, today: datetime.date | None = None):
    """The queryset with `health` and `progress` on each row."""
    return activities.annotate(
        health=health_expression(plan, today), progress=progress_expression()
    )
