"""Each activity's stored progress facts: the percent complete of its latest accepted update
(latest period first), when that update was accepted, and the end of the period it reports on.

Health and progress read these fields instead of searching every update, so a page costs the
same at any size. Only this module writes them, always from the updates themselves: the
actions that accept or reopen an update, or move a period's dates, call `refresh_figures` in
their transaction, and `differences` recomputes every activity's facts to show any drift
(`workplan check-figures`).
"""

from dataclasses import dataclass
from itertools import islice

from django.db import transaction

from workplan.plans.models import STORED_FIGURES, Activity
from workplan.reporting import tally
from workplan.reporting.models import ProgressUpdate

CHUNK = 2000


@dataclass(frozen=True)
class Difference:
    activity_id: int
    code: str
    stored: tuple
    recomputed: tuple

    def __str__(self) -> str:
        changes = [
            f"{name} {old!r} should be {new!r}"
            for name, old, new in zip(STORED_FIGURES, self.stored, self.recomputed, strict=True)
            if old != new
        ]
        return f"{self.code}: " + "; ".join(changes)


def recomputed(activity_ids, updates=ProgressUpdate) -> dict[int, tuple]:
    """The facts of each activity's latest accepted update, as (percent, accepted at, period
    end); activities with none get (None, None, None)."""
    facts = dict.fromkeys(activity_ids, (None, None, None))
    rows = (
        updates.objects.filter(activity_id__in=facts, status=ProgressUpdate.Status.ACCEPTED)
        .order_by("activity_id", "-period__end_date", "-reviewed_at", "-pk")
        .values_list("activity_id", "percent_complete", "reviewed_at", "period__end_date")
    )
    seen = set()
    for activity_id, percent, accepted_at, period_end in rows:
        if activity_id not in seen:
            seen.add(activity_id)
            facts[activity_id] = (percent, accepted_at, period_end)
    return facts


@transaction.atomic
def refresh_figures(activity_ids, activities=Activity, updates=ProgressUpdate) -> int:
    """Rewrites the stored facts of these activities from their updates; returns how many
    changed. (The models are given by the migration that first filled them.)"""
    changed = 0
    for chunk in _chunks(activity_ids):
        stored = _stored(chunk, activities)
        rows = [
            _with_facts(activities(pk=pk), facts)
            for pk, facts in recomputed(chunk, updates).items()
            if stored.get(pk, facts) != facts
        ]
        activities.objects.bulk_update(rows, STORED_FIGURES)
        changed += len(rows)
        if activities is Activity:  # not in the migration that first filled them
            _settle_tallies(rows)
    return changed


def _settle_tallies(rows: list[Activity]) -> None:
    plans = Activity.objects.filter(pk__in=[row.pk for row in rows]).values_list("plan_id", "pk")
    by_plan = {}
    for plan_id, pk in plans:
        by_plan.setdefault(plan_id, []).append(pk)
    for plan_id, activity_ids in by_plan.items():
        tally.settle(plan_id, activity_ids)


def refresh_activity(activity_id: int) -> None:
    """`refresh_figures` for the one activity an update belongs to."""
    refresh_figures([activity_id])


def differences(activity_ids=None) -> list[Difference]:
    """Every activity whose stored facts differ from those its updates give."""
    if activity_ids is None:
        activity_ids = Activity.objects.order_by("pk").values_list("pk", flat=True).iterator()
    found = []
    for chunk in _chunks(activity_ids):
        stored = _stored(chunk, Activity, with_code=True)
        for pk, facts in recomputed(chunk).items():
            code, kept = stored[pk]
            if kept != facts:
                found.append(Difference(pk, code, kept, facts))
    return found


def _stored(activity_ids, activities, with_code: bool = False) -> dict:
    rows = activities.objects.filter(pk__in=activity_ids).values_list("pk", "code", *STORED_FIGURES)
    if with_code:
        return {pk: (code, tuple(facts)) for pk, code, *facts in rows}
    return {pk: tuple(facts) for pk, _, *facts in rows}


def _with_facts(activity: Activity, facts: tuple) -> Activity:
    for name, value in zip(STORED_FIGURES, facts, strict=True):
        setattr(activity, name, value)
    return activity


def _chunks(ids):
    iterator = iter(ids)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk
