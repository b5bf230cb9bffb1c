"""Progress rolled up from activities to commitments, priority areas and the plan.

Each activity counts with its weight (1 unless set); cancelled activities do not count. An
activity serving several commitments shares its weight equally among them, and one serving
none counts under "no commitment", so the commitments of an area, with that remainder, add up
exactly to the area, and the areas add up exactly to the plan: no parent shows a figure its
children do not add up to.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)

from workplan.plans.models import Activity
from workplan.reporting.health import progress_expression

# An activity's weight is split among its commitments in whole units of 1/27720, which every
# count of commitments up to 12 divides exactly, so the split parts add up with no rounding.
SPLIT_UNITS = 27720


@dataclass
class Share:
    """A weighted sum of progress and the weight it is over, as exact fractions."""

    weighted: Fraction = Fraction(0)
    weight: Fraction = Fraction(0)
    # How many activities it counts and their lightest and heaviest weights, so a page can
    # say it plainly ("5 activities, weights 1–3"); known for areas and the plan.
    activities: int = field(default=0, compare=False)
    lightest: int | None = field(default=None, compare=False)
    heaviest: int | None = field(default=None, compare=False)

    def add(self, weighted, weight) -> None:
        self.weighted += Fraction(weighted or 0)
        self.weight += Fraction(weight or 0)

    def count(self, activities, lightest, heaviest) -> None:
        if not activities:
            return
        self.activities += activities
        self.lightest = lightest if self.lightest is None else min(self.lightest, lightest)
        self.heaviest = heaviest if self.heaviest is None else max(self.heaviest, heaviest)

    @property
    def equal_weights(self) -> bool:
        return self.lightest == self.heaviest

    @property
    def percent(self) -> int | None:
        """The weighted mean in whole percent; None when nothing counts."""
        return round(float(self.weighted / self.weight)) if self.weight else None


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
            total.count(area.share.activities, area.share.lightest, area.share.heaviest)
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
            item.share.count(row["activities"], row["lightest"], row["heaviest"])
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
            activities=Count("pk"),
            lightest=Min("weight"),
            heaviest=Max("weight"),
        )
    )


def _by_commitment(activities) -> dict[int, Share]:
    through = Activity.commitments.through
    per_activity = through.objects.filter(activity_id=OuterRef("activity_id"))
    count = Subquery(
        per_activity.values("activity_id").annotate(n=Count("*")).values("n"),
        output_field=IntegerField(),
    )
    units = F("activity__weight") * Value(SPLIT_UNITS) / F("served_by")
    rows = (
        through.objects.filter(activity__in=activities)
        .annotate(served_by=count)
        .values("commitment_id")
        .annotate(
            weighted_units=Sum(units * progress_expression("activity__")),
            weight_units=Sum(units),
        )
    )
    return {
        row["commitment_id"]: Share(
            Fraction(row["weighted_units"], SPLIT_UNITS), Fraction(row["weight_units"], SPLIT_UNITS)
        )
        for row in rows
    }
