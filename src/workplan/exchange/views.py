"""Pages of data exchange: exports of the lists people look at, and the activity import with
its preview. Each reads: fetch (restricted), validate, act, respond."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.access import ADD_ACTIVITY
from workplan.exchange import exports, updates_import, updates_workbook, uploads
from workplan.exchange.activities_import import check_file, import_file
from workplan.exchange.activity_columns import COLUMNS
from workplan.exchange.forms import ImportForm, WorkbookForm
from workplan.meetings import owes
from workplan.plans.models import WorkPlan
from workplan.reporting import actions
from workplan.reporting.models import ProgressUpdate


@login_required
def activity_export(request, plan_id, fmt):
    plan = _plan(request, plan_id)
    return _export(lambda: exports.activity_table(request, plan), _format(fmt), plan=plan)


@login_required
def update_export(request, fmt):
    return _export(lambda: exports.update_table(request), _format(fmt))


@login_required
def action_export(request, fmt):
    return _export(lambda: exports.action_table(request), _format(fmt))


@login_required
def tracker_export(request, plan_id, fmt):
    plan = _plan(request, plan_id)
    return _export(lambda: exports.tracker_table(request, plan), _format(fmt))


@login_required
def party_owes_export(request, code, fmt):
    party = owes.readable_party(request.user, code)
    return _export(lambda: exports.owes_table(request, party), _format(fmt))


def _export(table, fmt: str, *, plan=None):
    """The file, or 400 naming the filter that cannot be read, before anything is written."""
    try:
        return exports.respond(table(), fmt, plan=plan)
    except exports.BadQuery as bad:
        return HttpResponseBadRequest(
            gettext("This export cannot be made: %(problems)s") % {"problems": bad} + "\n",
            content_type="text/plain; charset=utf-8",
        )


@login_required
def activity_template(request, plan_id):
    """The import template: the register's Excel export, with no activity in it."""
    plan = _plan(request, plan_id)
    table = exports.Table("activities-template", "Activities", [], [], [])
    return exports.respond(table, "xlsx", plan=plan)


@login_required
def activity_import(request, plan_id):
    plan = _plan(request, plan_id)
    access.require(request.user, ADD_ACTIVITY, plan)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        token = uploads.keep(form.cleaned_data["file"], request.user)
        report = check_file(plan, uploads.kept(token, request.user), actor=request.user)
        uploads.note_preview(token, request.user, versions=report.versions)
        return _preview(request, plan, report, token)
    context = {"plan": plan, "form": form, "columns": COLUMNS}
    return render(request, "exchange/import_form.html", context)


@require_POST
@login_required
def activity_import_confirm(request, plan_id):
    plan = _plan(request, plan_id)
    access.require(request.user, ADD_ACTIVITY, plan)
    token = request.POST.get("token", "")
    path = uploads.kept(token, request.user)
    expected, left_alone = uploads.previewed(token, request.user)
    report = import_file(plan, path, actor=request.user, expected=expected, left_alone=left_alone)
    if report.conflicts:
        conflicting = {pk for pk, version in report.versions.items() if expected.get(pk) != version}
        uploads.note_preview(
            token, request.user, versions=report.versions, left_alone=left_alone | conflicting
        )
    if not report.committed and (report.changes or report.conflicts):
        return _preview(request, plan, report, token)
    uploads.forget(path)
    counts = report.counts
    messages.success(
        request,
        gettext("Import done: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
        % counts,
    )
    return redirect("plans:activity_list", plan.pk)


def _preview(request, plan, report, token):
    context = {"plan": plan, "report": report, "token": token, "form": ImportForm()}
    return render(request, "exchange/import_preview.html", context)


def _plan(request, plan_id) -> WorkPlan:
    return access.get_visible_or_404(WorkPlan.objects.all(), request.user, pk=plan_id)


def _format(fmt: str) -> str:
    if fmt not in exports.FORMATS:
        raise Http404("Exports are made as xlsx, csv or json.")
    return fmt


# A party's reporting workbook: download, upload (preview), confirm, submit all


def _scope(request, plan_id, period_id, code) -> updates_workbook.Scope:
    """The period of a plan the user sees, for a party whose page the user may read (or, for
    the Secretariat, every party: "all"); 403 for one who may not report for it."""
    plan = _plan(request, plan_id)
    period = access.get_visible_or_404(plan.periods.all(), request.user, pk=period_id)
    party = (
        None if code.upper() == updates_workbook.ALL else owes.readable_party(request.user, code)
    )
    if party is None and not request.user.is_secretariat:
        raise Http404("No party found.")
    scope = updates_workbook.Scope(period, party)
    if not updates_import.may_upload(request.user, scope):
        raise PermissionDenied(gettext("You may not report for %(party)s.") % {"party": party.name})
    return scope


def _scope_args(scope) -> list:
    return [scope.period.plan_id, scope.period.pk, scope.party_code.lower()]


@login_required
def updates_workbook_download(request, plan_id, period_id, code):
    scope = _scope(request, plan_id, period_id, code)
    rows = updates_workbook.lines(scope, request.user)
    page = request.build_absolute_uri(reverse("exchange:updates_workbook", args=_scope_args(scope)))
    how = gettext("Upload the filled workbook at %(page)s (Work Plan Monitor, Report offline).") % {
        "page": page
    }
    handle = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115  (FileResponse closes it)
    updates_workbook.write_workbook(handle, scope, rows, user=request.user, how_to_return=how)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=scope.filename(), content_type=exports.XLSX
    )


@login_required
def updates_workbook_page(request, plan_id, period_id, code):
    """The workbook's page: download it, upload it back (the preview), and submit the drafts."""
    scope = _scope(request, plan_id, period_id, code)
    form = WorkbookForm(request.POST, request.FILES) if request.method == "POST" else WorkbookForm()
    if form.is_bound and form.is_valid():
        token = uploads.keep(form.cleaned_data["file"], request.user)
        path = uploads.kept(token, request.user)
        report = updates_import.check_workbook(path, actor=request.user, scope=scope)
        uploads.note_preview(token, request.user, versions=report.versions)
        return _workbook_preview(request, scope, report, token)
    drafts = _drafts(request.user, scope)
    context = {"scope": scope, "form": form, "drafts": drafts, "args": _scope_args(scope)}
    return render(request, "exchange/updates_workbook.html", context)


@require_POST
@login_required
def updates_workbook_confirm(request, plan_id, period_id, code):
    scope = _scope(request, plan_id, period_id, code)
    token = request.POST.get("token", "")
    path = uploads.kept(token, request.user)
    expected, left_alone = uploads.previewed(token, request.user)
    report = updates_import.import_workbook(
        path, actor=request.user, scope=scope, expected=expected, left_alone=left_alone
    )
    if report.conflicts:
        moved = {pk for pk, version in report.versions.items() if expected.get(pk) != version}
        uploads.note_preview(
            token, request.user, versions=report.versions, left_alone=left_alone | moved
        )
    if not report.committed and (report.changes or not report.ok):
        return _workbook_preview(request, scope, report, token)
    uploads.forget(path)
    counts = report.counts
    messages.success(
        request,
        ngettext(
            "Workbook saved: %(create)s new draft, %(change)s changed, %(unchanged)s "
            "unchanged. Submit the drafts below when they are ready.",
            "Workbook saved: %(create)s new drafts, %(change)s changed, %(unchanged)s "
            "unchanged. Submit the drafts below when they are ready.",
            counts["create"],
        )
        % counts,
    )
    return redirect("exchange:updates_workbook", *_scope_args(scope))


@require_POST
@login_required
def updates_workbook_submit(request, plan_id, period_id, code):
    """Submits every draft listed on the page, all or none."""
    scope = _scope(request, plan_id, period_id, code)
    drafts = _drafts(request.user, scope)
    chosen = {int(pk) for pk in request.POST.getlist("update") if pk.isdigit()}
    drafts = [update for update in drafts if update.pk in chosen]
    problems = []
    with transaction.atomic():
        for update in drafts:
            try:
                with transaction.atomic():
                    on_behalf = update.party_id != request.user.party_id
                    actions.submit_update(update, actor=request.user, on_behalf=on_behalf)
            except ValidationError as refused:
                problems += [f"{update.activity.code}: {m}" for m in refused.messages]
        if problems:
            transaction.set_rollback(True)
    if problems:
        messages.error(request, " ".join([gettext("Nothing was submitted."), *problems]))
    elif drafts:
        messages.success(
            request,
            ngettext(
                "%(count)d update submitted for review.",
                "%(count)d updates submitted for review.",
                len(drafts),
            )
            % {"count": len(drafts)},
        )
    return redirect("exchange:updates_workbook", *_scope_args(scope))


def _drafts(user, scope) -> list:
    """The scope's drafts and returned updates the user may submit, by code."""
    updates = access.restrict(ProgressUpdate.objects.filter(period=scope.period), user).filter(
        status__in=[ProgressUpdate.Status.DRAFT, ProgressUpdate.Status.RETURNED]
    )
    if scope.party is not None:
        updates = updates.filter(party=scope.party)
    updates = updates.select_related("activity", "party", "activity__lead_party").order_by(
        "activity__code"
    )
    action = lambda u: access.ON_BEHALF if u.party_id != user.party_id else access.SUBMIT  # noqa: E731
    return [u for u in updates if access.can(user, action(u), u)]


def _workbook_preview(request, scope, report, token):
    context = {"scope": scope, "report": report, "token": token, "form": WorkbookForm(),
               "args": _scope_args(scope)}  # fmt: skip
    return render(request, "exchange/updates_workbook_preview.html", context)
