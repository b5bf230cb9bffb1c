"""The meeting report ("pack"): the plan as it stood at the meeting, as a Word document and a PDF.

Its cut-off is the meeting's first day (today, for a meeting still ahead): everything in it is
read as things stood at the first moment of that day, from the change log (`core.asof`) and
the updates accepted by then, and judged by the same rules as the pages (`reporting.asof`).
Nothing recorded later appears, and the report of a past meeting made a year later reads the
same; only a meeting still ahead moves with the day it is made (`today`).

Both files are written from one `PackContent`, built only from what its reader may see:
a cover that says who may receive it; then the sections of `SECTIONS`.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from workplan.core import access, asof
from workplan.core.formats import date_label
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, ActionNote, AgendaItem, Amendment, Decision
from workplan.parties.models import Party
from workplan.plans.models import Activity, Indicator
from workplan.reporting import tracker
from workplan.reporting.asof import activities_as_of, area_progress
from workplan.reporting.health import Health
from workplan.reporting.models import ProgressUpdate

SECTIONS = [
    gettext_lazy("Summary"),
    gettext_lazy("Progress by priority area"),
    gettext_lazy("Reporting compliance by party"),
    gettext_lazy("Activities and what changed since the previous meeting"),
    gettext_lazy("Activities completed since the previous meeting"),
    gettext_lazy("Indicators"),
    gettext_lazy("Action items and decisions of earlier meetings"),
    gettext_lazy("Amendments to the plan"),
    gettext_lazy("Funding by source"),
    gettext_lazy("Proposed agenda"),
]
RISKS = [Health.DELAYED, Health.STALLED, Health.AT_RISK]  # worst first
TOP_RISKS = 5
COMPLIANCE_PERIODS = 3  # the last periods fallen due by the cut-off
Classification = Activity.Classification


@dataclass
class PackContent:
    meeting: object
    previous: object  # the previous meeting of the same body, or None
    cutoff: datetime.date
    since: datetime.date
    is_ahead: bool  # the meeting is still ahead: the report reads as of `cutoff` (today)
    marking: str = ""  # PUBLIC, PLAN-INTERNAL or RESTRICTED, at the head of every page
    audience: str = ""  # the distribution line, opening with the marking
    figures: list = field(default_factory=list)  # (label, value)
    top_risks: list = field(default_factory=list)  # activities
    decisions_needed: list = field(default_factory=list)  # texts
    areas: list = field(default_factory=list)  # (area, percent, {health: count})
    chart_png: bytes = b""
    compliance: object = None  # reporting.tracker.Tracker, or None
    parties: dict = field(default_factory=dict)  # id -> Party
    activities: list = field(default_factory=list)  # (activity then, changes: list[str])
    completed: list = field(default_factory=list)  # activities completed in the interval
    indicators: list = field(default_factory=list)  # IndicatorRow
    actions: list = field(default_factory=list)  # (action then, overdue, follow-up text)
    decisions: list = field(default_factory=list)  # (decision, [(action then, status label)])
    amendments: list = field(default_factory=list)  # amendments as they stood
    funding: list = field(default_factory=list)  # FundingRow
    agenda: list = field(default_factory=list)  # agenda items of this meeting
    sections: list = field(default_factory=lambda: list(SECTIONS))

    @property
    def title(self) -> str:
        return _("%(meeting)s — meeting report") % {"meeting": self.meeting}

    @property
    def until(self) -> datetime.date:
        return self.cutoff

    @property
    def state_line(self) -> str:
        day = date_label(self.cutoff)
        if self.is_ahead:
            return _(
                "The plan as it stands on %(day)s; the meeting is still ahead, so this report "
                "changes with the day it is made."
            ) % {"day": day}
        return _("The plan as it stood when the meeting opened, on %(day)s.") % {"day": day}

    @property
    def interval_line(self) -> str:
        days = {"start": date_label(self.since), "end": date_label(self.cutoff)}
        if self.previous:
            return _("Changes from %(start)s (since the %(meeting)s) to %(end)s.") % {
                **days,
                "meeting": self.previous,
            }
        return _("Changes from %(start)s (since the plan began) to %(end)s.") % days


@dataclass
class IndicatorRow:
    indicator: Indicator
    activity: Activity
    latest: str | None
    before: str | None

    @property
    def change(self) -> str:
        try:
            delta = Decimal(self.latest) - Decimal(self.before or self.indicator.baseline or 0)
        except (TypeError, InvalidOperation):
            return "—"
        return "—" if self.latest is None else f"{delta.normalize():+f}"


@dataclass
class FundingRow:
    source: str
    currency: str
    activities: int
    completed: int
    budget: Decimal


def cutoff_of(meeting, today: datetime.date) -> datetime.date:
    """The meeting's first day; today, for a meeting still ahead."""
    return min(meeting.start_date, today)


def build(meeting, user, today: datetime.date | None = None) -> PackContent:
    """Gathers the report of the plan the meeting reviews (never of those it only notes);
    refused with a clear message when it reviews none, or one the reader may not see.
    `today` only matters for a meeting still ahead."""
    if meeting.plan_id is None:
        raise ValidationError(_("Set the work plan this meeting reviews before making its pack."))
    if not access.can(user, access.VIEW, meeting.plan):
        raise ValidationError(
            _("The meeting report covers the plan this meeting reviews, which you may not see.")
        )
    today = today or timezone.localdate()
    plan, previous = meeting.plan, cycle.previous_meeting(meeting)
    cutoff = cutoff_of(meeting, today)
    moment = asof.day_start(cutoff + datetime.timedelta(days=cutoff < meeting.start_date))
    content = PackContent(
        meeting=meeting,
        previous=previous,
        cutoff=cutoff,
        since=previous.start_date if previous else plan.start_date,
        is_ahead=meeting.start_date > today,
    )
    visible = access.restrict(plan.activities.all(), user)
    now = activities_as_of(plan, visible, cutoff, moment)
    then = {a.pk: a for a in activities_as_of(plan, visible, content.since)}
    content.activities = [(a, _changes(then.get(a.pk), a)) for a in now]
    content.completed = [a for a in now if _completed_since(then.get(a.pk), a)]
    content.areas = _areas(plan, now)
    content.chart_png = progress_chart(content.areas)
    content.compliance = _compliance(plan, visible, user, cutoff, moment)
    content.indicators = _indicators(now, then, moment)
    content.actions, content.decisions = _actions_and_decisions(meeting, user, cutoff, moment)
    content.amendments = _amendments(meeting, user, moment)
    content.funding = _funding(now)
    content.agenda = _agenda(meeting, user, moment)
    content.parties = {p.pk: p for p in Party.objects.all()}
    content.marking, content.audience = _audience(now, content.parties)
    for activity in now:
        activity.mark = marking(activity)
    _summary(content, now)
    return content


# Activities


def _changes(before, after) -> list[str]:
    """What differs between the activity at the previous meeting and at this one."""
    if before is None:
        return [pgettext("activity change", "added")]
    changes = []
    if before.status != after.status:
        was, now = before.get_status_display(), after.get_status_display()
        changes.append(_("status %(was)s → %(now)s") % {"was": was, "now": now})
    if before.progress != after.progress:
        was, now = before.progress, after.progress
        changes.append(_("progress %(was)s%% → %(now)s%%") % {"was": was, "now": now})
    if before.health != after.health and after.health:
        was, now = _health(before.health), _health(after.health)
        changes.append(_("health %(was)s → %(now)s") % {"was": was, "now": now})
    if before.planned_start != after.planned_start:
        changes.append(_("planned start %(day)s") % {"day": date_label(after.planned_start)})
    if before.planned_end != after.planned_end:
        changes.append(_("planned end %(day)s") % {"day": date_label(after.planned_end)})
    if before.title != after.title:
        changes.append(pgettext("activity change", "title"))
    if before.lead_party_id != after.lead_party_id:
        changes.append(pgettext("activity change", "lead party"))
    return changes


def _health(value) -> str:
    return str(Health(value).label).lower() if value else pgettext("health", "none")


def _completed_since(before, after) -> bool:
    completed = Activity.Status.COMPLETED
    return after.status == completed and (before is None or before.status != completed)


def _areas(plan, activities) -> list[tuple]:
    """Each area's progress, and its activities counted by health (cancelled ones have none
    and are not counted)."""
    percents = area_progress(activities)
    counts = defaultdict(lambda: defaultdict(int))
    for activity in activities:
        if activity.health:
            counts[activity.area_id][activity.health] += 1
    return [(area, percents.get(area.pk), dict(counts[area.pk])) for area in plan.areas.all()]


def _compliance(plan, visible, user, cutoff, moment):
    """The reporting round tracker at the end of the last day before `moment`, over the last
    periods fallen due by the cut-off."""
    periods = list(plan.periods.filter(due_date__lt=cutoff).order_by("-due_date"))
    if not periods:
        return None
    updates = access.restrict(ProgressUpdate.objects.all(), user)
    as_of = timezone.localtime(moment - datetime.timedelta(microseconds=1)).date()
    return tracker.compute(visible, periods[:COMPLIANCE_PERIODS], as_of, updates=updates)


def _indicators(now, then, moment) -> list[IndicatorRow]:
    """Each indicator as it stood, with its latest accepted value then and at the previous
    meeting."""
    activities = {a.pk: a for a in now}
    indicators = Indicator.objects.filter(activity_id__in=list(activities)).order_by(
        "activity__code", "position", "pk"
    )
    rows = []
    for indicator in asof.as_of(indicators, moment):
        if indicator.archived_at is not None:
            continue
        activity, earlier = activities[indicator.activity_id], then.get(indicator.activity_id)
        latest = _latest_value(activity, indicator.name)
        before = _latest_value(earlier, indicator.name) if earlier else None
        rows.append(IndicatorRow(indicator, activity, latest, before))
    return rows


def _latest_value(activity, name: str) -> str | None:
    for accepted in activity.accepted:
        if name in accepted.values:
            return accepted.values[name]
    return None


def _funding(activities) -> list[FundingRow]:
    rows: dict[tuple, FundingRow] = {}
    not_stated = _("Not stated")
    for activity in activities:
        if activity.status == Activity.Status.CANCELLED:
            continue
        source = str(activity.funding_source) if activity.funding_source_id else not_stated
        key = (source, activity.budget_currency)
        row = rows.setdefault(key, FundingRow(source, activity.budget_currency, 0, 0, Decimal(0)))
        row.activities += 1
        row.completed += activity.status == Activity.Status.COMPLETED
        row.budget += activity.budget_amount or 0
    return sorted(rows.values(), key=lambda r: (r.source == not_stated, r.source, r.currency))


# The meeting cycle


def _actions_and_decisions(meeting, user, cutoff, moment) -> tuple[list, list]:
    """Open action items (as they stood) and decisions of every earlier meeting that reviews
    the plan, whatever its body."""
    earlier = Q(agenda_item__meeting__plan_id=meeting.plan_id) & Q(
        agenda_item__meeting__start_date__lt=cutoff
    )
    items = (
        cycle.with_due_on(access.restrict(ActionItem.objects.filter(earlier), user))
        .select_related("agenda_item__meeting__body")
        .prefetch_related("owners")
        .order_by("agenda_item__meeting__start_date", "pk")
    )
    current = {item.pk: item for item in items}
    then = asof.as_of(current.values(), moment)
    notes = _latest_notes(then, user, moment)
    open_items = []
    for item in then:
        now = current[item.pk]
        item.due_on = item.due_date or (
            now.due_on if item.due_by_next_meeting_of_id == now.due_by_next_meeting_of_id else None
        )
        if item.is_open:
            overdue = cycle.is_overdue(item, cutoff)
            open_items.append((item, overdue, notes.get(item.pk, "")))
    open_items.sort(key=lambda row: (not row[1], row[0].due_on or datetime.date.max))
    by_agenda = defaultdict(list)
    for item in then:
        by_agenda[item.agenda_item_id].append(item)
    decisions = access.restrict(
        Decision.objects.filter(
            agenda_item__meeting__plan_id=meeting.plan_id,
            agenda_item__meeting__start_date__lt=cutoff,
        ),
        user,
    ).select_related("agenda_item__meeting__body")
    decided = asof.as_of(decisions.order_by("-agenda_item__meeting__start_date", "pk"), moment)
    return open_items, [(d, by_agenda.get(d.agenda_item_id, [])) for d in decided]


def _latest_notes(items, user, moment) -> dict[int, str]:
    notes = access.restrict(
        ActionNote.objects.filter(action_item__in=[i.pk for i in items], created_at__lt=moment),
        user,
    ).order_by("created_at", "pk")
    return {note.action_item_id: note.text for note in notes}


def _amendments(meeting, user, moment) -> list:
    """The plan's amendments recorded by the cut-off, of meetings up to this one, as they
    stood."""
    rows = access.restrict(
        Amendment.objects.filter(
            plan_id=meeting.plan_id, meeting__start_date__lte=meeting.start_date
        ),
        user,
    ).select_related("meeting__body", "activity", "commitment")
    return asof.as_of(rows.order_by("meeting__start_date", "pk"), moment)


def _agenda(meeting, user, moment) -> list:
    """The agenda proposed for the meeting, as recorded by the cut-off."""
    rows = access.restrict(AgendaItem.objects.filter(meeting=meeting), user).order_by("position")
    return asof.as_of(rows, moment)


# Cover and summary


def _audience(activities, parties: dict) -> tuple[str, str]:
    """Who may receive the report, whoever may see every row in it: the report's marking, and
    its distribution line, which opens with the marking."""
    levels = {a.classification for a in activities}
    if Classification.RESTRICTED in levels:
        restricted = [a for a in activities if a.classification == Classification.RESTRICTED]
        shared = set.intersection(*[_parties_of(a) for a in restricted])
        names = sorted(parties[pk].name for pk in shared if pk in parties)
        marking, count = pgettext("report marking", "RESTRICTED"), len(restricted)
        if names:
            who = ngettext(
                "It lists %(count)d restricted activity; it may be given only to the ASEAN "
                "Secretariat and %(parties)s, the parties that take part in it.",
                "It lists %(count)d restricted activities; it may be given only to the ASEAN "
                "Secretariat and %(parties)s, the parties that take part in every one of them.",
                count,
            ) % {"count": count, "parties": ", ".join(names)}
        else:
            who = ngettext(
                "It lists %(count)d restricted activity; it may be given only to the ASEAN "
                "Secretariat: no other party takes part in it.",
                "It lists %(count)d restricted activities; it may be given only to the ASEAN "
                "Secretariat: no other party takes part in every one of them.",
                count,
            ) % {"count": count}
    elif Classification.INTERNAL in levels:
        marking = pgettext("report marking", "PLAN-INTERNAL")
        who = _("It may be given to officials of the plan's parties; not public.")
    else:
        marking = pgettext("report marking", "PUBLIC")
        who = _("It holds only public activities and may be circulated freely.")
    return marking, _("%(marking)s. %(distribution)s") % {"marking": marking, "distribution": who}


def _parties_of(activity) -> set[int]:
    partners = (
        activity.as_of_relations.get("partner_parties")
        if hasattr(activity, "as_of_relations")
        else None
    )
    if partners is None:
        partners = [p.pk for p in activity.partner_parties.all()]
    return {activity.lead_party_id, *partners}


def _summary(content: PackContent, activities) -> None:
    counted = [a for a in activities if a.health]
    weights = sum(a.weight for a in counted)
    overall = round(sum(a.weight * a.progress for a in counted) / weights) if weights else None
    overdue_actions = [row for row in content.actions if row[1]]
    compliance = content.compliance.totals() if content.compliance else {}
    content.figures = [
        (_("Activities in the plan"), len(counted)),
        (_("Overall progress"), "—" if overall is None else f"{overall}%"),
        *[(label, sum(1 for a in counted if a.health == value)) for value, label in Health.choices],
        (_("Completed since the previous meeting"), len(content.completed)),
        (_("Updates accepted since the previous meeting"), _accepted_since(content, activities)),
        (_("Updates overdue"), compliance.get(tracker.OVERDUE, 0)),
        (_("Open action items"), len(content.actions)),
        (_("of which overdue"), len(overdue_actions)),
    ]
    risky = [a for a in counted if a.health in RISKS]
    risky.sort(key=lambda a: (RISKS.index(a.health), a.planned_end, a.code))
    content.top_risks = risky[:TOP_RISKS]
    content.decisions_needed = _decisions_needed(content, counted, overdue_actions)


def _accepted_since(content, activities) -> int:
    since = asof.day_start(content.since)
    return sum(
        1
        for a in activities
        for item in a.accepted
        if item.update.reviewed_at is None or item.update.reviewed_at >= since
    )


def _decisions_needed(content, counted, overdue_actions) -> list[str]:
    needed = [
        _("Adopt or reject the proposed amendment: %(text)s") % {"text": amendment.description}
        for amendment in content.amendments
        if amendment.status == Amendment.Status.PROPOSED
    ]
    for activity in counted:
        if activity.status == Activity.Status.POSTPONED:
            needed.append(
                _("Set new dates for, or drop, the postponed %(code)s.") % {"code": activity.code}
            )
    delayed = [a for a in counted if a.health == Health.DELAYED]
    if delayed:
        codes = ", ".join(a.code for a in delayed[:6]) + (" …" if len(delayed) > 6 else "")
        needed.append(
            ngettext(
                "Extend or close the %(count)d delayed activity (%(codes)s).",
                "Extend or close the %(count)d delayed activities (%(codes)s).",
                len(delayed),
            )
            % {"count": len(delayed), "codes": codes}
        )
    if overdue_actions:
        count = len(overdue_actions)
        needed.append(
            ngettext(
                "Follow up the %(count)d overdue action item, or drop it (section 7).",
                "Follow up the %(count)d overdue action items, or drop them (section 7).",
                count,
            )
            % {"count": count}
        )
    return needed


def progress_chart(areas: list[tuple]) -> bytes:
    """A horizontal bar chart of each area's progress, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 0.45 * len(areas) + 1.0), dpi=150)
    axes = figure.subplots()
    names = [area.name for area, _percent, _counts in areas][::-1]
    values = [percent or 0 for _area, percent, _counts in areas][::-1]
    bars = axes.barh(names, values, color="#0b3a75")
    axes.bar_label(bars, labels=[f"{v}%" for v in values], padding=3, fontsize=8)
    axes.set_xlim(0, 110)
    axes.set_xlabel("%")  # the caption says what is measured, in the reader's language
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def marking(activity) -> str:
    """The classification a row carries when it is above public."""
    if activity.classification == Classification.PUBLIC:
        return ""
    return Classification(activity.classification).label


# Rendering


def render_pdf(content: PackContent) -> bytes:
    from workplan.meetings.pack_pdf import write_pdf

    return write_pdf(content)


def render_docx(content: PackContent) -> bytes:
    from workplan.meetings.pack_docx import write_docx

    return write_docx(content)


def filename(content: PackContent, extension: str) -> str:
    name = str(content.meeting).replace(" + ", "-plus-").replace(" ", "-")
    return f"meeting-pack-{name}-{content.meeting.start_date:%Y-%m-%d}.{extension}"
