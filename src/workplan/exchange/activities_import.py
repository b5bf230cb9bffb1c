"""Importing the activity register from Excel: a dry run that says, row by row, what would be
created, updated or left unchanged (and each problem, by row and column), then the import
itself, all or nothing.

- A row is matched to an activity of the plan by its code; a row without a code is new (its
  code is proposed). Re-importing a file changes nothing: an unchanged row is not written and
  its version stays.
- Every check is a rule that already exists: the model's (`Activity.full_clean`,
  `relation_problems`) and the access rules (`access.can`); a focal point imports only
  activities its party leads.
- The import writes every row through `plans.actions` in one transaction, grouped under one
  request id in the change log; any refusal rolls back the whole file.
- Rows are read and checked in chunks, so memory does not grow with the file.
"""

import copy
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from workplan.core import access, changelog
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
from workplan.plans import actions
from workplan.plans.access import ADD_ACTIVITY, CHANGE, LEAD
from workplan.plans.models import Activity, WorkPlan

CHUNK = 500
MAX_SHOWN = 1000
MAX_PROBLEMS = 500
HEADER_OF = {column.field: column.header for column in COLUMNS}
READ_ORDER = ["area", *[c.field for c in COLUMNS if c.field != "area"]]
NOT_CHECKED = ["plan", "area", "lead_party", "funding_source"]  # resolved from the sheet


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = ", ".join(filter(None, [f"Row {self.row}" if self.row else None, self.column]))
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
class ImportReport:
    plan: WorkPlan
    committed: bool = False
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

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
    return _Import(plan, actor, progress).check(path)


def import_file(plan: WorkPlan, path, *, actor, progress=None) -> ImportReport:
    """Checks the file, then imports it if it has no problem: all rows or none."""
    report = check_file(plan, path, actor=actor, progress=progress)
    if not report.ok or not report.changes:
        return report
    return _Import(plan, actor, progress).commit(path, report)


class _Import:
    def __init__(self, plan: WorkPlan, actor, progress):
        if not access.can(actor, ADD_ACTIVITY, plan):
            raise PermissionDenied("You may not import activities into this plan.")
        # with its parties loaded once, for the model's rules on every row
        self.plan = WorkPlan.objects.prefetch_related("parties").get(pk=plan.pk)
        self.actor = actor
        self.progress = progress or (lambda stage, done, total: None)
        self.count = progress is not None  # a progress bar needs the number of rows
        self.vocabulary = Vocabulary(plan)
        self.codes: dict[str, int] = {}
        self.read = 0

    def check(self, path) -> ImportReport:
        report = ImportReport(self.plan)
        try:
            sheet = open_register(path, count=self.count)
        except FileProblem as problem:
            for message in problem.messages:
                report.add_problem(Problem(None, None, message))
            return report
        report.total, report.ignored_columns = sheet.total, sheet.ignored_columns
        try:
            for number, cells, activity in self._rows(sheet, "Checking"):
                outcome = self._outcome(number, cells, activity, report)
                if outcome:
                    report.add_row(outcome)
        finally:
            sheet.close()
        report.total = self.read
        return report

    def commit(self, path, report: ImportReport) -> ImportReport:
        """Writes the changed rows through the actions; new rows without a code go last, so
        the codes proposed for them cannot take a code that a later row names."""
        self.codes.clear()
        sheet = open_register(path)
        sheet.total = report.total
        try:
            with changelog.request_scope(), transaction.atomic():
                later = []
                for number, cells, activity in self._rows(sheet, "Importing"):
                    data = self._data(number, cells, [])
                    if activity is None and not data["code"]:
                        later.append((number, data))
                    elif activity is None or self._changes(activity, data):
                        self._write(number, data, activity, report)
                for number, data in later:
                    self._write(number, data, None, report)
                report.committed = report.ok
                if not report.ok:
                    transaction.set_rollback(True)
        finally:
            sheet.close()
        return report

    # Rows

    def _rows(self, sheet, stage: str):
        """(row number, cells, the plan's activity with that code or None), chunk by chunk."""
        done = 0
        self.progress(stage, done, sheet.total)
        while chunk := list(islice(sheet.rows, CHUNK)):
            existing = self._existing([_code(cells) for _, cells in chunk])
            for number, cells in chunk:
                yield number, cells, existing.get(_code(cells))
            done += len(chunk)
            self.read = done
            self.progress(stage, done, max(sheet.total, done))

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

    def _outcome(self, number, cells, activity, report) -> RowOutcome | None:
        problems = []
        data = self._data(number, cells, problems)
        problems += self._identity(number, data, activity)
        changes = self._changes(activity, data) if activity and not problems else []
        kind = "create" if activity is None else "update" if changes else "unchanged"
        if not problems and kind != "unchanged":
            problems += self._allowed(number, data, activity) + self._rules(number, data, activity)
        for problem in problems:
            report.add_problem(problem)
        if problems:
            return None
        return RowOutcome(number, data["code"], data["title"], kind, changes)

    def _data(self, number, cells, problems) -> dict:
        data = {}
        for name in READ_ORDER:
            try:
                data[name] = read_cell(name, cells[name], self.vocabulary, data.get("area"))
            except CellError as error:
                data[name] = None
                problems.append(Problem(number, HEADER_OF[name], str(error)))
        return data

    def _identity(self, number, data, activity) -> list[Problem]:
        code = data["code"]
        if not code:
            return []
        if code in self.codes:
            message = f"{code} is also in row {self.codes[code]}; each code once per file."
            return [Problem(number, "Code", message)]
        self.codes[code] = number
        if activity is not None and not activity.visible:
            message = (
                f"The code {code} is used in this plan by an activity you may not see; "
                "leave the code blank for a new activity."
            )
            return [Problem(number, "Code", message)]
        return []

    def _changes(self, activity, data) -> list[tuple[str, str, str]]:
        before = current_values(activity)
        return [
            (HEADER_OF[name], shown(name, before[name]), shown(name, data[name]))
            for name in HEADER_OF
            if not same(name, before[name], data[name])
        ]

    def _allowed(self, number, data, activity) -> list[Problem]:
        """Access rules: may the user change this activity, and give it this lead party?"""
        user, party = self.actor, self.actor.party
        if activity is not None and not access.can(user, CHANGE, activity):
            message = (
                f"{activity.code} is archived; the Secretariat must restore it first."
                if activity.is_archived
                else f"You may change only activities led by {party}; "
                f"this one is led by {activity.lead_party}."
            )
            return [Problem(number, "Code", message)]
        lead = data["lead_party"]
        if not access.can(user, LEAD, Activity(lead_party=lead)):
            message = f"You may import only activities led by {party}; this row is led by {lead}."
            return [Problem(number, "Lead party", message)]
        return []

    def _rules(self, number, data, activity) -> list[Problem]:
        """The activity's own rules, checked on an unsaved copy: nothing is written."""
        candidate = copy.copy(activity) if activity else Activity(plan=self.plan)
        for name in actions.ACTIVITY_FIELDS:
            setattr(candidate, name, data[name])
        errors = {}
        skip = NOT_CHECKED + ([] if data["code"] else ["code"])
        try:
            candidate.full_clean(exclude=skip, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.message_dict
        relations = candidate.relation_problems(data["commitments"], data["partner_parties"])
        for name, messages in relations.items():
            errors.setdefault(name, []).extend(messages)
        return _problems(number, errors)

    def _write(self, number, data, activity, report) -> None:
        try:
            if activity is None:
                actions.create_activity(self.plan, data, actor=self.actor)
            else:
                actions.update_activity(
                    activity, data, expected_version=activity.version, actor=self.actor
                )
        except ValidationError as error:
            for problem in _problems(number, _as_dict(error)):
                report.add_problem(problem)
        except (PermissionDenied, actions.EditConflict) as error:
            message = str(error) or "This activity was changed by someone else meanwhile."
            report.add_problem(Problem(number, None, message))


def _code(cells: dict) -> str:
    code = cells["code"]
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    return str(code or "").strip().upper()


def _as_dict(error: ValidationError) -> dict:
    return (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )


def _problems(number: int, errors: dict) -> list[Problem]:
    problems = []
    for name, messages in errors.items():
        label = name.replace("_", " ").capitalize()
        column = None if name == NON_FIELD_ERRORS else HEADER_OF.get(name, label)
        problems += [Problem(number, column, message) for message in messages]
    return problems
