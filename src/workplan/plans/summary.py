"""Derived figures of a plan, computed from the activities a user may see; never typed in."""

from dataclasses import dataclass, field

from django.db.models import Count

from workplan.plans.models import Activity


@dataclass
class AreaSummary:
    """How one priority area stands: its activities counted by status, and its progress."""

    area: object
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def completed(self) -> int:
        return self.by_status.get(Activity.Status.COMPLETED, 0)

    @property
    def counted(self) -> int:
        return self.total - self.by_status.get(Activity.Status.CANCELLED, 0)

    @property
    def progress(self) -> int:
        """Percent of the area's activities completed, cancelled ones left out of the count.

        Until progress updates are reported, completion is the only measured progress; an
        area without countable activities shows 0.
        """
        return round(100 * self.completed / self.counted) if self.counted else 0

    def status_counts(self) -> list[tuple[str, str, int]]:
        return [
            (value, label, self.by_status.get(value, 0)) for value, label in Activity.Status.choices
        ]


def area_summaries(areas, activities) -> list[AreaSummary]:
    """One summary per area, from a (restricted) queryset of activities, in one query."""
    summaries = {area.pk: AreaSummary(area) for area in areas}
    rows = activities.order_by().values("area_id", "status").annotate(count=Count("id"))
    for row in rows:
        if row["area_id"] in summaries:
            summaries[row["area_id"]].by_status[row["status"]] = row["count"]
    return list(summaries.values())
