"""The public site: the plans the Secretariat published, for anyone, signed in or not.

Every row shown is read through `access.published`, so a page can never show an internal or
restricted activity, an update that was not accepted, or a count that includes either; the
names of people (who wrote, submitted or accepted an update) are never read at all.
"""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from workplan.core import access
from workplan.meetings.models import Meeting
from workplan.plans.models import WorkPlan
from workplan.publication import iati
from workplan.reporting.health import Health, with_health
from workplan.reporting.models import ProgressUpdate
from workplan.reporting.progress import plan_progress

ACTIVITIES_PER_PAGE = 50
MEETINGS_SHOWN = 10


def plan_list(request):
    plans = access.published(WorkPlan.objects.order_by("-start_date", "title"))
    return render(request, "publication/plan_list.html", {"plans": plans})


def plan_detail(request, plan_id):
    plan = published_plan_or_404(plan_id)
    areas = list(access.published(plan.areas.all()).prefetch_related("commitments"))
    activities = access.published(plan.activities.all())
    page = Paginator(_activity_rows(plan, activities), ACTIVITIES_PER_PAGE)
    context = {
        "plan": plan,
        "progress": plan_progress(areas, activities),
        "page": page.get_page(request.GET.get("page")),
        "healths": dict(Health.choices),
        **_meetings(plan),
    }
    return render(request, "publication/plan_detail.html", context)


def iati_activities(request, plan_id):
    """The published plan's public activities as IATI 2.03 activity XML."""
    plan = published_plan_or_404(plan_id)
    response = HttpResponse(iati.activities_xml(plan), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.pk}-iati-activities.xml"'
    return response


def published_plan_or_404(plan_id) -> WorkPlan:
    plans = access.published(WorkPlan.objects.prefetch_related("parties"))
    try:
        return plans.get(pk=plan_id)
    except WorkPlan.DoesNotExist:
        raise Http404("No published work plan found.") from None


def latest_accepted(field: str) -> Subquery:
    """A field of the activity's latest accepted update (by period, then acceptance)."""
    updates = access.published(ProgressUpdate.objects.filter(activity_id=OuterRef("pk")))
    latest = updates.order_by("-period__end_date", "-reviewed_at", "-pk")
    return Subquery(latest.values(field)[:1])


def _activity_rows(plan, activities):
    rows = (
        activities.select_related("area", "lead_party", "funding_source")
        .prefetch_related("partner_parties")
        .annotate(
            narrative=latest_accepted("narrative"),
            narrative_period=latest_accepted("period__name"),
        )
        .order_by("area__position", "planned_start", "code")
    )
    return with_health(rows, plan)


def _meetings(plan) -> dict:
    meetings = access.published(Meeting.objects.serving(plan)).select_related("body", "country")
    today = timezone.localdate()
    return {
        "past_meetings": list(
            meetings.filter(start_date__lt=today).order_by("-start_date")[:MEETINGS_SHOWN]
        ),
        "upcoming_meetings": list(
            meetings.filter(start_date__gte=today).order_by("start_date")[:MEETINGS_SHOWN]
        ),
    }
