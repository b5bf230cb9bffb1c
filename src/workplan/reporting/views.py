"""Pages of progress reporting: periods, updates and their review, queues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.changelog import history_of
from workplan.core.extensions import render_panels
from workplan.core.forms import rebase, show_errors, submit
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import actions, tracker
from workplan.reporting.evidence import named_for_type
from workplan.reporting.forms import (
    CommentForm,
    NewUpdateForm,
    PeriodForm,
    ReopenForm,
    ReviewCommentForm,
    UpdateForm,
)
from workplan.reporting.health import Health, health_reason, with_health
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
        "health_reason": health_reason(activity, figures["health"], figures["progress"]),
        "progress": figures["progress"],
        "updates": updates,
        "may_report": may_report,
    }
    return render_to_string("reporting/_activity_panel.html", context, request=request)


# What the party changed after a return, for the reviewer of the resubmitted update

REPORTED_FIELDS = {
    "narrative": _("Narrative"),
    "percent_complete": _("Percent complete"),
    "reported_status": _("Status reported"),
    "links": _("Links"),
}


def since_return(steps: list):
    """The last return of the update and, field by field, what was reported then and what is
    reported now (from the change log's snapshots); None if it was never returned."""
    returns = [step for step in steps if step.message.startswith("Returned")]
    if not returns or not steps[-1].after:
        return None
    then, now = returns[-1].after or {}, steps[-1].after
    names = list(REPORTED_FIELDS) + sorted(
        name for name in {*then, *now} if name.startswith("indicator:")
    )
    rows = [
        (
            REPORTED_FIELDS.get(name) or name.removeprefix("indicator:"),
            then.get(name),
            now.get(name),
        )
        for name in names
        if then.get(name) != now.get(name)
    ]
    return {"returned": returns[-1], "rows": rows}


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
            messages.success(
                request, gettext("Period %(name)s added.") % {"name": form.cleaned_data["name"]}
            )
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
            messages.success(request, gettext("Period %(name)s saved.") % {"name": saved.name})
            return redirect("reporting:period_list", period.plan_id)
    return render(request, "reporting/period_form.html", context)


# The reporting round tracker


@login_required
def tracker_page(request, plan_id):
    """Party × period: the updates each party owes and their states; a cell opens its list."""
    plan = _plan(request, plan_id)
    chosen = tracker.chosen_in(request.GET)
    rows = tracker.for_reader(
        WorkPlan.objects.filter(pk=plan.pk), request.user, area_id=chosen["area"]
    )
    cell = None
    if chosen["party"] and chosen["period"]:
        cell = next(
            (c for _party, cells in rows.rows for c in cells
             if c.party_id == chosen["party"] and c.period.pk == chosen["period"]),
            None,
        )  # fmt: skip
    query = request.GET.copy()
    for name in ("party", "period"):
        query.pop(name, None)
    context = {
        "plan": plan,
        "tracker": rows,
        "areas": plan.areas.all(),
        "chosen": chosen,
        "cell": cell,
        "cell_party": next((p for p in rows.parties if p.pk == chosen["party"]), None),
        "area_query": query.urlencode(),
        "export_query": request.GET.urlencode(),
        "states": tracker.STATE_LABELS,
    }
    return render(request, "reporting/tracker.html", context)


# Progress updates


@login_required
def update_start(request, activity_pk):
    """A new update: its form is shown unsaved, for the period asked (?period=) or the one the
    activity owes first; the first save opens the draft. A draft already open is edited."""
    user = request.user
    activity = access.get_visible_or_404(
        Activity.objects.select_related("plan"), user, pk=activity_pk
    )
    access.require(user, access.REPORT, activity)
    update = ProgressUpdate(activity=activity, party=user.party, reported_status=activity.status)
    form = NewUpdateForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        indicators=_indicators(activity),
        activity=activity,
        party=user.party,
    )
    if request.method == "GET":
        period = form.fields["period"].initial = form.chosen_period(request.GET)
        opened = _opened(activity, user, period)
        if opened:
            return opened
    context = _form_context(update, form)
    return _write(request, form, context, lambda _version: _first_save(request, activity, form))


@login_required
def update_detail(request, pk):
    update = _update(request, pk)
    user = request.user
    steps = list(history_of(update).order_by("timestamp"))
    context = {
        "update": update,
        "activity": update.activity,
        "plan": update.activity.plan,
        "values": update.values.select_related("indicator"),
        "evidence": update.evidence.filter(archived_at__isnull=True),
        "comments": update.comments.select_related("author", "author__party"),
        "steps": steps,
        "since_return": since_return(steps),
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
    form = UpdateForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        indicators=_indicators(update.activity),
    )
    context = _form_context(update, form)
    return _write(
        request,
        form,
        context,
        lambda version: actions.save_update(
            update,
            form.update_data(),
            form.indicator_values(),
            expected_version=version,
            actor=request.user,
        ),
    )


@require_POST
@login_required
def update_accept(request, pk):
    update = _update(request, pk)
    return _act(
        request,
        update,
        lambda: actions.accept_update(update, actor=request.user),
        _("Update accepted."),
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
        _("Update returned to the party with your comment."),
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
        _("Update reopened; the party can correct it and submit again."),
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
        _("Message added."),
    )


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
    owed = _owed_by(user)
    context = {
        "returned": own.filter(status=ProgressUpdate.Status.RETURNED),
        "drafts": own.filter(status=ProgressUpdate.Status.DRAFT),
        "owed": owed,
        "owed_periods": sorted({item.period for item in owed}, key=lambda p: (p.due_date, p.pk)),
        "panels": render_panels("my_tasks", request, user),
    }
    return render(request, "reporting/my_tasks.html", context)


def _owed_by(user) -> list:
    """The updates the user's party owes and has not sent, of every period begun, in every
    plan (`tracker.Owed`): overdue first, then by due date."""
    plans = access.restrict(WorkPlan.objects.filter(parties=user.party), user)
    rows = tracker.for_reader(plans, user, party_id=user.party_id)
    owed = [item for item in rows.items if item.state not in tracker.SENT]
    return sorted(owed, key=lambda item: (not item.overdue, item.due_date, item.code))


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
        messages.success(request, str(success))
    return redirect(update)


# The update form: text, figures and evidence saved in one request


def _indicators(activity: Activity):
    return activity.indicators.filter(archived_at__isnull=True)


def _form_context(update: ProgressUpdate, form) -> dict:
    return {
        "form": form,
        "update": update,
        "activity": update.activity,
        "plan": update.activity.plan,
        "evidence": _current_evidence(update),
    }


def _current_evidence(update: ProgressUpdate):
    if update.pk is None:
        return Evidence.objects.none()
    return update.evidence.filter(archived_at__isnull=True)


def _opened(activity: Activity, user, period) -> HttpResponse | None:
    """The party's update already open for `period`: its form when it can still be edited,
    else its page."""
    update = ProgressUpdate.objects.filter(activity=activity, party=user.party, period=period)
    update = update.first()
    if update is None:
        return None
    if update.is_editable:
        return redirect("reporting:update_edit", update.pk)
    return redirect(update)


def _first_save(request, activity: Activity, form) -> ProgressUpdate:
    period = form.cleaned_data["period"]
    data, values = form.update_data(), form.indicator_values()
    return actions.write_update(activity, period, data, values, actor=request.user)


def _write(request, form, context: dict, save) -> HttpResponse:
    """Saves what was typed (`save(version)`), then removes the files ticked, attaches the
    files chosen and submits when asked. A refusal at any step shows the form again with
    everything typed in it; once the text is saved, the page says so, and the form saves to
    the draft from then on."""
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, context, save, on_conflict=lambda c: _rebase(request, form, c, context)
        )
        if saved and _after_save(request, form, context, saved):
            return _saved(request, saved)
    if request.method == "POST" and not context.get("saved_note"):
        context["files_not_attached"] = [upload.name for upload in request.FILES.getlist("file")]
    return render(request, "reporting/update_form.html", context)


def _rebase(request, form, conflict, context: dict) -> None:
    """Shows the update as saved by the other person: the fields this editor did not change
    take the saved values, those both changed are named; the form edits that update now."""
    current = _update(request, conflict.current.pk)
    _editing(context, current)
    fresh = UpdateForm(instance=current, indicators=form.indicators)
    context["both_changed"] = rebase(form, fresh, _changed_by_others(conflict, form))
    form.track_changes()
    form.data["version"] = current.version


def _changed_by_others(conflict, form) -> set[str]:
    """The form's fields the changes made since touched."""
    by_key = {actions.snapshot_key(i): f"indicator_{i.pk}" for i in form.indicators}
    changed = {name for entry in conflict.changes_since for name in entry.changed_fields()}
    return {by_key.get(name, name) for name in changed}


def _editing(context: dict, update: ProgressUpdate) -> None:
    """From now on the form edits `update` (saved, or opened by a colleague)."""
    context.update(update=update, evidence=_current_evidence(update))


def _after_save(request, form, context: dict, saved: ProgressUpdate) -> bool:
    """The steps after the text is saved; False (the refusal shown) when one is refused."""
    _editing(context, saved)
    form.data = form.data.copy()
    form.data["version"] = saved.version
    user, submitting = request.user, "submit" in request.POST
    steps = [
        ("remove", lambda: _remove_ticked(form, user)),
        ("attach", lambda: _attach_chosen(request, form, saved)),
    ]
    if submitting:
        steps.append(("submit", lambda: actions.submit_update(saved, actor=user)))
    for name, step in steps:
        if _refused(form, context, step):
            context["saved_note"] = _saved_note(name, form, submitting)
            return False
    return True


def _refused(form, context: dict, step) -> bool:
    """Runs a step through `submit`, like the save; True when it was refused (shown on the
    form)."""
    return submit(form, context, lambda _version: step() or True) is None


def _remove_ticked(form, user) -> None:
    for evidence in form.cleaned_data["remove_evidence"]:
        actions.remove_evidence(evidence, actor=user)


def _attach_chosen(request, form, update: ProgressUpdate) -> None:
    """Attaches every file chosen that is allowed; those refused are reported together, each
    message naming its file."""
    refused = []
    for upload in form.cleaned_data["file"]:
        try:
            evidence = actions.add_evidence(update, upload, actor=request.user)
        except ValidationError as error:
            refused += error.message_dict.get("file", error.messages)
        else:
            messages.success(
                request, gettext("%(name)s attached.") % {"name": evidence.original_name}
            )
    if refused:
        raise ValidationError({"file": refused})


def _saved_note(step: str, form, submitting: bool) -> str:
    """What the page says when the text was saved but a later step was refused."""
    if step == "submit":
        return gettext(
            "Your draft was saved, but it was not submitted: complete what is marked below, "
            "then submit again."
        )
    if step == "remove":
        return gettext("Your text was saved as a draft, but the files ticked were not removed.")
    count = len(form.errors.get("file", []))
    if submitting:
        return ngettext(
            "Your text was saved as a draft, but the file was not attached and the update was "
            "not submitted. Choose another file below, then submit again.",
            "Your text was saved as a draft, but %(count)d files were not attached and the "
            "update was not submitted. Choose another file below, then submit again.",
            count,
        ) % {"count": count}
    return ngettext(
        "Your text was saved as a draft, but the file was not attached. Choose another file "
        "below, then save again.",
        "Your text was saved as a draft, but %(count)d files were not attached. Choose another "
        "file below, then save again.",
        count,
    ) % {"count": count}


def _saved(request, update: ProgressUpdate) -> HttpResponse:
    if "submit" in request.POST:
        messages.success(request, gettext("Update submitted for review."))
        return redirect(update)
    messages.success(request, gettext("Draft saved."))
    return redirect("reporting:update_edit", update.pk)
