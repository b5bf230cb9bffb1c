"""Reading a party's reporting workbook back (`updates_workbook`): a preview that says, row by
row, what would be written (a new draft, a change to a draft, nothing) and every problem by
row and column, then the writing, all or nothing, through `reporting.actions`.

- Whose and which: the workbook names its plan, period and party; a workbook of another party
  or period than the one asked for is refused, naming whose and which it is. A focal point
  uploads its own party's; the Secretariat any party's, or the workbook of all parties, and
  what it writes is on record as written on the party's behalf.
- A row is read only if someone typed in it: its inputs differ from what the download wrote
  (kept in the workbook's hidden sheet). An untouched workbook changes nothing.
- A read-only cell that differs from the download is refused; so is a row the download did not
  write, and an activity that no longer owes an update for the period.
- A typed row whose update moved on since the download (saved online, submitted, accepted) is
  a conflict: shown, never overwritten. At the confirmation, a row whose update moved on since
  the preview is a conflict too, and nothing is written until the user confirms again.
- The rules are the actions' own (`actions.update_problems`), asked without writing, so the
  preview reads the workbook with a fixed number of queries; the confirmation then writes each
  row through `write_update` / `save_update`, in one transaction grouped under one request id.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_lazy
from openpyxl.cell.cell import ERROR_CODES

from workplan.core import changelog, records
from workplan.core.formats import date_label
from workplan.exchange.activities_import import Conflict, Problem
from workplan.exchange.activities_xlsx import FileProblem
from workplan.exchange.activity_columns import file_labels, normal, unneutralise
from workplan.exchange.updates_workbook import (
    ALL,
    HEADER_OF,
    INPUTS,
    READ_ONLY,
    Line,
    Scope,
    comparable_cell,
    indicator_headers,
    lines,
    read_workbook,
)
from workplan.parties.models import Party
from workplan.plans.models import Activity, Indicator
from workplan.reporting import actions
from workplan.reporting.models import ProgressUpdate, ReportingPeriod

Status = ProgressUpdate.Status
KINDS = ("create", "change", "unchanged")
STATUS_BY_NAME = {normal(label): value for value, label in file_labels(Activity.Status).items()} | {
    normal(value): value for value, _ in Activity.Status.choices
}
YES = {"yes", "y", "1", "true"}
NO = {"no", "n", "0", "false"}


@dataclass
class RowOutcome:
    """What one row does: a new draft, a change (with the changes) or nothing."""

    row: int
    code: str
    title: str
    party: str
    kind: str
    changes: list = field(default_factory=list)  # (column, before, after)
    needs_evidence: bool = False


@dataclass
class WorkbookReport:
    scope: Scope | None = None
    committed: bool = False
    total: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    # {activity id: version of the party's update (0: none)} as this reading found them
    versions: dict = field(default_factory=dict)
    written: list = field(default_factory=list)  # the updates written, when committed

    @property
    def ok(self) -> bool:
        return not self.problems and not self.conflicts

    @property
    def changes(self) -> int:
        return self.counts["create"] + self.counts["change"]

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def need_evidence(self) -> list:
        return [row for row in self.rows if row.needs_evidence]


def check_workbook(path, *, actor, scope: Scope | None = None, progress=None) -> WorkbookReport:
    """The preview: what uploading the workbook would do, and every problem; writes nothing.
    `scope` is what the page asks for (None: the workbook's own, e.g. the command line)."""
    return _Reading(actor, scope, progress=progress).run(path)


def import_workbook(
    path, *, actor, scope: Scope | None = None, expected=None, left_alone=(), progress=None
) -> WorkbookReport:
    """Checks the workbook and, when it has no problem and no conflict, writes its rows: all or
    none. `expected` ({activity id: version}) are the versions the preview read; a row whose
    update moved on since is a conflict, to be left alone (`left_alone`) once confirmed again.
    Without `expected` (the command line) the versions read now are expected."""
    reading = _Reading(actor, scope, expected=expected, left_alone=left_alone, progress=progress)
    report = reading.run(path)
    if report.ok and report.changes:
        with changelog.request_scope(), transaction.atomic():
            reading.write(report)
            if not report.ok:
                transaction.set_rollback(True)
        report.committed = report.ok
    return report


def scope_of(uploaded, actor) -> Scope:
    """The scope the workbook names, as `actor` may use it; FileProblem when it is gone or not
    the actor's to upload."""
    period = ReportingPeriod.objects.select_related("plan").filter(pk=uploaded.period_id).first()
    if period is None:
        raise FileProblem([gettext("This workbook's reporting period no longer exists.")])
    party = None
    if uploaded.party_code != ALL:
        party = Party.objects.filter(code=uploaded.party_code).first()
        if party is None:
            raise FileProblem([
                gettext("This workbook's party (%(code)s) is unknown.")
                % {"code": uploaded.party_code}
            ])  # fmt: skip
    scope = Scope(period, party)
    if not may_upload(actor, scope):
        raise FileProblem([_not_yours(_naming(scope, uploaded), actor)])
    return scope


def _not_yours(workbook: str, actor) -> str:
    if actor.party_id:
        return gettext("This workbook is %(workbook)s; you report for %(party)s.") % {
            "workbook": workbook, "party": actor.party.name,
        }  # fmt: skip
    return gettext("This workbook is %(workbook)s; you report for none.") % {"workbook": workbook}


def may_upload(user, scope: Scope) -> bool:
    """The Secretariat uploads any party's workbook, and the one of all parties; a focal point
    only its own party's."""
    if user.is_secretariat:
        return True
    return user.is_focal_point and scope.party is not None and scope.party.pk == user.party_id


def _naming(scope: Scope, uploaded) -> str:
    """Whose workbook, for which period and plan, downloaded by whom and when."""
    when = str(uploaded.about.get("Downloaded at") or "")[:10]
    facts = {
        "party": scope.party.name if scope.party else "",
        "period": scope.period.name,
        "plan": scope.period.plan.short_title,
        "who": uploaded.about.get("Downloaded by") or gettext("someone"),
        "day": _day(when) if when else "",
    }
    return NAMING[scope.party is not None, bool(when)] % facts


# (of one party, when the download is dated)
NAMING = {
    (True, True): gettext_lazy(
        "%(party)s's for %(period)s (%(plan)s, downloaded by %(who)s on %(day)s)"
    ),
    (True, False): gettext_lazy("%(party)s's for %(period)s (%(plan)s, downloaded by %(who)s)"),
    (False, True): gettext_lazy(
        "every party's for %(period)s (%(plan)s, downloaded by %(who)s on %(day)s)"
    ),
    (False, False): gettext_lazy("every party's for %(period)s (%(plan)s, downloaded by %(who)s)"),
}


def _elsewhere(workbook: str, asked: Scope) -> str:
    """A workbook uploaded on the page of another party or period than its own."""
    facts = {"workbook": workbook, "party": asked.party.name if asked.party else "",
             "period": asked.period.name}  # fmt: skip
    if asked.party is None:
        return (
            gettext(
                "This workbook is %(workbook)s; this page takes every party's for %(period)s. "
                "Upload it from its own page, or download the right one."
            )
            % facts
        )
    return (
        gettext(
            "This workbook is %(workbook)s; this page takes %(party)s's for %(period)s. Upload it "
            "from its own page, or download the right one."
        )
        % facts
    )


def _day(iso: str) -> str:
    try:
        return date_label(datetime.date.fromisoformat(iso))
    except ValueError:
        return iso


@dataclass
class _Row:
    cells: object
    line: Line | None
    current: ProgressUpdate | None
    data: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    outcome: RowOutcome | None = None


class _Reading:
    def __init__(self, actor, scope, *, expected=None, left_alone=(), progress=None):
        self.actor, self.asked = actor, scope
        self.expected, self.left_alone = expected, set(left_alone)
        self.progress = progress or (lambda stage, done, total: None)
        self.pending: list[_Row] = []

    def run(self, path) -> WorkbookReport:
        report = WorkbookReport()
        try:
            self._run(path, report)
        except FileProblem as problem:
            report.problems += [Problem(None, None, message) for message in problem.messages]
        return report

    def _run(self, path, report: WorkbookReport) -> None:
        self.progress("Reading", 0, 1)
        uploaded = read_workbook(path)
        scope = scope_of(uploaded, self.actor)
        if self.asked is not None and (
            scope.period.pk != self.asked.period.pk or scope.party_code != self.asked.party_code
        ):
            raise FileProblem([_elsewhere(_naming(scope, uploaded), self.asked)])
        report.scope, report.total = scope, len(uploaded.rows)
        owed = {line.activity.pk: line for line in lines(scope, self.actor)}
        current = _current(scope.period, [c.activity_id for c in uploaded.rows if c.activity_id])
        for done, cells in enumerate(uploaded.rows, start=1):
            line = owed.get(cells.activity_id)
            party_id = line.activity.lead_party_id if line else None
            row = _Row(cells, line, current.get((cells.activity_id, party_id)))
            self._check(row, report, current)
            self.progress("Checking", done, report.total)

    # One row

    def _check(self, row: _Row, report: WorkbookReport, current: dict) -> None:
        cells = row.cells
        if not cells.read_only_then:
            report.problems.append(Problem(cells.number, "Code", str(_STRAY)))
            return
        problems = _read_only_problems(cells)
        if problems:
            report.problems += problems
            return
        touched = _touched(cells)
        if row.line is None:
            if touched:
                self._not_owed(row, report, current)
            return
        if not touched or cells.activity_id in self.left_alone:
            self._outcome(row, report, "unchanged")
            return
        if self._conflict(row, report):
            return
        problems = self._read_inputs(row)
        if problems:
            report.problems += problems
            return
        changes = _changes(row)
        kind = "unchanged" if not changes else "change" if _has_draft(row) else "create"
        self._outcome(row, report, kind, changes)
        if kind != "unchanged":
            self.pending.append(row)

    def _not_owed(self, row: _Row, report, current) -> None:
        cells = row.cells
        sent = [
            u for (activity_id, _), u in current.items()
            if activity_id == cells.activity_id and u.status in (Status.SUBMITTED, Status.ACCEPTED)
        ]  # fmt: skip
        if sent:
            message = _moved_on(sent[0], cells.code, DOWNLOAD)
            report.conflicts.append(Conflict(cells.number, cells.code, message))
            return
        message = gettext(
            "%(code)s no longer owes an update for %(period)s (it was archived, cancelled or "
            "moved); this row cannot be read."
        ) % {"code": cells.code, "period": report.scope.period.name}
        report.problems.append(Problem(cells.number, "Code", message))

    def _conflict(self, row: _Row, report: WorkbookReport) -> bool:
        """A row whose update moved on since the download, or since the preview, is left as it
        is."""
        cells, current = row.cells, row.current
        version = current.version if current else 0
        report.versions[cells.activity_id] = version
        seen = cells.version
        if current is not None and not row.line.update and version == actions.FIRST_VERSION:
            seen = version  # an empty draft opened meanwhile is filled in (`write_update`)
        if self.expected is not None:
            seen = self.expected.get(cells.activity_id, -1)
        if version == seen and (current is None or current.is_editable):
            return False
        when = PREVIEW if self.expected is not None else DOWNLOAD
        if current is not None and row.line.update is None and current.status == Status.DRAFT:
            message = gettext(
                "%(party)s has a draft of its own for %(code)s, not shown to you; this row is "
                "left as it is."
            ) % {"party": current.party.name, "code": cells.code}
        else:
            message = _moved_on(current, cells.code, when)
        report.conflicts.append(Conflict(cells.number, cells.code, message))
        return True

    def _read_inputs(self, row: _Row) -> list[Problem]:
        """The typed values, read cell by cell, then the actions' rules on them."""
        cells, problems = row.cells, []
        raw = dict(zip([n for n, _, _ in INPUTS], cells.inputs[: len(INPUTS)], strict=True))
        for name, _, _ in INPUTS:
            try:
                row.data[name] = READERS[name](raw[name])
            except ValueError as error:
                problems.append(Problem(cells.number, HEADER_OF[name], str(error)))
        for number, indicator in enumerate(row.line.indicators, start=1):
            try:
                row.values[indicator.pk] = _number(
                    cells.inputs[len(INPUTS) + number - 1], indicator
                )
            except ValueError as error:
                problems.append(Problem(cells.number, _value_column(row, number), str(error)))
        if problems:
            return problems
        draft = ProgressUpdate(activity=row.line.activity, **row.data)
        errors = actions.update_problems(draft, row.values, {i.pk: i for i in row.line.indicators})
        return _problems(row, errors)

    def _outcome(self, row: _Row, report: WorkbookReport, kind: str, changes=()) -> None:
        activity = row.line.activity
        evidence = row.current is not None and row.current.evidence_count > 0
        outcome = RowOutcome(
            row.cells.number, activity.code, activity.title, activity.lead_party.code, kind,
            list(changes), needs_evidence=kind != "unchanged" and not evidence,
        )  # fmt: skip
        row.outcome = outcome
        report.counts[kind] += 1
        if kind != "unchanged":
            report.rows.append(outcome)

    # Writing

    def write(self, report: WorkbookReport) -> None:
        """Writes every pending row through the actions; a refusal or a conflict rolls all
        back (the caller's transaction)."""
        period = report.scope.period
        for done, row in enumerate(self.pending, start=1):
            try:
                with transaction.atomic():
                    report.written.append(self._write(row, period))
            except records.EditConflict:
                now = _current(period, [row.cells.activity_id]).get(_key(row))
                message = _moved_on(now, row.cells.code, PREVIEW)
                report.conflicts.append(Conflict(row.cells.number, row.cells.code, message))
            except (ValidationError, PermissionDenied) as refused:
                errors = getattr(refused, "message_dict", {None: [str(refused)]})
                report.problems += _problems(row, errors)
            self.progress("Writing", done, len(self.pending))

    def _write(self, row: _Row, period) -> ProgressUpdate:
        activity, party = row.line.activity, row.line.activity.lead_party
        on_behalf = party.pk != self.actor.party_id
        if row.current is None or row.line.update is None:
            return actions.write_update(
                activity, period, row.data, row.values, actor=self.actor,
                party=party if on_behalf else None,
            )  # fmt: skip
        return actions.save_update(
            row.current, row.data, row.values, actor=self.actor, on_behalf=on_behalf,
            expected_version=self.expected.get(activity.pk, row.current.version)
            if self.expected is not None else row.current.version,
        )  # fmt: skip


def _key(row: _Row) -> tuple[int, int]:
    return row.line.activity.pk, row.line.activity.lead_party_id


_STRAY = gettext_lazy(
    "This row was not in the workbook as downloaded; the workbook reports only on the updates "
    "owed when it was downloaded. Remove the row, or download the workbook again."
)
# When a row's update moved on: since the download, or since the preview of this upload.
DOWNLOAD, PREVIEW = "download", "preview"


def _current(period, activity_ids: list[int]) -> dict:
    """The updates of the period on these activities, by (activity id, party id), whoever may
    see them (a conflict must be found even in a draft the reader is not shown)."""
    rows = (
        ProgressUpdate.objects.filter(period=period, activity_id__in=activity_ids)
        .select_related("party", "submitted_by")
        .prefetch_related("values")
        .annotate(evidence_count=_evidence_count())
    )
    return {(u.activity_id, u.party_id): u for u in rows}


def _evidence_count():
    return Count("evidence", filter=Q(evidence__archived_at__isnull=True), distinct=True)


def _read_only_headers(indicators: int) -> list[str]:
    names = [header for _, header, _ in READ_ONLY]
    for number in range(1, indicators + 1):
        names += indicator_headers(number)[:2]
    return names


def _read_only_problems(cells) -> list[Problem]:
    problems = []
    for header, now, then in zip(
        _read_only_headers(cells.indicators), cells.read_only, cells.read_only_then, strict=False
    ):
        if now != then:
            problems.append(Problem(
                cells.number, header,
                gettext(
                    "this column is read-only: it read “%(then)s” when downloaded, now "
                    "“%(now)s”. Put it back (or download the workbook again)."
                ) % {"then": then, "now": now},
            ))  # fmt: skip
    return problems


def _touched(cells) -> bool:
    return [comparable_cell(value) for value in cells.inputs] != cells.inputs_then


def _has_draft(row: _Row) -> bool:
    return row.current is not None and row.line.update is not None


def _moved_on(update, code: str, when: str) -> str:
    """Why a row is left as it is: its update moved on since the download or the preview."""
    facts = {"code": code}
    if update is None or update.pk is None:
        return MOVED_ON["gone", when] % facts
    facts |= {"party": update.party.name}
    if update.status in (Status.SUBMITTED, Status.ACCEPTED):
        who = update.submitted_by.get_full_name() if update.submitted_by_id else ""
        facts |= {"state": str(update.get_status_display()).lower(), "who": who}
        return MOVED_ON["sent_by" if who else "sent", when] % facts
    return MOVED_ON["changed", when] % facts


MOVED_ON = {
    ("gone", DOWNLOAD): gettext_lazy(
        "%(code)s: its update is gone since your download; this row is left as it is."
    ),
    ("gone", PREVIEW): gettext_lazy(
        "%(code)s: its update is gone since your preview; this row is left as it is."
    ),
    ("sent", DOWNLOAD): gettext_lazy(
        "%(party)s's update on %(code)s was %(state)s since your download; this row is left "
        "as it is (open the update online to see it)."
    ),
    ("sent", PREVIEW): gettext_lazy(
        "%(party)s's update on %(code)s was %(state)s since your preview; this row is left "
        "as it is (open the update online to see it)."
    ),
    ("sent_by", DOWNLOAD): gettext_lazy(
        "%(party)s's update on %(code)s was %(state)s by %(who)s since your download; this row "
        "is left as it is (open the update online to see it)."
    ),
    ("sent_by", PREVIEW): gettext_lazy(
        "%(party)s's update on %(code)s was %(state)s by %(who)s since your preview; this row "
        "is left as it is (open the update online to see it)."
    ),
    ("changed", DOWNLOAD): gettext_lazy(
        "%(party)s's update on %(code)s was changed online since your download; this row is "
        "left as it is. Download the workbook again to see the change."
    ),
    ("changed", PREVIEW): gettext_lazy(
        "%(party)s's update on %(code)s was changed online since your preview; this row is "
        "left as it is. Download the workbook again to see the change."
    ),
}


def _value_column(row: _Row, number: int) -> str:
    indicator = row.line.indicators[number - 1]
    return f"{indicator_headers(number)[2]} ({indicator.name})"


def _problems(row: _Row, errors: dict) -> list[Problem]:
    columns = {f"indicator_{i.pk}": _value_column(row, n)
               for n, i in enumerate(row.line.indicators, start=1)}  # fmt: skip
    found = []
    for name, messages in errors.items():
        column = (
            None
            if name in (None, NON_FIELD_ERRORS)
            else HEADER_OF.get(name) or columns.get(name, name)
        )
        found += [Problem(row.cells.number, column, message) for message in messages]
    return found


# What a cell holds


def _text(value) -> str:
    if isinstance(value, str) and (value in ERROR_CODES or value.startswith("=")):
        raise ValueError(
            gettext(
                "the cell holds a formula or its error (%(value)s); type the text or number itself."
            )
            % {"value": value}
        )
    return "" if value is None else unneutralise(str(value)).replace("\r\n", "\n").strip()


def _percent(value) -> int | None:
    text = _text(value).removesuffix("%").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(
            gettext("“%(text)s” is not a number; type a whole number from 0 to 100.")
            % {"text": _text(value)}
        ) from None
    shown = f"{number.normalize():f}"
    if number != number.to_integral_value():
        raise ValueError(
            gettext("%(number)s is not a whole number; type a whole number from 0 to 100.")
            % {"number": shown}
        )
    if number > 100:
        raise ValueError(gettext("%(number)s is above 100.") % {"number": shown})
    if number < 0:
        raise ValueError(gettext("%(number)s is below 0.") % {"number": shown})
    return int(number)


def _status(value) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        return STATUS_BY_NAME[normal(text)]
    except KeyError:
        labels = ", ".join(file_labels(Activity.Status).values())
        raise ValueError(
            gettext("“%(text)s” is not a status; choose one of %(labels)s.")
            % {"text": text, "labels": labels}
        ) from None


READERS = {"narrative": _text, "percent_complete": _percent, "reported_status": _status,
           "links": _text}  # fmt: skip


def _number(value, indicator: Indicator) -> Decimal | None:
    text = _text(value)
    if not text:
        return None
    if indicator.unit == Indicator.Unit.YES_NO:
        if normal(text) in YES:
            return Decimal(1)
        if normal(text) in NO:
            return Decimal(0)
        raise ValueError(gettext("“%(text)s” is not an answer; type Yes or No.") % {"text": text})
    if indicator.unit == Indicator.Unit.PERCENTAGE:
        text = text.removesuffix("%").strip()
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(
            gettext("“%(value)s” is not a number: type digits only, such as 30 or 12.5.")
            % {"value": text}
        ) from None
    if not number.is_finite():
        raise ValueError(gettext("“%(value)s” is not a number.") % {"value": text})
    return number.quantize(Decimal("0.01"))


# What changes


def _changes(row: _Row) -> list[tuple[str, str, str]]:
    update = row.current if _has_draft(row) else None
    empty = {"narrative": "", "percent_complete": None, "reported_status": "", "links": ""}
    before = {name: getattr(update, name) if update else empty[name] for name in empty}
    changes = [
        (HEADER_OF[name], _shown(name, before[name]), _shown(name, row.data[name]))
        for name, _, _ in INPUTS
        if before[name] != row.data[name]
    ]
    values = {v.indicator_id: v.value for v in update.values.all()} if update else {}
    for number, indicator in enumerate(row.line.indicators, start=1):
        old, new = values.get(indicator.pk), row.values.get(indicator.pk)
        if old != new:
            changes.append((_value_column(row, number), _shown_number(old), _shown_number(new)))
    return changes


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return gettext("(blank)")
    if name == "reported_status":
        return str(Activity.Status(value).label)
    return str(value)


def _shown_number(value) -> str:
    return gettext("(blank)") if value is None else f"{Decimal(value).normalize():f}"
