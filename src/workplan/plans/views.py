"""Pages of the plan and its activity register. Each reads: fetch (restricted), validate, act,
respond."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.access import ADD, ADD_ACTIVITY, ARCHIVE, CHANGE, PUBLISH, RESTORE
from workplan.core.api import KnownCountPaginator
from workplan.core.changelog import history_of
from workplan.core.extensions import render_panels
from workplan.core.forms import rebase, show_errors, submit
from workplan.plans import actions, register
from workplan.plans.filters import ActivityFilter
from workplan.plans.forms import (
    ActivityForm,
    AreaEditForm,
    AreaForm,
    CommitmentEditForm,
    CommitmentForm,
    IndicatorForm,
    PlanEditForm,
    PlanForm,
)
from workplan.plans.models import Activity, Commitment, Indicator, PriorityArea, WorkPlan


@login_required
def activity_list(request, plan_id):
    plan = _plan(request, plan_id)
    filterset = register_filter(plan, request.user, request.GET or None)
    page = register_paginator(filterset, request.user).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "filter": filterset,
        "page": page,
        "rows": register.rows(page.object_list, plan),
        "query": _query_without_page(request),
        "can_add": access.can(request.user, ADD_ACTIVITY, plan),
    }
    return render(request, "plans/activity_list.html", context)


def register_filter(plan, user, data) -> ActivityFilter:
    """The register's filtered activities, as the page lists them (`bench/register_filters.py`
    explains the same queries)."""
    return ActivityFilter(data, queryset=access.restrict(plan.activities.all(), user), plan=plan)


def register_paginator(filterset: ActivityFilter, reader) -> Paginator:
    """Pages of the register, counted from the kept count when there is one, else exactly."""
    known = filterset.known_count(reader)
    return KnownCountPaginator(filterset.qs, settings.ACTIVITIES_PER_PAGE, known=known)


@login_required
def activity_detail(request, pk):
    activity = _activity(request, pk)
    user = request.user
    context = {
        "activity": activity,
        "plan": activity.plan,
        "history": history_of(activity)[:200],
        "indicators": activity.indicators.filter(archived_at__isnull=True),
        "panels": render_panels("activity_detail", request, activity),
        "can_change": access.can(user, CHANGE, activity),
        "can_archive": access.can(user, ARCHIVE, activity),
        "can_restore": access.can(user, RESTORE, activity),
    }
    return render(request, "plans/activity_detail.html", context)


@login_required
def activity_create(request, plan_id):
    plan = _plan(request, plan_id)
    access.require(request.user, ADD_ACTIVITY, plan)
    form = ActivityForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.create_activity(plan, form.activity_data(), actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, gettext("Activity %(code)s created.") % {"code": activity.code}
            )
            return redirect(activity)
    return render(request, "plans/activity_form.html", {"form": form, "plan": plan})


@login_required
def activity_edit(request, pk):
    activity = _activity(request, pk)
    access.require(request.user, CHANGE, activity)
    form = ActivityForm(
        request.POST or None, instance=activity, plan=activity.plan, user=request.user
    )
    context = {"form": form, "plan": activity.plan, "activity": activity}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_activity(
                activity, form.activity_data(), expected_version=version, actor=request.user
            ),
            on_conflict=lambda conflict: _rebase(request, form, conflict, context),
        )
        if saved:
            messages.success(request, gettext("Activity %(code)s saved.") % {"code": saved.code})
            return redirect(saved)
    return render(request, "plans/activity_form.html", context)


@require_POST
@login_required
def activity_archive(request, pk):
    activity = _activity(request, pk)
    access.require(request.user, ARCHIVE, activity)
    actions.archive_activity(activity, actor=request.user)
    message = gettext("Activity %(code)s archived. The Secretariat can restore it.")
    messages.success(request, message % {"code": activity.code})
    return redirect("plans:activity_list", activity.plan_id)


@require_POST
@login_required
def activity_restore(request, pk):
    activity = _activity(request, pk)
    access.require(request.user, RESTORE, activity)
    actions.restore_activity(activity, actor=request.user)
    message = gettext("Activity %(code)s restored to the register.")
    messages.success(request, message % {"code": activity.code})
    return redirect(activity)


@require_POST
@login_required
def plan_publish(request, plan_id):
    """The Secretariat puts the plan on the public site ("published": "1") or takes it off."""
    plan = _plan(request, plan_id)
    access.require(request.user, PUBLISH, plan)
    published = request.POST.get("published") == "1"
    try:
        actions.publish_plan(plan, published=published, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        message = (
            gettext("%(plan)s is on the public site.")
            if published
            else gettext("%(plan)s is no longer on the public site.")
        )
        messages.success(request, message % {"plan": plan})
    return redirect(plan)


@login_required
def plan_create(request):
    """The Secretariat starts a plan: its facts and parties; areas, reporting periods and
    activities are added on its pages."""
    access.require(request.user, ADD, WorkPlan)
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields, parties = form.plan_data()
        try:
            plan = actions.create_plan(fields, parties=parties, actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            message = gettext("%(plan)s created. Add its priority areas next.")
            messages.success(request, message % {"plan": plan})
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_edit(request, plan_id):
    """The Secretariat edits a plan's facts and parties, from the version it opened."""
    plan = _plan(request, plan_id)
    access.require(request.user, CHANGE, plan)
    form = PlanEditForm(request.POST or None, instance=plan, user=request.user)
    context = {"form": form, "plan": plan, "editing": True}
    if request.method == "POST" and form.is_valid():
        fields, parties = form.plan_data()
        saved = submit(
            form,
            context,
            lambda version: actions.update_plan(
                plan, fields, parties=parties, expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(request, gettext("%(plan)s saved.") % {"plan": saved.short_title})
            return redirect(saved)
    return render(request, "plans/plan_form.html", context)


@login_required
def area_create(request, plan_id):
    """The Secretariat adds a priority area, with its keywords and commitments, to a plan."""
    plan = _plan(request, plan_id)
    access.require(request.user, CHANGE, plan)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = actions.add_area(plan, form.area_data(), actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, gettext("Priority area %(area)s added.") % {"area": area})
            return redirect(plan)
    return render(request, "plans/area_form.html", {"form": form, "plan": plan})


@login_required
def commitment_create(request, pk):
    """The Secretariat adds a commitment to a priority area, after its last one."""
    areas = PriorityArea.objects.select_related("plan")
    area = access.get_visible_or_404(areas, request.user, pk=pk)
    access.require(request.user, CHANGE, area)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_commitment(area, form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, gettext("Commitment added to %(area)s.") % {"area": area})
            return redirect(area.plan)
    context = {"form": form, "area": area, "plan": area.plan}
    return render(request, "plans/commitment_form.html", context)


@login_required
def area_edit(request, pk):
    """The Secretariat edits a priority area: its name, key, code prefix, description and
    keywords."""
    area = access.get_visible_or_404(
        PriorityArea.objects.select_related("plan"), request.user, pk=pk
    )
    access.require(request.user, CHANGE, area)
    form = AreaEditForm(request.POST or None, instance=area)
    context = {"form": form, "plan": area.plan, "area": area}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_area(
                area, form.area_data(), expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(
                request, gettext("Priority area %(area)s saved.") % {"area": saved.name}
            )
            return redirect(saved.plan)
    return render(request, "plans/area_form.html", context)


@login_required
def commitment_edit(request, pk):
    """The Secretariat edits the words of a commitment."""
    commitments = Commitment.objects.select_related("area", "area__plan")
    commitment = access.get_visible_or_404(commitments, request.user, pk=pk)
    access.require(request.user, CHANGE, commitment)
    form = CommitmentEditForm(request.POST or None, commitment=commitment)
    area = commitment.area
    context = {"form": form, "area": area, "plan": area.plan, "commitment": commitment}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_commitment(
                commitment, form.cleaned_data["text"], expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(request, gettext("Commitment saved."))
            return redirect(area.plan)
    return render(request, "plans/commitment_form.html", context)


@login_required
def indicator_create(request, pk):
    activity = _activity(request, pk)
    access.require(request.user, CHANGE, activity)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_indicator(activity, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            name = form.cleaned_data["name"]
            messages.success(request, gettext("Indicator %(name)s added.") % {"name": name})
            return redirect(activity)
    context = {"form": form, "activity": activity, "plan": activity.plan}
    return render(request, "plans/indicator_form.html", context)


@login_required
def indicator_edit(request, pk):
    indicators = Indicator.objects.select_related("activity", "activity__plan")
    indicator = access.get_visible_or_404(indicators, request.user, pk=pk)
    access.require(request.user, CHANGE, indicator)
    form = IndicatorForm(request.POST or None, instance=indicator)
    activity = indicator.activity
    context = {"form": form, "activity": activity, "plan": activity.plan, "indicator": indicator}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_indicator(
                indicator, form.cleaned_data, expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(request, gettext("Indicator %(name)s saved.") % {"name": saved.name})
            return redirect(activity)
    return render(request, "plans/indicator_form.html", context)


def _rebase(request, form, conflict, context) -> None:
    """Shows what the other editor changed and rebases the form on the saved activity."""
    current = _activity(request, conflict.current.pk)
    fresh = ActivityForm(instance=current, plan=current.plan, user=request.user)
    theirs = {name for entry in conflict.changes_since for name in entry.changed_fields()}
    context["both_changed"] = rebase(form, fresh, theirs)
    form.data["version"] = current.version


def _plan(request, plan_id) -> WorkPlan:
    plans = WorkPlan.objects.prefetch_related("parties")
    return access.get_visible_or_404(plans, request.user, pk=plan_id)


def _activity(request, pk) -> Activity:
    activities = Activity.objects.select_related(
        "plan", "area", "lead_party", "funding_source"
    ).prefetch_related("partner_parties", "commitments")
    return access.get_visible_or_404(activities, request.user, pk=pk)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
