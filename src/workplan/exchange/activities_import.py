"""Importing the activity register from Excel: a dry run that says, row by row, what would be
created, updated or left unchanged (and each problem, by row and column), then the import
itself, all or nothing.

- A row is matched to an activity of the plan by its code; a row without a code is new (its
  code is proposed). Re-importing a file changes nothing: an unchanged row is not written and
  its version stays.
- Every check is a rule that already exists: the model's (`Activity.full_clean`,
  `relation_problems`) and the access rules (`access.can`), asked through
  `plans.bulk_actions`; a focal point imports only activities its party leads.
- The file is read once, a chunk of rows at a time, each chunk with a few queries: the
  vocabularies (areas, parties, commitments, funding sources) are read once per import, the
  chunk's activities by code in one query. Memory does not grow with the file: only the report
  is kept (its shown rows and problems are capped); the codes seen, to name a code given twice,
  go to a temporary file.
- The import checks and writes in the same reading, in one transaction grouped under one
  request id in the change log: each chunk goes through `plans.bulk_actions.import_activities`
  while the file has shown no problem; after the first one the rest is only checked, so every
  problem is reported, and everything is rolled back. New rows without a code are written last,
  in a second reading, so the codes proposed for them cannot take a code a later row names.
"""

import contextlib
import gc
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from workplan.core import access, changelog, records
from workplan.core.access import ADD_ACTIVITY
from workplan.core.formats import moment_label
from workplan.exchange.activities_xlsx import FileProblem, open_register
from workplan.exchange.activity_columns import (
    COLUMNS,
    CellError,
    Vocabulary,
    current_values,
    read_cell,
    same,
    shown,
)
from workplan.plans import bulk_actions
from workplan.plans.models import Activity, WorkPlan

CHUNK = 500
MAX_SHOWN = 1000
MAX_PROBLEMS = 500
HEADER_OF = {column.field: column.header for column in COLUMNS}
READ_ORDER = ["area", *[c.field for c in COLUMNS if c.field != "area"]]


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = gettext("Row %(row)s") % {"row": self.row} if self.row else None
        place = ", ".join(filter(None, [row, self.column]))
        return f"{place}: {self.message}" if place else self.message


@dataclass
class RowOutcome:
    """What one row does: create, update (with the changes) or nothing."""

    row: int
    code: str
    title: str
    kind: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Conflict:
    """A row left as it is: its record was saved by someone else since the file was read (the
    preview, or the download of a reporting workbook)."""

    row: int
    code: str
    message: str


@dataclass
class ImportReport:
    plan: WorkPlan
    committed: bool = False
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # {activity id: version} of every activity a row matched, as read: what a confirmation
    # of this preview expects to find (see `import_file`)
    versions: dict[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0 and not self.conflicts

    @property
    def changes(self) -> int:
        return self.counts["create"] + self.counts["update"]

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def add_row(self, outcome: RowOutcome) -> None:
        self.counts[outcome.kind] += 1
        if outcome.kind != "unchanged" and len(self.rows) < MAX_SHOWN:
            self.rows.append(outcome)


KINDS = ("create", "update", "unchanged")


def check_file(plan: WorkPlan, path, *, actor, progress=None) -> ImportReport:
    """The dry run: what importing the file would do, and every problem; writes nothing."""
    return _Import(plan, actor, progress).run(path, write=False)


def import_file(
    plan: WorkPlan, path, *, actor, progress=None, expected=None, left_alone=()
) -> ImportReport:
    """Checks the file and imports it in the same reading if it has no problem: all rows or
    none.

    `expected` ({activity id: version}) holds the versions a preview read: a row whose activity
    was saved since (or that matches an activity the preview did not see) is a conflict, and
    then nothing is written; the report names each conflict, and its `versions` are what a new
    confirmation expects, the conflicting rows to be left alone (`left_alone`, activity ids).
    Without `expected` (the command line) the versions are those read in this same reading."""
    with changelog.request_scope(), transaction.atomic():
        run = _Import(plan, actor, progress, expected=expected, left_alone=left_alone)
        report = run.run(path, write=True)
        if not report.committed:
            transaction.set_rollback(True)
    return report


@dataclass
class _Row:
    """One row being checked: its values, the activity it updates, what it does, its problems."""

    number: int
    data: dict
    activity: Activity | None
    kind: str
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    conflict: bool = False

    @property
    def pending(self) -> bool:
        """A create or an update with no problem so far: the rules and access decide."""
        return self.kind != "unchanged" and not self.problems and not self.conflict

    @property
    def later(self) -> bool:
        """A new row without a code: written after the others (see the module's docstring)."""
        return self.activity is None and not self.data["code"]


class _Import:
    def __init__(self, plan: WorkPlan, actor, progress, *, expected=None, left_alone=()):
        if not access.can(actor, ADD_ACTIVITY, plan):
            raise PermissionDenied(gettext("You may not import activities into this plan."))
        # with its parties loaded once, for the model's rules on every row
        self.plan = WorkPlan.objects.prefetch_related("parties").get(pk=plan.pk)
        self.actor = actor
        self.progress = progress or (lambda stage, done, total: None)
        self.count = progress is not None  # a progress bar needs the number of rows
        self.vocabulary = Vocabulary(self.plan)
        self.later = 0
        self.expected = expected
        self.left_alone = set(left_alone)

    def run(self, path, *, write: bool) -> ImportReport:
        report = ImportReport(self.plan)
        with _collecting_new_objects_only():  # from the opening: it leaves garbage to collect
            self._run(path, report, write=write)
        report.committed = write and report.ok and report.changes > 0
        return report

    def _run(self, path, report: ImportReport, *, write: bool) -> None:
        try:
            self._read_file(path, report, write=write)
        except FileProblem as problem:
            for message in problem.messages:
                report.add_problem(Problem(None, None, message))

    def _read_file(self, path, report: ImportReport, *, write: bool) -> None:
        sheet = open_register(path, count=self.count)
        report.total, report.ignored_columns = sheet.total, sheet.ignored_columns
        stage = "Importing" if write else "Checking"
        with closing(sheet), closing(_CodesSeen()) as self.codes:
            for chunk in self._chunks(sheet, stage, report):
                self._check(chunk, report, write=write and report.ok)
        if write and report.ok and self.later:
            self._write_later(path, report)

    # Rows

    def _chunks(self, sheet, stage: str, report: ImportReport):
        """Lists of up to CHUNK (row number, cells), with progress."""
        done = 0
        self.progress(stage, done, sheet.total)
        while chunk := list(islice(sheet.rows, CHUNK)):
            yield chunk
            done += len(chunk)
            report.total = done
            self.progress(stage, done, max(sheet.total, done))

    def _check(self, chunk, report: ImportReport, *, write: bool) -> None:
        """Reads and checks a chunk, and writes it when `write`; reports each row in order."""
        existing = self._existing([_code(cells) for _, cells in chunk])
        rows = [self._read(number, cells, existing.get(_code(cells))) for number, cells in chunk]
        self._identify(rows)
        self._compare_versions(rows, report)
        pending = [row for row in rows if row.pending]
        self.later += sum(row.later for row in pending)
        if write and not report.conflicts and not any(row.problems for row in rows):
            self._write([row for row in pending if not row.later])
            self._ask([row for row in pending if row.later])
        else:
            self._ask(pending)
        for row in rows:
            for problem in row.problems:
                report.add_problem(problem)
            if not row.problems and not row.conflict:
                outcome = RowOutcome(
                    row.number, row.data["code"], row.data["title"], row.kind, row.changes
                )
                report.add_row(outcome)

    def _existing(self, codes: list[str]) -> dict[str, Activity]:
        activities = (
            Activity.objects.filter(plan=self.plan, code__in=[c for c in codes if c])
            .select_related("area", "lead_party", "funding_source")
            .prefetch_related("commitments", "partner_parties")
        )
        found = {activity.code: activity for activity in activities}
        rows = Activity.objects.filter(pk__in=[activity.pk for activity in found.values()])
        visible = set(access.restrict(rows, self.actor).values_list("pk", flat=True))
        for activity in found.values():
            activity.plan = self.plan
            activity.visible = activity.pk in visible
        return found

    def _read(self, number, cells, activity) -> _Row:
        """A row's values, with the problems of its cells."""
        problems = []
        data = self._data(number, cells, problems)
        kind = "create" if activity is None else "unchanged"  # until its changes are known
        return _Row(number, data, activity, kind, [], problems)

    def _identify(self, rows: list[_Row]) -> None:
        """Each row's code (given once per file, not an activity the user may not see), then
        what the row does: create, update (with the changes) or nothing."""
        first = self.codes.rows_of([row.data["code"] for row in rows if row.data["code"]])
        new = {}
        for row in rows:
            code = row.data["code"]
            if code and code not in first:
                first[code] = new[code] = row.number
            row.problems += self._identity(row, first.get(code))
            if row.activity is not None:
                row.changes = [] if row.problems else self._changes(row.activity, row.data)
                row.kind = "update" if row.changes else "unchanged"
        self.codes.add(new)

    def _compare_versions(self, rows: list[_Row], report: ImportReport) -> None:
        """Records the version of each matched activity; against a preview's versions, a row
        whose activity was saved since is a conflict, left alone from then on."""
        matched = [row for row in rows if row.activity is not None and not row.problems]
        for row in matched:
            pk, version = row.activity.pk, row.activity.version
            report.versions[pk] = version
            if pk in self.left_alone:
                row.conflict, row.kind = True, "unchanged"
            elif self.expected is not None and self.expected.get(pk) != version:
                row.conflict, row.kind = True, "unchanged"
                message = _changed_since(row.activity, self.expected.get(pk))
                report.conflicts.append(Conflict(row.number, row.activity.code, message))

    def _data(self, number, cells, problems) -> dict:
        data = {}
        for name in READ_ORDER:
            try:
                data[name] = read_cell(name, cells[name], self.vocabulary, data.get("area"))
            except CellError as error:
                data[name] = None
                problems.append(Problem(number, HEADER_OF[name], str(error)))
        return data

    def _identity(self, row: _Row, first: int | None) -> list[Problem]:
        code = row.data["code"]
        if not code:
            return []
        if first != row.number:
            message = gettext("%(code)s is also in row %(first)s; each code once per file.") % {
                "code": code, "first": first,
            }  # fmt: skip
            return [Problem(row.number, "Code", message)]
        if row.activity is not None and not row.activity.visible:
            message = gettext(
                "The code %(code)s is used in this plan by an activity you may not see; leave the "
                "code blank for a new activity."
            ) % {"code": code}
            return [Problem(row.number, "Code", message)]
        return []

    def _changes(self, activity, data) -> list[tuple[str, str, str]]:
        before = current_values(activity)
        return [
            (HEADER_OF[name], shown(name, before[name]), shown(name, data[name]))
            for name in HEADER_OF
            if not same(name, before[name], data[name])
        ]

    # The rules, and the writes

    def _ask(self, rows: list[_Row]) -> None:
        """The access rules and the activity's rules, without writing."""
        if rows:
            pairs = [(row.activity, row.data) for row in rows]
            self._refused(rows, bulk_actions.import_problems(self.plan, pairs, actor=self.actor))

    def _write(self, rows: list[_Row]) -> None:
        """Writes the rows through the bulk action, which checks the same rules first."""
        if not rows:
            return
        try:
            bulk_actions.import_activities(
                self.plan, [(row.activity, row.data) for row in rows], actor=self.actor
            )
        except bulk_actions.RowsRefused as refused:
            self._refused(rows, refused.problems)

    def _refused(self, rows: list[_Row], problems: dict[int, dict]) -> None:
        for index, errors in problems.items():
            rows[index].problems += _problems(rows[index].number, errors)

    def _write_later(self, path, report: ImportReport) -> None:
        """Writes the new rows without a code, already checked, reading the file again."""
        sheet = open_register(path)
        sheet.total = self.later
        with closing(sheet):
            while chunk := list(islice(sheet.rows, CHUNK)):
                rows = [
                    _Row(number, self._data(number, cells, []), None, "create")
                    for number, cells in chunk
                    if not _code(cells)
                ]
                self._write(rows)
                for row in rows:
                    for problem in row.problems:
                        report.add_problem(problem)


@contextlib.contextmanager
def _collecting_new_objects_only():
    """Sets the objects made before the import aside from Python's garbage collector while it
    runs (`gc.freeze`), then gives them back. Each chunk's objects live long enough to reach
    the oldest generation, so an import triggers a full collection every thousand rows or so,
    and each walks every object of the process: about a tenth of the import's time at 10,000
    rows. The import's own garbage is still collected as usual. Left alone when someone else
    has frozen objects, whose freeze this would undo."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _CodesSeen:
    """The code of each row read so far, with its row number, to name a code given twice. Kept
    in a private temporary SQLite database on disk (its page cache is bounded), not in memory,
    so that memory does not grow with the file."""

    def __init__(self):
        self.db = sqlite3.connect("")  # deleted when closed
        self.db.execute("CREATE TABLE seen (code TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID")

    def rows_of(self, codes: list[str]) -> dict[str, int]:
        """The row of each of `codes` seen so far."""
        query = "SELECT code, row FROM seen WHERE code IN (SELECT value FROM json_each(?))"
        return dict(self.db.execute(query, (json.dumps(codes),)))

    def add(self, rows: dict[str, int]) -> None:
        self.db.executemany("INSERT INTO seen VALUES (?, ?)", rows.items())

    def close(self) -> None:
        self.db.close()


def _changed_since(activity: Activity, version: int | None) -> str:
    """Who saved the activity since the preview, and when."""
    if version is None:
        return gettext(
            "%(code)s was added by someone else since your preview; this row is left as it is."
        ) % {"code": activity.code}
    latest = records.changes_since(activity, version)[-1:]
    if not latest:
        return gettext(
            "%(code)s was changed since your preview; this row is left as it is. Export the "
            "register again to see the change."
        ) % {"code": activity.code}
    return gettext(
        "%(code)s was changed by %(who)s at %(moment)s since your preview; this row is left as "
        "it is. Export the register again to see the change."
    ) % {
        "code": activity.code,
        "who": latest[0].actor_label,
        "moment": moment_label(latest[0].timestamp),
    }


def _code(cells: dict) -> str:
    """The row's code as its data will hold it."""
    return read_cell("code", cells["code"], None)


def _problems(number: int, errors: dict) -> list[Problem]:
    problems = []
    for name, messages in errors.items():
        label = (name or "").replace("_", " ").capitalize()
        column = None if name in (None, NON_FIELD_ERRORS) else HEADER_OF.get(name, label)
        problems += [Problem(number, column, message) for message in messages]
    return problems
