"""A party's reporting workbook: the progress updates it owes for one period, as an Excel file
to fill in offline and upload back (`updates_import` reads it back).

Which rows: the updates the party still owes for the period (`reporting.tracker`: the lead
party owes one per activity running in the period; those already submitted or accepted are
left out). The Secretariat's workbook for all parties has every party's rows.

Sheets:
- "Cover": the plan, party and period, the due date, who downloaded it and when, how to send
  it back, and what each column means.
- "Updates": one header row, then one row per update owed. Read-only cells (grey, the sheet is
  protected): code, party, title, area, planned dates, the last accepted percent and
  narrative, where the update stands. Input cells (yellow): narrative, percent complete,
  reported status, links, then for each of the activity's indicators its name and "unit and
  target" (read-only) beside its value (input). Inputs hold the current draft, so an untouched
  workbook changes nothing.
- "Lists": the statuses the dropdown offers.
- "Download" (hidden): what the workbook is (plan, period, party, who, when) and, per row, the
  activity, the update and its version as downloaded, the read-only cells and the inputs as
  written (so an upload tells a changed read-only cell, a row typed in, and a row whose
  update was changed online since).
"""

import datetime
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from zipfile import BadZipFile

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from workplan.core import access
from workplan.core.formats import date_label, date_range_label, moment_label
from workplan.core.office import OfficeFileRefused, check_office_file
from workplan.exchange.activities_xlsx import NOT_EXCEL, UNREADABLE, FileProblem
from workplan.exchange.activity_columns import file_labels, neutralise, normal, unneutralise
from workplan.plans.models import Activity, Indicator
from workplan.reporting import tracker
from workplan.reporting.models import ProgressUpdate, ReportingPeriod

FORMAT = "Work Plan Monitor reporting workbook 1"
SHEET, COVER, LISTS, HIDDEN = "Updates", "Cover", "Lists", "Download"
ALL = "ALL"  # the party code of a workbook with every party's rows
READ_ONLY = [
    ("code", "Code", 14),
    ("party", "Party", 12),
    ("title", "Title", 40),
    ("area", "Priority area", 20),
    ("planned_start", "Planned start", 13),
    ("planned_end", "Planned end", 13),
    ("accepted_percent", "Last accepted percent", 11),
    ("accepted_narrative", "Last accepted narrative", 40),
    ("state", "This update", 14),
]
INPUTS = [
    ("narrative", "Narrative", 50),
    ("percent_complete", "Percent complete", 11),
    ("reported_status", "Reported status", 14),
    ("links", "Links", 30),
]
HEADER_OF = {name: header for name, header, _ in READ_ONLY + INPUTS}
STATUS_LABELS = list(file_labels(Activity.Status).values())
YES_NO = ["Yes", "No"]
GREY = PatternFill("solid", fgColor="EEEEEE")
YELLOW = PatternFill("solid", fgColor="FFF7D6")
WRAP = Alignment(vertical="top", wrap_text=True)


def indicator_headers(number: int) -> tuple[str, str, str]:
    return f"Indicator {number}", f"Unit and target {number}", f"Value {number}"


# What the workbook holds


@dataclass
class Scope:
    """Whose and which: a plan's period, for one party or (None) every party."""

    period: ReportingPeriod
    party: object = None

    @property
    def party_code(self) -> str:
        return self.party.code if self.party else ALL

    def filename(self) -> str:
        name = self.period.name.replace(" ", "-")
        return f"updates-{self.party_code.lower()}-{name}.xlsx"


@dataclass
class Line:
    """One update owed, as the workbook shows it: the activity, its indicators and the party's
    update (None when there is none the reader may see)."""

    owed: tracker.Owed
    activity: Activity
    indicators: list
    update: ProgressUpdate | None

    def read_only(self) -> dict:
        a = self.activity
        return {
            "code": a.code,
            "party": a.lead_party.code,
            "title": a.title,
            "area": a.area.name,
            "planned_start": a.planned_start,
            "planned_end": a.planned_end,
            "accepted_percent": a.accepted_percent,
            "accepted_narrative": a.accepted_narrative or "",
            "state": str(self.owed.state_label),
        }

    def inputs(self) -> dict:
        """The update's current text and values, as cells show them."""
        update = self.update
        values = {v.indicator_id: v.value for v in update.values.all()} if update else {}
        return {
            "narrative": update.narrative if update else "",
            "percent_complete": update.percent_complete if update else None,
            "reported_status": file_labels(Activity.Status).get(update.reported_status, "")
            if update
            else "",
            "links": update.links if update else "",
            **{f"indicator_{i.pk}": _shown_value(i, values.get(i.pk)) for i in self.indicators},
        }


def lines(scope: Scope, user) -> list[Line]:
    """The updates `scope`'s party (or every party) owes for its period, as `user` may read
    them: from the tracker, with their activities, indicators and updates. Six queries."""
    period = scope.period
    activities = tracker.readers_activities(user, Activity.objects.filter(plan_id=period.plan_id))
    if scope.party:
        activities = activities.filter(lead_party_id=scope.party.pk)
    updates = access.restrict(ProgressUpdate.objects.all(), user)
    owed = [
        item
        for item in tracker.compute(activities, [period], updates=updates).items
        if item.state not in tracker.SENT
    ]
    found = _activities([item.activity_id for item in owed])
    indicators = _indicators(list(found))
    by_id = _updates([item.update_id for item in owed if item.update_id])
    return [
        Line(item, found[item.activity_id], indicators.get(item.activity_id, []),
             by_id.get(item.update_id))
        for item in owed
    ]  # fmt: skip


# what the workbook shows of an activity, and what the access rules and actions read of it
ACTIVITY_FIELDS = [
    "plan_id", "code", "title", "area__name", "lead_party__code", "lead_party__name",
    "planned_start", "planned_end", "accepted_percent", "archived_at", "status", "version",
]  # fmt: skip


def _activities(ids: list[int]) -> dict[int, Activity]:
    """The activities, with the narrative of the latest accepted update (the one whose percent
    the activity stores, `reporting.figures`)."""
    accepted = ProgressUpdate.objects.filter(
        activity_id=OuterRef("pk"), status=ProgressUpdate.Status.ACCEPTED
    ).order_by("-period__end_date", "-reviewed_at", "-pk")
    rows = (
        Activity.objects.filter(pk__in=ids)
        .select_related("area", "lead_party")
        .only(*ACTIVITY_FIELDS)
        .annotate(accepted_narrative=Subquery(accepted.values("narrative")[:1]))
    )
    return {activity.pk: activity for activity in rows}


def _indicators(activity_ids: list[int]) -> dict[int, list[Indicator]]:
    found = {}
    rows = Indicator.objects.filter(activity_id__in=activity_ids, archived_at__isnull=True)
    for indicator in rows.order_by("activity_id", "position", "id"):
        found.setdefault(indicator.activity_id, []).append(indicator)
    return found


def _updates(ids: list[int]) -> dict[int, ProgressUpdate]:
    rows = ProgressUpdate.objects.filter(pk__in=ids).prefetch_related("values")
    return {update.pk: update for update in rows}


def _shown_value(indicator: Indicator, value):
    if value is None:
        return None
    if indicator.unit == Indicator.Unit.YES_NO:
        return "Yes" if value else "No"
    number = Decimal(value).normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def unit_and_target(indicator: Indicator) -> str:
    parts = [str(indicator.get_unit_display())]
    if indicator.target is not None:
        parts.append(gettext("target %(target)s") % {"target": f"{indicator.target.normalize():f}"})
    if indicator.baseline is not None:
        parts.append(
            gettext("baseline %(baseline)s") % {"baseline": f"{indicator.baseline.normalize():f}"}
        )
    return gettext(", ").join(parts)


# Writing


def write_workbook(target, scope: Scope, rows: list[Line], *, user, how_to_return: str) -> None:
    """Writes the workbook of `rows` (from `lines`) to `target` (a path or a binary file)."""
    workbook = Workbook()
    cover = workbook.active
    cover.title = COVER
    widest = max((len(row.indicators) for row in rows), default=0)
    sheet = workbook.create_sheet(SHEET)
    hidden = workbook.create_sheet(HIDDEN)
    lists = workbook.create_sheet(LISTS)
    downloaded = timezone.now()
    _write_cover(cover, scope, rows, user, downloaded, how_to_return)
    _write_lists(lists)
    _write_rows(sheet, rows, widest)
    _write_hidden(hidden, scope, rows, user, downloaded)
    hidden.sheet_state = "hidden"
    workbook.active = 1
    workbook.save(target)


# The column names (Narrative, Percent complete…) stay in English in every language: an upload
# finds its columns by them.
HOW_TO_FILL = [
    _("Fill the yellow cells of the Updates sheet; the grey cells are read-only."),
    _("Narrative: what happened in the period. Percent complete: a whole number from 0 to 100."),
    _("Links: web addresses of evidence, one per line."),
    _(
        "Value N: the figure reached for the indicator named beside it (its unit and target "
        "too); for a yes/no indicator, Yes or No."
    ),
    _("Leave a row as it is to change nothing; clearing a yellow cell clears that value."),
    _("Evidence files are attached online, on each update's page, after the upload."),
]
HOW_TO_RETURN = [
    _("The upload shows what will change before anything is saved."),
    _("Once confirmed, the drafts can be submitted for review all at once."),
    _("Upload this same file: a workbook of another party or another period is refused."),
]


def _write_cover(sheet, scope, rows, user, downloaded, how_to_return) -> None:
    period, plan = scope.period, scope.period.plan
    who = user.get_full_name() or user.username
    dates = date_range_label(period.start_date, period.end_date)
    whose = scope.party.name if scope.party else gettext("all parties")
    statuses = ", ".join(STATUS_LABELS)
    lines_ = [
        "# " + gettext("Progress updates owed: %(whose)s") % {"whose": whose},
        plan.localized("title"),
        "",
        gettext("Reporting period: %(period)s (%(dates)s)")
        % {"period": period.name, "dates": dates},
        gettext("Updates due: %(day)s") % {"day": date_label(period.due_date)},
        gettext("Downloaded by %(who)s (%(username)s) on %(moment)s")
        % {"who": who, "username": user.username, "moment": moment_label(downloaded)},
        ngettext(
            "Rows: %(count)d update still owed (those already submitted or accepted are not in it)",
            "Rows: %(count)d updates still owed (those already submitted or accepted are not in "
            "it)",
            len(rows),
        )
        % {"count": len(rows)},
        "",
        "# " + gettext("How to fill it in"),
        *(str(text) for text in HOW_TO_FILL[:2]),
        gettext("Reported status: one of %(statuses)s (in English, as the list offers them).")
        % {"statuses": statuses},
        *(str(text) for text in HOW_TO_FILL[2:]),
        "",
        "# " + gettext("How to send it back"),
        how_to_return,
        *(str(text) for text in HOW_TO_RETURN),
    ]
    for text in lines_:
        sheet.append([neutralise(text.removeprefix("# "))])
        if text.startswith("# "):
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.column_dimensions["A"].width = 100


def _write_lists(sheet) -> None:
    sheet.append([gettext("Reported status"), gettext("Yes/no")])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True)
    for index, label in enumerate(STATUS_LABELS):
        sheet.append([label, YES_NO[index] if index < len(YES_NO) else None])


def headers(widest: int) -> list[str]:
    names = [header for _, header, _ in READ_ONLY + INPUTS]
    for number in range(1, widest + 1):
        names += indicator_headers(number)
    return names


def _write_rows(sheet, rows: list[Line], widest: int) -> None:
    sheet.append(headers(widest))
    widths = [w for _, _, w in READ_ONLY + INPUTS] + [30, 24, 11] * widest
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        head = sheet.cell(1, index)
        head.font, head.alignment, head.fill = Font(bold=True), WRAP, GREY
    sheet.freeze_panes = "B2"
    checks = _validations(sheet)
    for number, row in enumerate(rows, start=2):
        fixed, typed = row.read_only(), row.inputs()
        cells = [(fixed[name], False) for name, _, _ in READ_ONLY]
        cells += [(typed[name], True) for name, _, _ in INPUTS]
        for indicator in row.indicators:
            cells += [(indicator.name, False), (unit_and_target(indicator), False)]
            cells.append((typed[f"indicator_{indicator.pk}"], True))
        for column, (value, is_input) in enumerate(cells, start=1):
            _put(sheet.cell(number, column), value, is_input)
        for offset, indicator in enumerate(row.indicators):
            column = len(READ_ONLY) + len(INPUTS) + 3 * offset + 3
            checks[indicator.unit].add(sheet.cell(number, column).coordinate)
        for column in range(len(cells) + 1, len(READ_ONLY) + len(INPUTS) + 3 * widest + 1):
            sheet.cell(number, column).fill = GREY
    last = max(len(rows) + 1, 2)
    first_input = len(READ_ONLY) + 1
    checks["percent"].add(
        f"{get_column_letter(first_input + 1)}2:{get_column_letter(first_input + 1)}{last}"
    )
    checks["status"].add(
        f"{get_column_letter(first_input + 2)}2:{get_column_letter(first_input + 2)}{last}"
    )
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _put(cell, value, is_input: bool) -> None:
    cell.value = neutralise(value)
    cell.alignment = WRAP
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if is_input:
        cell.fill, cell.protection = YELLOW, Protection(locked=False)
    else:
        cell.fill = GREY


def _validations(sheet) -> dict:
    def check(kind, error, **options):
        validation = DataValidation(
            type=kind, allow_blank=True, showErrorMessage=True, errorTitle=gettext("Not accepted"),
            error=str(error), **options,
        )  # fmt: skip
        sheet.add_data_validation(validation)
        return validation

    rows = len(STATUS_LABELS) + 1
    return {
        "percent": check("whole", gettext("Percent complete is a whole number from 0 to 100."),
                         operator="between", formula1="0", formula2="100"),
        "status": check("list", gettext("Choose a status from the list."),
                        formula1=f"{LISTS}!$A$2:$A${rows}"),
        Indicator.Unit.NUMBER: check("decimal", gettext("Type a number, 0 or more."),
                                     operator="greaterThanOrEqual", formula1="0"),
        Indicator.Unit.PERCENTAGE: check("decimal", gettext("Type a number from 0 to 100."),
                                         operator="between", formula1="0", formula2="100"),
        Indicator.Unit.YES_NO: check("list", gettext("Choose Yes or No."),
                                     formula1=f"{LISTS}!$B$2:$B$3"),
    }  # fmt: skip


def _write_hidden(sheet, scope, rows, user, downloaded) -> None:
    """What the workbook is, then per row what was written (see the module's docstring)."""
    period = scope.period
    about = [
        ("Format", FORMAT),
        ("Plan", period.plan_id),
        ("Period", period.pk),
        ("Period name", period.name),
        ("Party", scope.party_code),
        ("Downloaded by", user.username),
        ("Downloaded at", downloaded.isoformat(timespec="seconds")),
    ]
    for name, value in about:
        sheet.append([name, value])
    sheet.append([])
    sheet.append(["Row", "Activity", "Update", "Version", "Read-only", "Inputs"])
    for number, row in enumerate(rows, start=2):
        fixed = [comparable_cell(v) for v in row.read_only().values()]
        for indicator in row.indicators:
            fixed += [comparable_cell(indicator.name), comparable_cell(unit_and_target(indicator))]
        inputs = [comparable_cell(value) for value in row.inputs().values()]
        update = row.update
        sheet.append([
            number, row.activity.pk, update.pk if update else None,
            update.version if update else 0, json.dumps(fixed), json.dumps(inputs),
        ])  # fmt: skip
    sheet.protection.sheet = True


def comparable_cell(value) -> str:
    """A cell's value as text that reads the same whichever program saved the file."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float | int | Decimal):
        number = Decimal(str(value)).normalize()
        return f"{number:f}"
    text = unneutralise(str(value)).replace("\r\n", "\n").strip()
    return text


# Reading


@dataclass
class Uploaded:
    """An uploaded workbook: what it says it is, and its rows."""

    about: dict
    rows: list = field(default_factory=list)  # Cells, in order

    @property
    def period_id(self) -> int | None:
        return _whole(self.about.get("Period"))

    @property
    def party_code(self) -> str:
        return str(self.about.get("Party") or "")


@dataclass
class Cells:
    """One row of the Updates sheet with what the download wrote for it."""

    number: int
    activity_id: int | None
    update_id: int | None
    version: int
    code: str
    read_only: list[str]  # as uploaded, comparable
    read_only_then: list[str]  # as downloaded
    inputs: list  # the input cells as uploaded: INPUTS, then each indicator's value
    inputs_then: list[str]  # the same, comparable, as downloaded
    indicators: int  # how many indicator columns the row had


MACROS = _(
    "This file holds macros (a macro-enabled workbook, .xlsm, renamed .xlsx); it is not read. "
    "Save it from Excel as “Excel Workbook (.xlsx)” and upload that file."
)
NOT_OURS = _(
    "This is not a reporting workbook of Work Plan Monitor (its hidden “Download” sheet is "
    "missing). Download the workbook for the period, fill it in and upload that file."
)


def read_workbook(path) -> Uploaded:
    """Reads an uploaded workbook whole; raises FileProblem naming what is wrong."""
    try:
        check_office_file(path)
        _refuse_macros(path)
        # formulas are read as formulas (and refused in an input), not as the value they showed
        workbook = load_workbook(path, read_only=True)
    except OfficeFileRefused as refused:
        raise FileProblem([str(refused)]) from None
    except (InvalidFileException, BadZipFile, OSError, *UNREADABLE):
        raise FileProblem([NOT_EXCEL]) from None
    try:
        if HIDDEN not in workbook.sheetnames or SHEET not in workbook.sheetnames:
            raise FileProblem([NOT_OURS])
        about, written = _read_hidden(workbook[HIDDEN])
        if about.get("Format") != FORMAT:
            raise FileProblem([NOT_OURS])
        return Uploaded(about, _read_rows(workbook[SHEET], written))
    except UNREADABLE:
        raise FileProblem([NOT_EXCEL]) from None
    finally:
        workbook.close()


def _refuse_macros(path) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in types:
        raise OfficeFileRefused(MACROS)


def _read_hidden(sheet) -> tuple[dict, dict[int, tuple]]:
    about, written, table = {}, {}, False
    for row in sheet.iter_rows(values_only=True):
        row = list(row) + [None] * 6
        if row[0] == "Row":
            table = True
        elif table and _whole(row[0]):
            written[_whole(row[0])] = row[:6]
        elif not table and row[0]:
            about[str(row[0])] = row[1]
    return about, written


def _read_rows(sheet, written: dict[int, tuple]) -> list[Cells]:
    rows = sheet.iter_rows(values_only=True)
    header = [normal(cell) if cell is not None else "" for cell in next(rows, ())]
    wanted = [normal(h) for _, h, _ in READ_ONLY + INPUTS]
    missing = [
        h for (_, h, _), n in zip(READ_ONLY + INPUTS, wanted, strict=True) if n not in header
    ]
    if missing:
        raise FileProblem([
            ngettext(
                "The Updates sheet lacks the column %(columns)s. Upload the workbook as "
                "downloaded, without removing columns.",
                "The Updates sheet lacks the columns %(columns)s. Upload the workbook as "
                "downloaded, without removing columns.",
                len(missing),
            ) % {"columns": ", ".join(missing)}
        ])  # fmt: skip
    found = []
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * len(header)
        hidden = written.get(number)
        if hidden is None:
            if any(value not in (None, "") for value in values):
                found.append(_stray(number, values, header))
            continue
        found.append(_cells(number, values, header, hidden))
    return found


def _cells(number, values, header, hidden) -> Cells:
    by_header = dict(zip(header, values, strict=False))
    _, activity_id, update_id, version, fixed_then, inputs_then = hidden
    fixed_then = json.loads(fixed_then or "[]")
    indicators = (len(fixed_then) - len(READ_ONLY)) // 2
    fixed = [comparable_cell(by_header.get(normal(h))) for _, h, _ in READ_ONLY]
    inputs = [by_header.get(normal(h)) for _, h, _ in INPUTS]
    for n in range(1, indicators + 1):
        name, unit, value = (normal(h) for h in indicator_headers(n))
        fixed += [comparable_cell(by_header.get(name)), comparable_cell(by_header.get(unit))]
        inputs.append(by_header.get(value))
    return Cells(
        number, _whole(activity_id), _whole(update_id), _whole(version) or 0,
        str(by_header.get(normal("Code")) or ""), fixed, fixed_then, inputs,
        json.loads(inputs_then or "[]"), indicators,
    )  # fmt: skip


def _stray(number, values, header) -> Cells:
    """A row the download did not write (typed below the others, or moved)."""
    by_header = dict(zip(header, values, strict=False))
    code = str(by_header.get(normal("Code")) or "")
    return Cells(number, None, None, 0, code, [], [], [], [], 0)


def _whole(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number == value or str(number) == str(value).strip() else None
