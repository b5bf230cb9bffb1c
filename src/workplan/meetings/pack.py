"""The meeting pack: what a meeting must look at, as a Word document and a PDF.

Both are written from one `PackContent`, built only from what the requesting user may see:
a cover; 1. progress by priority area (with a chart); 2. the activities, their health and
what changed since the previous meeting of the same body; 3. the updates accepted in that
interval, by party; 4. open and overdue action items; 5. amendments to the plan.
"""

import base64
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from workplan.core import access
from workplan.core.models import ChangeLog
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, Amendment, Meeting
from workplan.plans.models import Activity
from workplan.reporting.health import Health, with_health
from workplan.reporting.models import ProgressUpdate
from workplan.reporting.progress import plan_progress

SECTIONS = [
    "Progress by priority area",
    "Activities and what changed since the previous meeting",
    "Progress updates accepted since the previous meeting",
    "Open and overdue action items",
    "Amendments to the plan",
]


@dataclass
class PackContent:
    meeting: Meeting
    previous: Meeting | None
    since: datetime.date
    until: datetime.date
    prepared_for: str
    prepared_on: datetime.date
    areas: list = field(default_factory=list)  # (area, percent, {health: count})
    activities: list = field(default_factory=list)  # (activity, changes: list[str])
    updates_by_party: dict = field(default_factory=dict)
    actions: list = field(default_factory=list)  # (action, overdue: bool)
    amendments: list = field(default_factory=list)
    chart_png: bytes = b""
    sections: list = field(default_factory=lambda: list(SECTIONS))

    @property
    def title(self) -> str:
        return f"{self.meeting} — meeting pack"


def build(meeting: Meeting, user, today: datetime.date | None = None) -> PackContent:
    """Gathers the pack; refused with a clear message when the meeting reviews no plan."""
    if meeting.plan_id is None:
        raise ValidationError("Set the work plan this meeting reviews before making its pack.")
    today = today or timezone.localdate()
    previous = cycle.previous_meeting(meeting)
    plan = meeting.plan
    content = PackContent(
        meeting=meeting,
        previous=previous,
        since=previous.start_date if previous else plan.start_date,
        until=meeting.start_date,
        prepared_for=str(user),
        prepared_on=today,
    )
    activities = access.restrict(plan.activities.filter(archived_at__isnull=True), user)
    content.activities = _activities(plan, activities, content, today)
    content.areas = _areas(plan, activities, content.activities)
    content.updates_by_party = _updates(plan, user, content)
    content.actions = _actions(meeting, user, today)
    content.amendments = list(
        access.restrict(Amendment.objects.filter(plan=plan), user)
        .filter(Q(status=Amendment.Status.PROPOSED) | Q(meeting=meeting))
        .select_related("meeting", "meeting__body", "activity", "commitment")
    )
    content.chart_png = progress_chart(content.areas)
    return content


def _areas(plan, activities, listed) -> list[tuple]:
    """Each area's progress, and its activities counted by health (from the listed ones,
    which carry their health already; cancelled ones have none and are not counted)."""
    areas = list(plan.areas.prefetch_related("commitments"))
    progress = plan_progress(areas, activities)
    counts = defaultdict(lambda: defaultdict(int))
    for activity, _changes in listed:
        if activity.health:
            counts[activity.area_id][activity.health] += 1
    return [(item.area, item.share.percent, dict(counts[item.area.pk])) for item in progress.areas]


# What the pack shows of each activity, with its plan (which `plan.activities` sets on each);
# nothing else is read, so none is loaded.
ACTIVITY_FIELDS = ("plan", "code", "title", "area", "lead_party__code")


def _activities(plan, activities, content, today) -> list[tuple]:
    rows = with_health(activities, plan, today).select_related("lead_party").only(*ACTIVITY_FIELDS)
    rows = list(rows.order_by("area__position", "code"))
    changes = _changes_between(rows, content.since, content.until)
    return [(activity, changes.get(activity.pk, [])) for activity in rows]


def _day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of a day in the current time zone: `timestamp >= _day_start(day)`
    means `timestamp__date >= day`, without converting each row's timestamp to a date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _changes_between(activities, since, until) -> dict[int, list[str]]:
    """Per activity, the fields changed (or events) recorded in the interval."""
    content_type = ContentType.objects.get_for_model(Activity)
    entries = ChangeLog.objects.filter(
        content_type=content_type,
        object_id__in=[activity.pk for activity in activities],
        timestamp__gte=_day_start(since),
        timestamp__lt=_day_start(until),
    ).order_by("timestamp")
    changed: dict[int, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.kind == ChangeLog.Kind.CREATE:
            labels = ["added"]
        else:
            labels = [label.lower() for label, _before, _after in entry.changes()]
        for label in labels:
            if label not in changed[entry.object_id]:
                changed[entry.object_id].append(label)
    return changed


# What the pack shows of each update (the period is named by its name).
UPDATE_FIELDS = (
    "narrative",
    "percent_complete",
    "activity__code",
    "activity__title",
    "party__name",
    "period__name",
)


def _updates(plan, user, content) -> dict[str, list]:
    updates = (
        access.restrict(
            ProgressUpdate.objects.filter(
                activity__plan=plan,
                status=ProgressUpdate.Status.ACCEPTED,
                reviewed_at__gte=_day_start(content.since),
                reviewed_at__lt=_day_start(content.until),
            ),
            user,
        )
        .select_related("activity", "party", "period")
        .only(*UPDATE_FIELDS)
        .order_by("party__name", "activity__code")
    )
    grouped: dict[str, list] = defaultdict(list)
    for update in updates:
        grouped[update.party.name].append(update)
    return dict(grouped)


def _actions(meeting, user, today) -> list[tuple]:
    visible = access.restrict(ActionItem.objects.all(), user)
    carried = cycle.carried_forward(visible, meeting).filter(status__in=ActionItem.OPEN_STATUSES)
    decided_here = visible.filter(agenda_item__meeting=meeting, status__in=ActionItem.OPEN_STATUSES)
    items = (
        cycle.with_due_on(carried | decided_here)
        .select_related("agenda_item__meeting__body")
        .prefetch_related("owners")
        .order_by("due_on", "pk")
    )
    return [(item, item.due_on is not None and item.due_on < today) for item in items]


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
    axes.set_xlabel("Progress (%)")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# Rendering


def render_pdf(content: PackContent) -> bytes:
    from weasyprint import HTML

    chart = base64.b64encode(content.chart_png).decode()
    html = render_to_string(
        "meetings/pack.html", {"pack": content, "chart": chart, "healths": Health.choices}
    )
    return HTML(string=html, base_url=".").write_pdf()


def render_docx(content: PackContent) -> bytes:
    from workplan.meetings.pack_docx import write_docx

    return write_docx(content)


def filename(content: PackContent, extension: str) -> str:
    name = str(content.meeting).replace(" + ", "-plus-").replace(" ", "-")
    return f"meeting-pack-{name}-{content.meeting.start_date:%Y-%m-%d}.{extension}"
