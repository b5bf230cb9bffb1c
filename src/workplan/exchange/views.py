"""Pages of data exchange: exports of the lists people look at, and the activity import with
its preview. Each reads: fetch (restricted), validate, act, respond."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.access import ADD_ACTIVITY
from workplan.exchange import exports, uploads
from workplan.exchange.activities_import import check_file, import_file
from workplan.exchange.activity_columns import COLUMNS
from workplan.exchange.forms import ImportForm
from workplan.meetings import owes
from workplan.plans.models import WorkPlan


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
            f"This export cannot be made: {bad}\n", content_type="text/plain; charset=utf-8"
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
        f"Import done: {counts['create']} created, {counts['update']} updated, "
        f"{counts['unchanged']} unchanged.",
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
