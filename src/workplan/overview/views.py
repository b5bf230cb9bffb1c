"""The plan at a glance: the plan page and its dashboard. This app sits on top of the others,
so these pages can gather plans, reporting and (later) meetings."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from workplan.core import access
from workplan.core.access import ADD, ADD_ACTIVITY
from workplan.core.api import KnownCountPaginator
from workplan.core.models import ChangeLog
from workplan.meetings import owes
from workplan.meetings.models import Amendment, Meeting
from workplan.overview import portfolio, timeline
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import tally
from workplan.reporting.health import Health, with_health
from workplan.reporting.models import ProgressUpdate
from workplan.reporting.progress import plan_progress

TIMELINE_ROWS = 30
LIST_LIMIT = 10


@login_required
def home(request):
    plans = list(access.restrict(WorkPlan.objects.all(), request.user))
    if len(plans) == 1:
        return redirect(plans[0])
    context = {"plans": plans, "can_add_plan": access.can(request.user, ADD, WorkPlan)}
    return render(request, "overview/plan_list.html", context)


@login_required
def plan_overview(request):
    """Every plan the user may see, with its progress, updates overdue and open action items;
    the Secretariat starts a new plan here."""
    context = {
        "rows": portfolio.plan_figures(request.user),
        "can_add_plan": access.can(request.user, ADD, WorkPlan),
    }
    return render(request, "overview/plan_overview.html", context)


PLAN_PAGES = {
    "plan": "overview:plan",
    "dashboard": "overview:dashboard",
    "activities": "plans:activity_list",
    "periods": "reporting:period_list",
    "tracker": "reporting:tracker",
}


@login_required
def plan_page(request, page):
    """The header's plan links on pages that belong to no plan (My tasks, Meetings...): the
    page of the user's plan, or the list of plans to choose from when they see several."""
    if page not in PLAN_PAGES:
        raise Http404
    plans = list(access.restrict(WorkPlan.objects.order_by("pk"), request.user)[:2])
    if len(plans) != 1:
        return redirect("home")
    return redirect(PLAN_PAGES[page], plans[0].pk)


@login_required
def plan_detail(request, plan_id):
    plan = _plan(request, plan_id)
    areas = list(plan.areas.prefetch_related("commitments"))
    tally.current(plan)
    progress = tally.plan_progress(plan, areas, request.user)
    counts = tally.status_counts(plan, request.user)
    context = {
        "plan": plan,
        "progress": progress,
        "areas": [(item, counts.get(item.area.pk, {})) for item in progress.areas],
        "statuses": Activity.Status.choices,
        "can_add": access.can(request.user, ADD_ACTIVITY, plan),
        "next_meetings": _next_meetings(request.user, plan),
        "amendments": access.restrict(
            plan.amendments.filter(status=Amendment.Status.ADOPTED), request.user
        ).select_related("meeting", "meeting__body"),
    }
    return render(request, "overview/plan_detail.html", context)


def _next_meetings(user, plan) -> list:
    """The next meeting of each body that reviews or notes the plan, soonest first."""
    upcoming = (
        access.restrict(
            Meeting.objects.serving(plan).filter(start_date__gte=timezone.localdate()), user
        )
        .select_related("body", "country")
        .order_by("start_date")
    )
    first_of_body = {}
    for meeting in upcoming:
        first_of_body.setdefault(meeting.body_id, meeting)
    return list(first_of_body.values())


@login_required
def dashboard(request, plan_id):
    plan = _plan(request, plan_id)
    areas = list(plan.areas.prefetch_related("commitments"))
    chosen = _dashboard_filters(request.GET)
    tally.current(plan)
    activities = _filtered(_activities(request, plan), **chosen)
    progress, health_counts, count = _figures(request.user, plan, areas, activities, chosen)
    context = {
        "plan": plan,
        "progress": progress,
        "health_table": _health_table(plan, areas, health_counts),
        "healths": Health.choices,
        **_timeline_context(request, plan, activities, count),
        **_queues(request, plan, activities, chosen),
        "recent": _recent_changes(request.user, activities),
    }
    return render(request, "overview/dashboard.html", context)


@login_required
def party_owes(request, code):
    """What one party owes: overdue, returned and due updates, open action items."""
    party = owes.readable_party(request.user, code)
    plans = list(access.restrict(WorkPlan.objects.filter(parties=party), request.user))
    context = {
        "party": party,
        "owes": owes.owed_by(party, request.user),
        "plan": plans[0] if len(plans) == 1 else None,
    }
    return render(request, "overview/party_owes.html", context)


def _plan(request, plan_id) -> WorkPlan:
    plans = WorkPlan.objects.prefetch_related("parties")
    return access.get_visible_or_404(plans, request.user, pk=plan_id)


def _activities(request, plan):
    return access.restrict(plan.activities.filter(archived_at__isnull=True), request.user)


def _figures(user, plan, areas, activities, chosen: dict) -> tuple:
    """Progress, health counts (by lead party, area and health) and how many activities:
    summed from the plan's tallies, or counted over the activities when the party filter
    narrows them to that party's (the tallies do not keep every party an activity involves)."""
    if chosen["party"] is None:
        area_id = chosen["area"]
        return (
            tally.plan_progress(plan, areas, user, area_id=area_id),
            tally.health_counts(plan, user, area_id=area_id),
            tally.activity_count(plan, user, area_id=area_id),
        )
    health_counts = (
        with_health(activities, plan)
        .order_by()
        .values("lead_party_id", "area_id", "health")
        .annotate(count=Count("id"))
    )
    return plan_progress(areas, activities), health_counts, None


def _health_table(plan, areas, rows) -> dict:
    """Health counts by lead party (rows) and priority area (columns)."""
    cells: dict[tuple, dict[str, int]] = {}
    totals: dict[int, dict[str, int]] = {}
    for row in rows:
        if row["health"] is None:
            continue
        cell = cells.setdefault((row["lead_party_id"], row["area_id"]), {})
        cell[row["health"]] = row["count"]
        total = totals.setdefault(row["area_id"], {})
        total[row["health"]] = total.get(row["health"], 0) + row["count"]
    parties = [party for party in plan.parties.all() if any(k[0] == party.pk for k in cells)]
    return {
        "areas": areas,
        "rows": [
            (party, [_health_list(cells.get((party.pk, a.pk), {})) for a in areas])
            for party in parties
        ],
        "totals": [_health_list(totals.get(area.pk, {})) for area in areas],
    }


def _health_list(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, label, counts[value]) for value, label in Health.choices if counts.get(value)]


def _dashboard_filters(query) -> dict:
    """The dashboard's filters (area id, party id), which every panel under them obeys."""
    return {
        name: int(query[name]) if query.get(name, "").isdigit() else None
        for name in ("area", "party")
    }


def _filtered(activities, *, area: int | None, party: int | None):
    """Activities of the area, led by the party or with it as a partner."""
    if area:
        activities = activities.filter(area_id=area)
    if party:
        partnered = Activity.partner_parties.through.objects.filter(party_id=party)
        activities = activities.filter(
            Q(lead_party_id=party) | Q(pk__in=partnered.values("activity_id"))
        )
    return activities


def _timeline_context(request, plan, activities, count: int | None) -> dict:
    area_id, party_id = request.GET.get("area", ""), request.GET.get("party", "")
    rows = activities.select_related("area", "lead_party").order_by("planned_start", "code")
    paginator = KnownCountPaginator(with_health(rows, plan), TIMELINE_ROWS, known=count)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "timeline": timeline.build(plan, page.object_list),
        "timeline_page": page,
        "timeline_query": query.urlencode(),
        "filter_area": area_id,
        "filter_party": party_id,
        "parties": plan.parties.all(),
    }


def _queues(request, plan, activities, chosen: dict) -> dict:
    """Updates waiting for review, and updates overdue of every period (the tracker's rule),
    for the activities the dashboard's filters keep; overdue ones are owed by the lead party,
    so the party filter keeps that party's."""
    # from the few updates waiting (an index on status), each asked whether its activity is kept
    of_activities = Exists(activities.filter(pk=OuterRef("activity_id")))
    waiting = (
        access.restrict(
            ProgressUpdate.objects.filter(of_activities, status=ProgressUpdate.Status.SUBMITTED),
            request.user,
        )
        .select_related("activity", "party", "period")
        .order_by("submitted_at")
    )
    count, overdue = tally.overdue(
        plan,
        request.user,
        timezone.localdate(),
        area_id=chosen["area"],
        party_id=chosen["party"],
        limit=LIST_LIMIT,
    )
    parties = {party.pk: party for party in plan.parties.all()}
    return {
        "waiting": waiting[:LIST_LIMIT],
        "waiting_count": waiting.count(),
        "overdue": [(item, parties[item.party_id]) for item in overdue],
        "overdue_count": count,
    }


def _recent_changes(user, activities) -> list:
    """The latest changes to activities and updates the user may see. Each kind is read newest
    first through its own index and each change checked against what the user may see, so the
    database stops after the first ten of each instead of sorting every change."""
    types = ContentType.objects.get_for_models(Activity, ProgressUpdate)
    on_these = ProgressUpdate.objects.filter(Exists(activities.filter(pk=OuterRef("activity_id"))))
    newest = []
    for kind, visible in (
        (Activity, activities),
        (ProgressUpdate, access.restrict(on_these, user)),
    ):
        changes = ChangeLog.objects.filter(
            Exists(visible.filter(pk=OuterRef("object_id"))), content_type=types[kind]
        )
        newest += changes[:LIST_LIMIT]
    newest.sort(key=lambda change: (change.timestamp, change.pk), reverse=True)
    return newest[:LIST_LIMIT]
