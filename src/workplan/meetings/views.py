"""Pages of the meeting cycle: meetings, agendas, action items, the pack and the calendar."""

import calendar as month_calendar
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.access import CHANGE, REPORT
from workplan.core.extensions import render_panels
from workplan.core.forms import show_errors, submit
from workplan.meetings import actions, cycle, pack
from workplan.meetings import calendar as ical
from workplan.meetings.access import with_plans_shown
from workplan.meetings.filters import MeetingFilter
from workplan.meetings.forms import (
    ActionItemForm,
    ActionNoteForm,
    AgendaItemForm,
    AmendmentForm,
    BodyEditForm,
    BodyForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
)
from workplan.meetings.models import (
    ActionItem,
    AgendaItem,
    Amendment,
    Body,
    CalendarFeed,
    Meeting,
    MeetingDocument,
    serves_q,
)
from workplan.plans.models import Activity, PriorityArea, WorkPlan
from workplan.reporting.evidence import named_for_type

PAGE = 50


@login_required
def meeting_list(request):
    """Every meeting the user may see, or (`?plan=`) those that review or note one plan."""
    plan, meetings = _meetings_of_plan(
        request, Meeting.objects.select_related("body", "country", "chair")
    )
    today = timezone.localdate()
    upcoming = meetings.filter(start_date__gte=today).order_by("start_date")
    past = Paginator(meetings.filter(start_date__lt=today), PAGE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "upcoming": upcoming,
        "past": past,
        "plan_query": f"plan={plan.pk}&" if plan else "",
        "can_add": access.can(request.user, access.ADD, Meeting),
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_calendar(request):
    month = _month(request.GET.get("month"))
    last = month.replace(day=month_calendar.monthrange(month.year, month.month)[1])
    user = request.user
    plan, meetings = _meetings_of_plan(request, Meeting.objects.select_related("body"))
    meetings = meetings.filter(
        start_date__lte=last, start_date__gte=month - datetime.timedelta(days=40)
    )
    due = _actions_of(user).filter(
        due_on__gte=month, due_on__lte=last, status__in=ActionItem.OPEN_STATUSES
    )
    if plan:
        due = due.filter(serves_q(plan, "agenda_item__meeting__"))
    days = _month_days(month, [m for m in meetings if m.last_day >= month], list(due))
    context = {
        "plan": plan,
        "plan_query": f"plan={plan.pk}&" if plan else "",
        "month": month,
        "weeks": days,
        "previous": _shift(month, -1),
        "next": _shift(month, 1),
    }
    return render(request, "meetings/calendar.html", context)


def _meetings_of_plan(request, meetings):
    """The plan asked for (`?plan=`; 404 when the user may not see it) and the meetings the
    user may see, narrowed by the shared FilterSet to those serving that plan."""
    filterset = MeetingFilter(
        {"plan": request.GET.get("plan", "")}, queryset=access.restrict(meetings, request.user)
    )
    if not filterset.is_valid():
        raise Http404(_("No such plan."))
    plan_id = filterset.form.cleaned_data.get("plan")
    plans = WorkPlan.objects.all()
    plan = access.get_visible_or_404(plans, request.user, pk=plan_id) if plan_id else None
    return plan, filterset.qs


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    visible_activities = access.restrict(Activity.objects.all(), user)
    items = access.restrict(meeting.agenda_items.all(), user).prefetch_related(
        Prefetch("areas", queryset=access.restrict(PriorityArea.objects.all(), user)),
        Prefetch("activities", queryset=visible_activities),
        "decisions",
        Prefetch("action_items", queryset=_actions_of(user).prefetch_related("owners")),
    )
    context = {
        "meeting": meeting,
        "plan": _plan_shown(meeting),
        "items": items,
        "carried": cycle.carried_forward(_actions_of(user), meeting)
        .select_related("agenda_item__meeting__body")
        .prefetch_related("owners"),
        "documents": access.restrict(meeting.documents.all(), user),
        "amendments": access.restrict(meeting.amendments.all(), user).select_related(
            "activity", "commitment"
        ),
        "can_manage": access.can(user, CHANGE, meeting),
        "document_form": DocumentForm(),
        "decision_form": DecisionForm(),
        "panels": render_panels("meeting_detail", request, meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_create(request):
    access.require(request.user, access.ADD, Meeting)
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.create_meeting(form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The %(meeting)s is recorded.") % {"meeting": meeting})
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
def body_create(request):
    """The Secretariat adds a meeting body (SOMTC + China...), then records its meetings."""
    access.require(request.user, access.ADD, Body)
    form = BodyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            body = actions.create_body(form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("%(body)s added; record its meetings now.") % {"body": body.short_name}
            )
            return redirect("meetings:meeting_create")
    return render(request, "meetings/body_form.html", {"form": form})


@login_required
def body_edit(request, pk):
    """The Secretariat edits a meeting body (names, key, level, lead party)."""
    body = access.get_visible_or_404(Body.objects.all(), request.user, pk=pk)
    access.require(request.user, CHANGE, body)
    form = BodyEditForm(request.POST or None, instance=body, user=request.user)
    context = {"form": form, "body": body}
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            context,
            lambda version: actions.update_body(
                body, form.cleaned_data, expected_version=version, actor=request.user
            ),
        )
        if saved:
            messages.success(request, _("%(body)s saved.") % {"body": saved.short_name})
            return redirect("meetings:meeting_list")
    return render(request, "meetings/body_form.html", context)


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    access.require(request.user, CHANGE, meeting)
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    context = {"form": form, "meeting": meeting}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda v: actions.update_meeting(
                meeting, form.cleaned_data, expected_version=v, actor=request.user
            ),
        )
        if done:
            messages.success(request, _("The %(meeting)s is saved.") % {"meeting": done})
            return redirect(done)
    return render(request, "meetings/meeting_form.html", context)


@login_required
def agenda_item_create(request, pk):
    meeting = _meeting(request, pk)
    access.require(request.user, CHANGE, meeting)
    form = AgendaItemForm(request.POST or None, user=request.user, plan=meeting.plan)
    context = {"form": form, "meeting": meeting}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda _v: actions.add_agenda_item(meeting, form.cleaned_data, actor=request.user),
        )
        if done:
            messages.success(
                request, _("Agenda item %(number)s added.") % {"number": done.position}
            )
            return redirect(meeting)
    return render(request, "meetings/agenda_item_form.html", context)


@login_required
def agenda_item_edit(request, pk):
    item = access.get_visible_or_404(
        AgendaItem.objects.select_related("meeting"), request.user, pk=pk
    )
    access.require(request.user, CHANGE, item)
    form = AgendaItemForm(
        request.POST or None, instance=item, user=request.user, plan=item.meeting.plan
    )
    context = {"form": form, "meeting": item.meeting, "item": item}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda v: actions.update_agenda_item(
                item, form.cleaned_data, expected_version=v, actor=request.user
            ),
        )
        if done:
            messages.success(
                request, _("Agenda item %(number)s saved.") % {"number": done.position}
            )
            return redirect(item.meeting)
    return render(request, "meetings/agenda_item_form.html", context)


@require_POST
@login_required
def decision_add(request, pk):
    item = access.get_visible_or_404(
        AgendaItem.objects.select_related("meeting"), request.user, pk=pk
    )
    try:
        actions.add_decision(item, request.POST.get("text", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(item.meeting)


@login_required
def action_item_create(request, pk):
    item = access.get_visible_or_404(
        AgendaItem.objects.select_related("meeting"), request.user, pk=pk
    )
    access.require(request.user, CHANGE, item)
    form = ActionItemForm(request.POST or None, user=request.user, plan=item.meeting.plan)
    context = {"form": form, "meeting": item.meeting, "item": item}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda _v: actions.add_action_item(item, form.cleaned_data, actor=request.user),
        )
        if done:
            messages.success(request, _("Action item recorded."))
            return redirect(item.meeting)
    return render(request, "meetings/action_item_form.html", context)


@login_required
def action_item_edit(request, pk):
    action = _action(request, pk)
    access.require(request.user, CHANGE, action)
    meeting = action.agenda_item.meeting
    form = ActionItemForm(
        request.POST or None, instance=action, user=request.user, plan=meeting.plan
    )
    context = {"form": form, "meeting": meeting, "item": action.agenda_item, "action": action}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda v: actions.update_action_item(
                action, form.cleaned_data, expected_version=v, actor=request.user
            ),
        )
        if done:
            messages.success(request, _("Action item saved."))
            return redirect(done)
    return render(request, "meetings/action_item_form.html", context)


@login_required
def action_item_detail(request, pk):
    action = _action(request, pk)
    user = request.user
    may_report = access.can(user, REPORT, action)
    form = ActionNoteForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied(_("Only a focal point of an owner party reports on this item."))
        if form.is_valid():
            try:
                actions.report_action_progress(
                    action, form.cleaned_data["text"], form.cleaned_data["status"], actor=user
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("Progress note added."))
                return redirect(action)
    context = {
        "action": action,
        "meeting": action.agenda_item.meeting,
        "plan": _plan_shown(
            with_plans_shown(Meeting.objects.filter(pk=action.agenda_item.meeting_id), user).get()
        ),
        "notes": action.notes.select_related("author", "author__party"),
        "discussed_at": cycle.discussed_at(
            action, access.restrict(Meeting.objects.select_related("body"), user)
        ),
        "activities": access.restrict(action.activities.all(), user),
        "form": form if may_report else None,
        "can_manage": access.can(user, CHANGE, action),
        "due": cycle.with_overdue(ActionItem.objects.filter(pk=action.pk))
        .values("due_on", "overdue")
        .get(),
    }
    return render(request, "meetings/action_item_detail.html", context)


@require_POST
@login_required
def document_upload(request, pk):
    meeting = _meeting(request, pk)
    access.require(request.user, CHANGE, meeting)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect(meeting)
    try:
        document = actions.add_document(meeting, form.cleaned_data["file"], actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(file)s attached.") % {"file": document.original_name})
    return redirect(meeting)


@login_required
def document_download(request, pk):
    document = access.get_visible_or_404(MeetingDocument.objects.all(), request.user, pk=pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=named_for_type(document.original_name, document.content_type),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def amendment_create(request, pk):
    meeting = _meeting(request, pk)
    access.require(request.user, CHANGE, meeting)
    form = AmendmentForm(request.POST or None, user=request.user, plan=meeting.plan)
    context = {"form": form, "meeting": meeting}
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            context,
            lambda _v: actions.add_amendment(meeting, form.cleaned_data, actor=request.user),
        )
        if done:
            messages.success(request, _("Amendment recorded."))
            return redirect(meeting)
    return render(request, "meetings/amendment_form.html", context)


@require_POST
@login_required
def amendment_adopt(request, pk):
    amendment = access.get_visible_or_404(
        Amendment.objects.select_related("meeting"), request.user, pk=pk
    )
    try:
        actions.adopt_amendment(amendment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Amendment %(state)s.") % {"state": amendment.adopted_label})
    return redirect(amendment.meeting)


@login_required
def meeting_pack(request, pk, extension):
    if extension not in ("docx", "pdf"):
        raise Http404("The pack comes as .docx or .pdf.")
    meeting = _meeting(request, pk)
    try:
        content = pack.build(meeting, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    if extension == "docx":
        body, kind = (
            pack.render_docx(content),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        body, kind = pack.render_pdf(content), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{pack.filename(content, extension)}"'
    return response


@login_required
def calendar_settings(request):
    if request.method == "POST":
        actions.reset_calendar_feed(request.user)
        messages.success(request, _("Your calendar address is new; the old one no longer works."))
        return redirect("meetings:calendar_settings")
    feed = actions.calendar_feed_of(request.user)
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return render(request, "meetings/calendar_settings.html", {"feed_url": url})


def calendar_feed(request, token):
    """The secret address needs no login: calendar programs cannot sign in."""
    feed = CalendarFeed.objects.select_related("user", "user__party").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No calendar at this address.")
    site_url = settings.SITE_URL_FIXED or request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        ical.feed(feed.user, site_url), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


def _meeting(request, pk) -> Meeting:
    meetings = Meeting.objects.select_related("body", "country", "chair", "plan")
    meetings = with_plans_shown(meetings.prefetch_related("participants"), request.user)
    return access.get_visible_or_404(meetings, request.user, pk=pk)


def _plan_shown(meeting: Meeting):
    """The plan whose pages the meeting page links to: the one it reviews, else the first it
    notes, of those the reader may see."""
    if meeting.shown_plan_id:
        return meeting.plan
    return next(iter(meeting.noted_plans.all()), None)


def _action(request, pk) -> ActionItem:
    actions_ = ActionItem.objects.select_related(
        "agenda_item__meeting__body", "agenda_item__meeting__plan", "due_by_next_meeting_of"
    ).prefetch_related("owners")
    return access.get_visible_or_404(actions_, request.user, pk=pk)


def _actions_of(user):
    return cycle.with_overdue(access.restrict(ActionItem.objects.all(), user))


def _month(text) -> datetime.date:
    try:
        return datetime.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


def _shift(month: datetime.date, by: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + by
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_days(month, meetings, due) -> list[list[tuple]]:
    """Weeks of (day, meetings that day, action items due that day); None outside the month."""
    weeks = []
    for week in month_calendar.Calendar().monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                (
                    day if day.month == month.month else None,
                    [m for m in meetings if m.start_date <= day <= m.last_day],
                    [a for a in due if a.due_on == day],
                )
                for day in week
            ]
        )
    return weeks
