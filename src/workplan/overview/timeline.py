"""A Gantt-like timeline: each activity's planned and actual span placed on the plan's period."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from workplan.core.formats import date_label, date_range_label


@dataclass
class Bar:
    x: float
    width: float


@dataclass
class Row:
    activity: object
    planned: Bar
    actual: Bar | None
    actual_label: str


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    rows: list[Row]
    today_x: float | None
    years: list[tuple[int, float]]


WIDTH = 1000  # the chart's own units across; it is scaled to the page


def build(plan, activities, today: datetime.date | None = None) -> Timeline:
    """Positions in chart units (0 to 1000 across the plan's span), clipped to the span."""
    today = today or timezone.localdate()
    span = (plan.end_date - plan.start_date).days or 1

    def x_of(day: datetime.date) -> float:
        return round(WIDTH * min(max((day - plan.start_date).days, 0), span) / span, 1)

    def bar(start, end) -> Bar:
        left = x_of(start)
        return Bar(left, max(round(x_of(end) - left, 1), 3))

    rows = []
    for activity in activities:
        actual = None
        label = gettext("not started")
        if activity.actual_start:
            end = activity.actual_end or min(today, plan.end_date)
            actual = bar(activity.actual_start, max(end, activity.actual_start))
            if activity.actual_end:
                label = date_range_label(activity.actual_start, activity.actual_end)
            else:
                label = gettext("since %(day)s") % {"day": date_label(activity.actual_start)}
        planned = bar(activity.planned_start, activity.planned_end)
        rows.append(Row(activity, planned, actual, label))
    years = [
        (year, x_of(datetime.date(year, 1, 1)))
        for year in range(plan.start_date.year, plan.end_date.year + 1)
    ]
    inside = plan.start_date <= today <= plan.end_date
    return Timeline(plan.start_date, plan.end_date, rows, x_of(today) if inside else None, years)
