"""Exports as Excel, CSV and JSON of exactly the list the user is looking at: the page's
restricted queryset and FilterSet, with the page's query string.

Spreadsheet cells (Excel and CSV) that begin with =, +, -, @ (or a tab or carriage return),
or hold one after a ";", "," or tab, where a spreadsheet reading the CSV with that separator
starts a cell, get an apostrophe there, so no spreadsheet runs them as a formula. Files are
written as they are read (openpyxl write-only mode, streamed CSV and JSON), so memory stays flat.
"""

import csv
import datetime
import decimal
import json
import tempfile
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from workplan.core import access
from workplan.exchange.activities_xlsx import write_register
from workplan.exchange.activity_columns import COLUMNS, neutralise, register_rows
from workplan.meetings import owes
from workplan.meetings.api import action_items_for_listing
from workplan.meetings.filters import ActionItemFilter
from workplan.plans.filters import ActivityFilter
from workplan.plans.models import WorkPlan
from workplan.reporting import tracker
from workplan.reporting.filters import UpdateFilter
from workplan.reporting.models import ProgressUpdate

FORMATS = ("xlsx", "csv", "json")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 1000


class BadQuery(ValueError):
    """A filter of the query string cannot be read: said before anything is written."""


@dataclass
class Table:
    """Rows to export: a file name, a sheet title, the column headers, JSON keys, the rows."""

    name: str
    title: str
    headers: list[str]
    keys: list[str]
    rows: object  # iterable of lists of values, in column order


# What is exported


def activities(request, plan: WorkPlan):
    """The register page's rows: restricted, then filtered by the page's query string."""
    rows = plan.activities.select_related("area", "lead_party", "funding_source")
    rows = access.restrict(rows.prefetch_related("partner_parties", "commitments"), request.user)
    return _filtered(ActivityFilter(_query(request), queryset=rows, plan=plan))


def activity_table(request, plan: WorkPlan) -> Table:
    rows = register_rows(activities(request, plan), chunk=CHUNK)
    return Table(
        f"activities-{_today()}",
        "Activities",
        [column.header for column in COLUMNS],
        [column.field for column in COLUMNS],
        rows,
    )


UPDATE_COLUMNS = [
    ("activity_code", "Activity code"),
    ("activity", "Activity"),
    ("party", "Party"),
    ("period", "Period"),
    ("status", "Status"),
    ("percent_complete", "Percent complete"),
    ("reported_status", "Activity status reported"),
    ("narrative", "Narrative"),
    ("indicator_values", "Indicator values"),
    ("links", "Links"),
    ("submitted_at", "Submitted (UTC)"),
    ("reviewed_at", "Reviewed (UTC)"),
    ("review_comment", "Review comment"),
]


def updates(request):
    """Progress updates the user may see, filtered by the query string (`UpdateFilter`)."""
    rows = ProgressUpdate.objects.select_related("activity", "party", "period")
    rows = access.restrict(rows.prefetch_related("values__indicator"), request.user)
    rows = rows.order_by("activity__code", "period__start_date", "party__code", "pk")
    return _filtered(UpdateFilter(_query(request), queryset=rows, request=request))


def update_table(request) -> Table:
    rows = (_update_row(u) for u in updates(request).iterator(chunk_size=CHUNK))
    return Table(
        f"progress-updates-{_today()}",
        "Progress updates",
        [header for _, header in UPDATE_COLUMNS],
        [key for key, _ in UPDATE_COLUMNS],
        rows,
    )


def _update_row(update: ProgressUpdate) -> list:
    values = "\n".join(f"{v.indicator.name}: {v.value.normalize()}" for v in update.values.all())
    return [
        update.activity.code,
        update.activity.title,
        update.party.name,
        update.period.name,
        update.get_status_display(),
        update.percent_complete,
        update.get_reported_status_display() if update.reported_status else "",
        update.narrative,
        values,
        update.links,
        update.submitted_at,
        update.reviewed_at,
        update.review_comment,
    ]


ACTION_COLUMNS = [
    ("meeting", "Meeting"),
    ("agenda_item", "Agenda item"),
    ("text", "Action"),
    ("owners", "Owner parties"),
    ("due_on", "Due"),
    ("overdue", "Overdue"),
    ("status", "Status"),
    ("closed_on", "Closed on"),
    ("activities", "Activities"),
]


def action_items(request):
    """Action items the user may see, filtered by the query string (`ActionItemFilter`)."""
    rows = action_items_for_listing(request.user).select_related("agenda_item__meeting__body")
    rows = access.restrict(rows, request.user)
    return _filtered(ActionItemFilter(_query(request), queryset=rows, request=request))


def action_table(request) -> Table:
    rows = (_action_row(item) for item in action_items(request).iterator(chunk_size=CHUNK))
    return Table(
        f"action-items-{_today()}",
        "Action items",
        [header for _, header in ACTION_COLUMNS],
        [key for key, _ in ACTION_COLUMNS],
        rows,
    )


def _action_row(item) -> list:
    return [
        str(item.agenda_item.meeting),
        item.agenda_item.title,
        item.text,
        "; ".join(sorted(party.name for party in item.owners.all())),
        item.due_on,
        item.overdue,
        item.get_status_display(),
        item.closed_on,
        "; ".join(activity.code for activity in item.activities.all()),
    ]


TRACKER_COLUMNS = [
    ("party", "Party"),
    ("period", "Period"),
    ("due", "Updates due"),
    ("activity_code", "Activity code"),
    ("activity", "Activity"),
    ("state", "State"),
    ("overdue", "Overdue"),
]


def tracker_table(request, plan: WorkPlan) -> Table:
    """The tracker page's updates owed, one row each: the page's area, and its party and
    period when a cell is chosen (`reporting.tracker.chosen_in`)."""
    chosen = tracker.chosen_in(request.GET)
    rows = tracker.for_reader(
        WorkPlan.objects.filter(pk=plan.pk), request.user, area_id=chosen["area"]
    )
    names = {party.pk: party.name for party in rows.parties}
    items = [
        item
        for item in rows.items
        if chosen["party"] in (None, item.party_id) and chosen["period"] in (None, item.period.pk)
    ]
    items.sort(key=lambda i: (names[i.party_id], i.period.start_date, i.code))
    return Table(
        f"reporting-tracker-{_today()}",
        "Reporting round tracker",
        [header for _, header in TRACKER_COLUMNS],
        [key for key, _ in TRACKER_COLUMNS],
        (_owed_row(item, names[item.party_id]) for item in items),
    )


def _owed_row(item, party_name: str) -> list:
    return [
        party_name, item.period.name, item.due_date, item.code, item.title,
        item.state_label, item.overdue,
    ]  # fmt: skip


OWES_COLUMNS = [
    ("section", "What"),
    ("reference", "Activity or meeting"),
    ("title", "Title"),
    ("period", "Period"),
    ("due", "Due"),
    ("state", "State"),
    ("overdue", "Overdue"),
]


def owes_table(request, party) -> Table:
    """The party page's lists, one row per update or action item, in the page's order."""
    owed = owes.owed_by(party, request.user)
    rows = []
    for section, items in (
        ("Overdue update", owed.overdue),
        ("Returned update", owed.returned),
        ("Update due", owed.due),
    ):
        rows += [
            [section, i.code, i.title, i.period.name, i.due_date, i.state_label, i.overdue]
            for i in items
        ]
    rows += [
        [
            "Action item", str(a.agenda_item.meeting), a.text, "", a.due_on,
            a.get_status_display(), a.overdue,
        ]
        for a in owed.actions
    ]  # fmt: skip
    return Table(
        f"owed-by-{party.code.lower()}-{_today()}",
        f"What {party.code} owes",
        [header for _, header in OWES_COLUMNS],
        [key for key, _ in OWES_COLUMNS],
        rows,
    )


# How it is written


def respond(table: Table, fmt: str, *, plan: WorkPlan | None = None):
    """The file in the asked format; the activity register's Excel file is the import template."""
    if fmt == "xlsx":
        handle = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115  (FileResponse closes it)
        if plan is not None:
            write_register(handle, plan, table.rows)
        else:
            write_table(handle, table)
        handle.seek(0)
        return FileResponse(
            handle, as_attachment=True, filename=f"{table.name}.xlsx", content_type=XLSX
        )
    stream = _csv(table) if fmt == "csv" else _json(table)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    return response


def write_table(target, table: Table) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.title[:31])
    sheet.freeze_panes = "A2"
    for index in range(1, len(table.headers) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 20
    sheet.append([_bold(sheet, header) for header in table.headers])
    for row in table.rows:
        sheet.append([neutralise(_for_excel(value)) for value in row])
    workbook.save(target)


def _bold(sheet, text):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _as_written(value):
    """A label is written in English whatever the reader's language, as every file's columns
    and choices are (`activity_columns.file_labels`), so that files compare and import alike."""
    if isinstance(value, Promise):
        with translation.override(None):
            return str(value)
    return value


def _for_excel(value):
    """Excel has no time zones: times are written in UTC. Yes and no are written as words."""
    value = _as_written(value)
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, text):
        return text


def _csv(table: Table):
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(table.headers)  # the mark makes Excel read UTF-8
    for row in table.rows:
        yield writer.writerow([neutralise(_text(value)) for value in row])


def _json(table: Table):
    yield "["
    for index, row in enumerate(table.rows):
        record = dict(zip(table.keys, (_plain(v) for v in row), strict=True))
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _text(value) -> str:
    value = _as_written(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _plain(value):
    value = _as_written(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _query(request):
    """The page's query string; a value with a NUL character (which no filter can match and
    PostgreSQL refuses) is left out, as the page leaves out a filter it cannot read."""
    query = request.GET.copy()
    for name, values in list(query.lists()):
        if any("\x00" in value for value in values):
            del query[name]
    return query or None


def _filtered(filterset):
    """The filtered rows; BadQuery naming each filter that cannot be read (the page shows the
    same message on its field, the API answers 400 with it)."""
    if filterset.errors:
        raise BadQuery(
            "; ".join(
                f"{name} ({filterset.filters[name].label}): {' '.join(messages)}"
                for name, messages in filterset.errors.items()
            )
        )
    return filterset.qs


def _today() -> str:
    return timezone.now().strftime("%Y-%m-%d")
