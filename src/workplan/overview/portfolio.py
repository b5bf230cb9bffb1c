"""Every plan at once, for the Secretariat's overview (/plans/): each plan's progress, its
updates overdue and its open action items, by the rules of the plan page, the tracker and the
meeting cycle (`reporting.progress`, `reporting.tracker`, `meetings.cycle`), in a fixed number
of queries whatever the number of plans and activities."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from workplan.core import access
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem
from workplan.plans.models import Activity, PriorityArea, WorkPlan
from workplan.reporting import tracker
from workplan.reporting.progress import PlanProgress, Share, plan_progress


@dataclass
class PlanFigures:
    """One plan's line of the overview."""

    plan: WorkPlan
    progress: Share
    activities: int
    overdue_updates: int
    open_actions: int
    overdue_actions: int


def plan_figures(user) -> list[PlanFigures]:
    """The figures of every plan `user` may see, counting only what the user may see."""
    plans = access.restrict(WorkPlan.objects.order_by("-start_date", "title"), user)
    listed = list(plans)  # the plans
    if not listed:
        return []
    progress = _progress(user, plans)
    overdue = Counter(item.period.plan_id for item in tracker.for_reader(plans, user).overdue)
    actions = _actions(user, plans)
    return [
        PlanFigures(
            plan=plan,
            progress=progress.get(plan.pk, Share()),
            activities=progress.get(plan.pk, Share()).activities,
            overdue_updates=overdue[plan.pk],
            open_actions=actions.get(plan.pk, {}).get("open", 0),
            overdue_actions=actions.get(plan.pk, {}).get("late", 0),
        )
        for plan in listed
    ]


def _progress(user, plans) -> dict[int, Share]:
    """Each plan's progress: the plan page's roll-up over every plan's areas at once."""
    areas = list(
        access.restrict(PriorityArea.objects.filter(plan__in=plans), user).prefetch_related(
            "commitments"
        )
    )  # the areas, their commitments
    activities = access.restrict(
        Activity.objects.filter(plan__in=plans, archived_at__isnull=True), user
    )
    rolled = plan_progress(areas, activities)  # by commitment, by area
    by_plan: dict[int, list] = {}
    for item in rolled.areas:
        by_plan.setdefault(item.area.plan_id, []).append(item)
    return {pk: PlanProgress(items).share for pk, items in by_plan.items()}


def _actions(user, plans) -> dict[int, dict[str, int]]:
    """Open action items of each plan's meetings, and how many of them are overdue."""
    items = access.restrict(
        ActionItem.objects.filter(
            agenda_item__meeting__plan__in=plans, status__in=ActionItem.OPEN_STATUSES
        ),
        user,
    )
    rows = (
        cycle.with_overdue(items)
        .order_by()
        .values("agenda_item__meeting__plan_id")
        .annotate(open=Count("pk"), late=Count("pk", filter=Q(overdue=True)))
    )  # one query, grouped by plan
    return {row["agenda_item__meeting__plan_id"]: row for row in rows}
