"""Pages of progress reporting: periods, updates and their review, queues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.changelog import history_of
from workplan.core.forms import show_errors, submit
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import actions, obligations
from workplan.reporting.evidence import named_for_type
from workplan.reporting.forms import (
    CommentForm,
    EvidenceForm,
    PeriodForm,
    ReopenForm,
    ReviewCommentForm,
    StartUpdateForm,
    UpdateForm,
)
from workplan.reporting.health import Health, with_health
from workplan.reporting.models import Evidence, ProgressUpdate, ReportingPeriod

QUEUE_PAGE = 50


def activity_panel(request, activity: Activity) -> str:
    """The activity page's reporting section: health, progress, updates, and "write an update"."""
    user = request.user
    figures = with_health(Activity.objects.filter(pk=activity.pk), activity.plan).values(
        "health", "progress"
    )[0]
    updates = access.restrict(activity.updates.select_related("party", "period"), user)
    may_report = access.can(user, access.REPORT, activity)
    context = {
        "activity": activity,
        "health": figures["health"],
        "health_label": Health(figures["health"]).label if figures["health"] else "",
        "progress": figures["progress"],
        "updates": updates,
        "start_form": StartUpdateForm(plan=activity.plan, user=user) if may_report else None,
    }
    return render_to_string("reporting/_activity_panel.html", context, request=request)


# Reporting periods


@login_required
def period_list(request, plan_id):
    plan = _plan(request, plan_id)
    context = {
        "plan": plan,
        "periods": access.restrict(plan.periods.all(), request.user),
        "can_manage": access.can(request.user, access.ADD_PERIOD, plan),
    }
    return render(request, "reporting/period_list.html", context)


@login_required
def period_create(request, plan_id):
    plan = _plan(request, plan_id)
    access.require(request.user, access.ADD_PERIOD, plan)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_period(plan, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Period {form.cleaned_data['name']} added.")
            return redirect("reporting:period_list", plan.pk)
    return render(request, "reporting/period_form.html", {"form": form, "plan": plan})


@login_required
def period_edit(request, pk):
    period = access.get_visible_or_404(
        ReportingPeriod.objects.select_related("plan"), request.user, pk=pk
    )
    access.require(request.user, access.CHANGE, period)
    form = PeriodForm(request.POST or None, instance=period)
    context = {"form": form, "plan": period.plan, "period": period}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_period(
                period, form.cleaned_data, expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(request, f"Period {saved.name} saved.")
            return redirect("reporting:period_list", period.plan_id)
    return render(request, "reporting/period_form.html", context)


# Progress updates


@require_POST
@login_required
def update_start(request, activity_pk):
    activity = access.get_visible_or_404(
        Activity.objects.select_related("plan"), request.user, pk=activity_pk
    )
    access.require(request.user, access.REPORT, activity)
    form = StartUpdateForm(request.POST, plan=activity.plan, user=request.user)
    if not form.is_valid():
        messages.error(request, "Choose the reporting period of the update.")
        return redirect(activity)
    update = actions.start_update(activity, form.cleaned_data["period"], actor=request.user)
    return redirect("reporting:update_edit", update.pk)


@login_required
def update_detail(request, pk):
    update = _update(request, pk)
    user = request.user
    context = {
        "update": update,
        "activity": update.activity,
        "plan": update.activity.plan,
        "values": update.values.select_related("indicator"),
        "evidence": update.evidence.filter(archived_at__isnull=True),
        "comments": update.comments.select_related("author", "author__party"),
        "steps": history_of(update).order_by("timestamp"),
        "can_edit": access.can(user, access.CHANGE, update),
        "can_review": access.can(user, access.REVIEW, update),
        "can_reopen": access.can(user, access.REOPEN, update),
        "can_comment": access.can(user, access.COMMENT, update),
        "return_form": ReviewCommentForm(),
        "reopen_form": ReopenForm(),
        "comment_form": CommentForm(),
    }
    return render(request, "reporting/update_detail.html", context)


@login_required
def update_edit(request, pk):
    update = _update(request, pk)
    access.require(request.user, access.CHANGE, update)
    indicators = update.activity.indicators.filter(archived_at__isnull=True)
    form = UpdateForm(request.POST or None, instance=update, indicators=indicators)
    context = {
        "form": form,
        "update": update,
        "activity": update.activity,
        "plan": update.activity.plan,
        "evidence": update.evidence.filter(archived_at__isnull=True),
        "evidence_form": EvidenceForm(),
    }
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda version: _save_and_maybe_submit(request, update, form, version),
            on_refusal=lambda: _keep_draft_version(form, update),
        )
        if done:
            if "submit" in request.POST:
                messages.success(request, "Update submitted for review.")
                return redirect(update)
            messages.success(request, "Draft saved.")
            return redirect("reporting:update_edit", update.pk)
    return render(request, "reporting/update_form.html", context)


@require_POST
@login_required
def update_accept(request, pk):
    update = _update(request, pk)
    return _act(
        request,
        update,
        lambda: actions.accept_update(update, actor=request.user),
        "Update accepted.",
    )


@require_POST
@login_required
def update_return(request, pk):
    update = _update(request, pk)
    comment = request.POST.get("comment", "")
    return _act(
        request,
        update,
        lambda: actions.return_update(update, comment, actor=request.user),
        "Update returned to the party with your comment.",
    )


@require_POST
@login_required
def update_reopen(request, pk):
    update = _update(request, pk)
    reason = request.POST.get("reason", "")
    return _act(
        request,
        update,
        lambda: actions.reopen_update(update, reason, actor=request.user),
        "Update reopened; the party can correct it and submit again.",
    )


@require_POST
@login_required
def update_comment(request, pk):
    update = _update(request, pk)
    text = request.POST.get("text", "")
    return _act(
        request,
        update,
        lambda: actions.add_comment(update, text, actor=request.user),
        "Message added.",
    )


@require_POST
@login_required
def evidence_upload(request, pk):
    update = _update(request, pk)
    access.require(request.user, access.CHANGE, update)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file to attach.")
    else:
        try:
            evidence = actions.add_evidence(update, form.cleaned_data["file"], actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{evidence.original_name} attached.")
    return redirect("reporting:update_edit", update.pk)


@require_POST
@login_required
def evidence_remove(request, pk):
    evidence = access.get_visible_or_404(
        Evidence.objects.select_related("update"), request.user, pk=pk
    )
    actions.remove_evidence(evidence, actor=request.user)
    messages.success(request, f"{evidence.original_name} removed from the update.")
    return redirect("reporting:update_edit", evidence.update_id)


@login_required
def evidence_download(request, pk):
    evidence = access.get_visible_or_404(Evidence.objects.all(), request.user, pk=pk)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=named_for_type(evidence.original_name, evidence.content_type),
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Work queues


@login_required
def review_queue(request):
    access.require(request.user, access.REVIEW, ProgressUpdate)
    updates = (
        access.restrict(
            ProgressUpdate.objects.filter(status=ProgressUpdate.Status.SUBMITTED), request.user
        )
        .select_related("activity", "party", "period", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(updates, QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(request, "reporting/review_queue.html", {"page": page})


@login_required
def my_tasks(request):
    user = request.user
    access.require(user, access.REPORT, ProgressUpdate)
    own = access.restrict(ProgressUpdate.objects.filter(party=user.party), user).select_related(
        "activity", "period"
    )
    context = {
        "returned": own.filter(status=ProgressUpdate.Status.RETURNED),
        "drafts": own.filter(status=ProgressUpdate.Status.DRAFT),
        "owed": _owed_by(user),
    }
    return render(request, "reporting/my_tasks.html", context)


def _owed_by(user) -> list[tuple]:
    """For each plan: the overdue and next-due updates the user's party owes, as
    (plan, label, period, activities)."""
    owed = []
    plans = access.restrict(WorkPlan.objects.filter(parties=user.party), user)
    led = access.restrict(Activity.objects.filter(lead_party=user.party), user)
    for plan in plans:
        for label, period in (
            ("Overdue", obligations.last_past_due(plan)),
            ("Due", obligations.next_due(plan)),
        ):
            if period:
                owed.append(
                    (plan, label, period, obligations.missing(led, period).order_by("code"))
                )
    return owed


def _plan(request, plan_id) -> WorkPlan:
    return access.get_visible_or_404(WorkPlan.objects.all(), request.user, pk=plan_id)


def _update(request, pk) -> ProgressUpdate:
    updates = ProgressUpdate.objects.select_related(
        "activity", "activity__plan", "party", "period", "submitted_by", "reviewed_by"
    )
    return access.get_visible_or_404(updates, request.user, pk=pk)


def _act(request, update, act, success: str):
    """Runs a workflow step; its refusal is shown on the update's page, nothing changed."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(update)


def _keep_draft_version(form, update) -> None:
    """The draft may have been saved before submitting was refused: edit on from that save."""
    form.data = form.data.copy()
    form.data["version"] = ProgressUpdate.objects.values_list("version", flat=True).get(
        pk=update.pk
    )


def _save_and_maybe_submit(request, update, form, version: int) -> ProgressUpdate:
    saved = actions.save_update(
        update,
        form.update_data(),
        form.indicator_values(),
        expected_version=version,
        actor=request.user,
    )
    if "submit" in request.POST:
        actions.submit_update(saved, actor=request.user)
    return saved
