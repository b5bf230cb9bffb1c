"""Progress rolled up from activities to commitments, priority areas and the plan.

Each activity counts with its weight (1 unless set); cancelled activities do not count. An
activity serving several commitments shares its weight equally among them, and one serving
none counts under "no commitment", so the commitments of an area, with that remainder, add up
exactly to the area, and the areas add up exactly to the plan: no parent shows a figure its
children do not add up to.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from workplan.plans.models import Activity
from workplan.reporting.health import progress_expression


@dataclass
class Share:
    """A weighted sum of progress and the weight it is over."""

    weighted: float = 0.0
    weight: float = 0.0

    def add(self, weighted, weight) -> None:
        self.weighted += float(weighted or 0)
        self.weight += float(weight or 0)

    @property
    def percent(self) -> int | None:
        """The weighted mean in whole percent; None when nothing counts."""
        return round(self.weighted / self.weight) if self.weight else None


@dataclass
class AreaProgress:
    area: object
    share: Share = field(default_factory=Share)
    commitments: list[tuple[object, Share]] = field(default_factory=list)
    uncommitted: Share = field(default_factory=Share)


@dataclass
class PlanProgress:
    areas: list[AreaProgress]

    @property
    def share(self) -> Share:
        total = Share()
        for area in self.areas:
            total.add(area.share.weighted, area.share.weight)
        return total

    def for_area(self, area_id) -> AreaProgress:
        return next(item for item in self.areas if item.area.pk == area_id)


def plan_progress(areas, activities) -> PlanProgress:
    """Rolls up the progress of `activities` (a restricted queryset) over `areas` (with their
    commitments prefetched), in two queries."""
    counted = activities.exclude(status=Activity.Status.CANCELLED)
    result = PlanProgress([AreaProgress(area) for area in areas])
    by_commitment = _by_commitment(counted)
    for item in result.areas:
        for commitment in item.area.commitments.all():
            item.commitments.append((commitment, by_commitment.get(commitment.pk, Share())))
    for row in _by_area(counted):
        item = next((a for a in result.areas if a.area.pk == row["area_id"]), None)
        if item:
            item.share.add(row["weighted_sum"], row["weight_sum"])
            item.uncommitted.add(row["weighted_alone"], row["weight_alone"])
    return result


def _by_area(activities):
    serves_none = ~Exists(Activity.commitments.through.objects.filter(activity_id=OuterRef("pk")))
    weighted = F("weight") * progress_expression()

    def alone(expression):
        return Case(When(serves_none, then=expression), default=Value(0))

    return (
        activities.order_by()
        .values("area_id")
        .annotate(
            # named apart from the "weight" field, which the expressions read
            weighted_sum=Sum(weighted),
            weight_sum=Sum("weight"),
            weighted_alone=Sum(alone(weighted)),
            weight_alone=Sum(alone(F("weight"))),
        )
    )


def _by_commitment(activities) -> dict[int, Share]:
    through = Activity.commitments.through
    per_activity = through.objects.filter(activity_id=OuterRef("activity_id"))
    count = Cast(
        Subquery(per_activity.values("activity_id").annotate(n=Count("*")).values("n")),
        FloatField(),
    )
    rows = (
        through.objects.filter(activity__in=activities)
        .annotate(served_by=count)
        .values("commitment_id")
        .annotate(
            weighted_sum=Sum(
                F("activity__weight") * progress_expression("activity__") / F("served_by")
            ),
            weight_sum=Sum(Cast(F("activity__weight"), FloatField()) / F("served_by")),
        )
    )
    shares = {}
    for row in rows:
        shares[row["commitment_id"]] = Share(float(row["weighted_sum"]), float(row["weight_sum"]))
    return shares
