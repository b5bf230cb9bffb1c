"""The plan's activities as they stood at a cut-off: their fields, the updates accepted by
then, and their health and progress on that day.

The fields and the updates come from the change log (`core.asof`); health and progress are
the very rules of `reporting.health` (`health_rule`, `progress_rule`), evaluated on those
states instead of compiled to SQL. So a meeting report made a year later reads the same, and
a page and a report never disagree on what a rule says.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from workplan.core import asof
from workplan.plans.models import Activity
from workplan.reporting.health import (
    ActivityAsOf,
    health_rule,
    last_ended_periods,
    progress_rule,
)
from workplan.reporting.models import ProgressUpdate

INDICATOR_KEY = "indicator:"  # how an update's snapshot keeps an indicator's value


@dataclass
class Accepted:
    """An update as it stood at the cut-off, accepted by then."""

    update: ProgressUpdate
    period: object
    percent: int | None
    values: dict = field(default_factory=dict)  # indicator name -> value (text)


def accepted_updates(activity_ids, periods: dict, moment: datetime.datetime) -> dict[int, list]:
    """{activity id: its updates accepted before `moment`, latest period first} (as they
    read then); `periods` maps period ids to periods."""
    current = ProgressUpdate.objects.filter(activity_id__in=list(activity_ids)).order_by("pk")
    found: dict[int, list[Accepted]] = {}
    for update in asof.as_of(current, moment):
        if update.status != ProgressUpdate.Status.ACCEPTED or update.period_id not in periods:
            continue
        values = {
            name.removeprefix(INDICATOR_KEY): value
            for name, value in getattr(update, "as_of_extra", {}).items()
            if name.startswith(INDICATOR_KEY)
        }
        accepted = Accepted(update, periods[update.period_id], update.percent_complete, values)
        found.setdefault(update.activity_id, []).append(accepted)
    for updates in found.values():
        updates.sort(key=_latest_first)
    return found


def _latest_first(accepted: Accepted):
    reviewed = accepted.update.reviewed_at or datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return (-accepted.period.end_date.toordinal(), -reviewed.timestamp())


def activities_as_of(
    plan, activities, cutoff: datetime.date, moment: datetime.datetime | None = None
) -> list[Activity]:
    """The activities of `activities` (a restricted queryset of the plan) that existed, not
    archived, before `moment` (default: the first moment of `cutoff`), as they stood then, in
    code order, each with `health` and `progress` on `cutoff` and `accepted` (its accepted
    updates then)."""
    moment = moment or asof.day_start(cutoff)
    current = activities.select_related("lead_party", "funding_source").order_by("code")
    then = [
        activity
        for activity in asof.as_of(current, moment)
        if activity.archived_at is None or activity.archived_at >= moment
    ]
    periods = {period.pk: period for period in plan.periods.all()}
    evaluate(then, plan, accepted_updates([a.pk for a in then], periods, moment), cutoff)
    return sorted(then, key=lambda activity: activity.code)


def evaluate(activities, plan, accepted: dict, today: datetime.date) -> None:
    """Sets `health`, `progress` and `accepted` on each activity, by the rules of
    `reporting.health` on `today`."""
    ended = last_ended_periods(plan, today)
    for activity in activities:
        activity.accepted = accepted.get(activity.pk, [])
        facts = ActivityAsOf(activity, [(item.period, item.percent) for item in activity.accepted])
        activity.health = health_rule(facts, ended, today)
        activity.progress = progress_rule(facts)


def area_progress(activities) -> dict[int, int | None]:
    """{area id: weighted mean progress of its activities}, cancelled ones left out: the rule
    of `reporting.progress`, over activities already evaluated."""
    sums: dict[int, list[Fraction]] = {}
    for activity in activities:
        if activity.status == Activity.Status.CANCELLED:
            continue
        weighted, weight = sums.setdefault(activity.area_id, [Fraction(0), Fraction(0)])
        sums[activity.area_id] = [
            weighted + activity.weight * activity.progress,
            weight + activity.weight,
        ]
    return {area: round(float(w / n)) if n else None for area, (w, n) in sums.items()}
