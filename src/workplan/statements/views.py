"""Pages of statements: read one (paste or upload, then accept, correct or ignore each
proposal and confirm), the statements kept, one statement, and its panel on a meeting's page.
Each reads: fetch (restricted), validate, act, respond."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.access import RECORD
from workplan.core.changelog import history_of
from workplan.meetings.models import Meeting
from workplan.parties.models import Party
from workplan.plans.models import PriorityArea, WorkPlan
from workplan.statements import actions
from workplan.statements.forms import ReadForm
from workplan.statements.highlight import highlight
from workplan.statements.lexicon import Lexicon
from workplan.statements.models import Statement
from workplan.statements.reader import read_statement
from workplan.statements.review import Review

PER_PAGE = 50
TOO_BIG = gettext_lazy("The text is too long to send with the form: upload it as a file instead.")


@login_required
def statement_read(request):
    access.require(request.user, RECORD, Statement)
    plans = access.restrict(WorkPlan.objects.all(), request.user)
    try:
        form = ReadForm(request.POST or None, request.FILES or None, plans=plans)
    except RequestDataTooBig:
        form = ReadForm(plans=plans)
        messages.error(request, TOO_BIG)
    if request.method == "POST" and form.is_bound and form.is_valid():
        document = form.document()
        lexicon = Lexicon.for_plan(document["plan"])
        reading = read_statement(document["text"], lexicon, published=document["published"])
        review = Review(reading, document, request.user)
        return render(request, "statements/statement_review.html", review.context())
    return render(request, "statements/statement_read.html", {"form": form})


@require_POST
@login_required
def statement_confirm(request):
    access.require(request.user, RECORD, Statement)
    review = Review.posted(request.POST, request.user)
    if review is None:
        messages.error(
            request, _("The statement's text did not come back with the form; read it again.")
        )
        return redirect("statements:statement_read")
    if review.is_valid():
        try:
            statement = actions.record_statement(**review.to_record(), actor=request.user)
        except ValidationError as error:
            review.add_error(error)
        else:
            messages.success(request, _recorded(statement))
            return redirect(statement)
    return render(request, "statements/statement_review.html", review.context())


def _recorded(statement: Statement) -> str:
    kept = statement.findings.get("meetings", [])
    created = sum(1 for meeting in kept if meeting["created"])
    matched = len(kept) - created
    return ngettext(
        "Statement #%(number)s recorded: %(created)s meeting created, %(matched)s matched to "
        "meetings already recorded.",
        "Statement #%(number)s recorded: %(created)s meetings created, %(matched)s matched to "
        "meetings already recorded.",
        created,
    ) % {"number": statement.pk, "created": created, "matched": matched}


@login_required
def statement_list(request):
    statements = access.restrict(
        Statement.objects.select_related("created_by")
        .defer("text", "findings")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-created_at", "-id"),
        request.user,
    )
    page = Paginator(statements, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "can_read": access.can(request.user, RECORD, Statement)}
    return render(request, "statements/statement_list.html", context)


@login_required
def statement_detail(request, pk):
    statement = access.get_visible_or_404(
        Statement.objects.select_related("created_by"), request.user, pk=pk
    )
    meetings = access.restrict(statement.meetings.select_related("body", "country"), request.user)
    area_names = _area_names(statement.findings, request.user)
    context = {
        "statement": statement,
        "meetings": meetings,
        "findings": statement.findings,
        "parties": _party_names(statement.findings),
        "area_names": area_names,
        "text": highlight(statement.text, _stored_marks(statement.findings, area_names)),
        "history": history_of(statement)[:50],
    }
    return render(request, "statements/statement_detail.html", context)


def _party_names(findings: dict) -> list[str]:
    codes = [party["code"] for party in findings.get("parties", [])]
    names = dict(Party.objects.filter(code__in=codes).values_list("code", "name"))
    return [f"{names[code]} ({code})" if code in names else code for code in codes]


def _area_names(findings: dict, user) -> dict[str, str]:
    """The names of the areas kept, from the plan read for; a statement kept before plans were
    recorded with it takes them from the first plan that has areas of those keys."""
    keys = {area["key"] for area in findings.get("priority_areas", [])}
    keys |= {c["priority_area"] for c in findings.get("commitments", []) if c["priority_area"]}
    if not keys:
        return {}
    areas = access.restrict(PriorityArea.objects.filter(key__in=keys), user)
    if "plan" in findings:
        areas = areas.filter(plan_id=findings["plan"])
    names = {key: key for key in keys}
    for key, name in areas.order_by("-plan_id").values_list("key", "name"):
        names[key] = name
    return names


def _stored_marks(findings: dict, area_names: dict[str, str]) -> list:
    """The spans kept with the statement, marked as on the reading page."""
    marks = []
    for meeting in findings.get("meetings", []):
        label = _("Meeting: %(name)s") % {"name": meeting["name"]}
        marks += [(s, e, "meeting", label) for s, e in meeting["spans"]]
    for party in findings.get("parties", []):
        label = _("Party: %(code)s") % {"code": party["code"]}
        marks += [(s, e, "party", label) for s, e in party["spans"]]
    for area in findings.get("priority_areas", []):
        label = _("Area: %(name)s") % {"name": area_names[area["key"]]}
        marks += [(s, e, "area", label) for s, e in area["spans"]]
    for commitment in findings.get("commitments", []):
        marks += [(s, e, "commitment", _("Commitment")) for s, e in commitment["spans"]]
    return marks


def meeting_panel(request, meeting: Meeting) -> str:
    """The meeting page's statements section: the statements linked to the meeting."""
    statements = access.restrict(meeting.statements.only("id", "title", "published"), request.user)
    context = {
        "statements": statements,
        "can_read": access.can(request.user, RECORD, Statement),
    }
    return render_to_string("statements/_meeting_panel.html", context, request=request)
