"""Writes of many activities at once (the Excel import): the rules of `actions.py`, a batch at a
time, in a few statements a batch instead of a dozen a row. Split from `actions.py` to keep each
module short; the single writes stay there.

- The same checks as `create_activity` and `update_activity`: the access rules (worded for
  someone importing rows), the activity's own rules, a free code (a blank one is proposed), the
  version the change is based on.
- The same records: a version raised on each updated activity, a row that changes nothing left
  alone, one change-log row per activity (under the caller's request id).
- Nothing of a batch is written when one of its rows is refused.
"""

import copy
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext

from workplan.core import access, changelog, records
from workplan.core.access import ADD_ACTIVITY, CHANGE, LEAD
from workplan.core.models import ChangeLog
from workplan.plans.actions import (
    ACTIVITY_FIELDS,
    ACTIVITY_RELATIONS,
    _code_taken_message,
    activity_problems,
)
from workplan.plans.models import Activity, WorkPlan

CHECKED_BY_THE_DATABASE = ["plan", "area", "lead_party", "funding_source"]  # see _rule_problems
SET_BY_THE_SYSTEM = ["is_sample", "archived_at", "version", "created_at", "updated_at"]
CHANGED_MEANWHILE = "{code} was changed by someone else since it was read; check it again."


@dataclass
class RowsRefused(Exception):
    """Rows of a bulk write that break a rule, so that nothing was written: by row index, the
    messages by field (None for the row as a whole)."""

    problems: dict[int, dict[str | None, list[str]]]


def import_problems(plan: WorkPlan, rows: list[tuple], *, actor) -> dict[int, dict]:
    """What would stop `import_activities` from writing each row (by index); writes nothing.
    The checks it can make without writing: the access rules and the activity's own rules, a
    blank code left unchecked (it is proposed when the row is written)."""
    prefetch_related_objects([plan], "parties")
    return _checked(_candidates(plan, rows), rows, actor, blank_code=True)


@transaction.atomic
def import_activities(plan: WorkPlan, rows: list[tuple], *, actor) -> list[Activity]:
    """Creates and updates many activities in a few statements, as `create_activity` and
    `update_activity` would one by one: the same access rules and activity rules, a blank code
    proposed, each updated activity's version raised, rows that change nothing left alone, one
    change-log row per activity written. Returns the activities written.

    `rows` are (activity, data): the activity as read from the database, with its plan, area,
    lead party and funding source and its commitments and partner parties (or a query a row
    reads them), or None for a new one; data holds every field of ACTIVITY_FIELDS and both
    relations. When a row breaks a rule, or an activity was saved by
    someone else since it was read, nothing is written and RowsRefused names every such row."""
    if any(activity is None for activity, _ in rows):
        access.require(actor, ADD_ACTIVITY, plan)
    prefetch_related_objects([plan], "parties")  # the rules ask for the plan's parties each row
    problems = _conflicts(rows)
    candidates = _candidates(plan, rows)
    _propose_codes(plan, candidates)
    for index, errors in _checked(candidates, rows, actor, blank_code=False).items():
        problems.setdefault(index, errors)
    for index, errors in _codes_taken(plan, candidates, rows).items():
        problems.setdefault(index, errors)
    if problems:
        raise RowsRefused(problems)
    return _write_rows(plan, candidates, rows, actor)


def _candidates(plan: WorkPlan, rows: list[tuple]) -> list[Activity]:
    """Each row's activity with the row's data set: a copy of the activity read, or a new one."""
    candidates = []
    for activity, data in rows:
        candidate = copy.copy(activity) if activity else Activity(plan=plan)
        candidate.plan = plan
        for name in ACTIVITY_FIELDS:
            setattr(candidate, name, data[name])
        candidates.append(candidate)
    return candidates


def _checked(candidates, rows, actor, *, blank_code: bool) -> dict[int, dict]:
    problems = {}
    for index, (candidate, (activity, data)) in enumerate(zip(candidates, rows, strict=True)):
        errors = _refusal(candidate, activity, actor) or _rule_problems(
            candidate, data, blank_code=blank_code
        )
        if errors:
            problems[index] = errors
    return problems


def _refusal(candidate: Activity, activity: Activity | None, actor) -> dict:
    """The access rules, worded for someone importing rows: may the actor change the activity,
    and give it this lead party?"""
    party = actor.party
    if activity is not None and activity.plan_id != candidate.plan_id:
        message = gettext("%(code)s is an activity of another plan.")
        return {"code": [message % {"code": activity.code}]}
    if activity is not None and not access.can(actor, CHANGE, activity):
        message = (
            gettext("%(code)s is archived; the Secretariat must restore it first.")
            if activity.is_archived
            else gettext(
                "You may change only activities led by %(party)s; this one is led by %(lead)s."
            )
        )
        return {
            "code": [message % {"code": activity.code, "party": party, "lead": activity.lead_party}]
        }
    if not access.can(actor, LEAD, candidate):
        lead = candidate.lead_party
        return {
            "lead_party": [
                gettext(
                    "You may import only activities led by %(party)s; this row is led by %(lead)s."
                )
                % {"party": party, "lead": lead}
            ]
        }
    return {}


def _rule_problems(candidate: Activity, data: dict, *, blank_code: bool) -> dict:
    """The activity's rules, with no query a row: the related records are not looked up one by
    one (the database's foreign keys refuse one that does not exist, and Activity.clean checks
    that the area and the lead party belong to the plan); the fields no row sets are not
    checked again."""
    skip = CHECKED_BY_THE_DATABASE + SET_BY_THE_SYSTEM
    if blank_code and not candidate.code:
        skip.append("code")
    return activity_problems(candidate, data["commitments"], data["partner_parties"], exclude=skip)


def _conflicts(rows: list[tuple]) -> dict[int, dict]:
    """Rows whose activity was saved since it was read (its version moved on); locks the rest."""
    read = {activity.pk: (index, activity) for index, (activity, _) in enumerate(rows) if activity}
    expected = {pk: activity.version for pk, (_, activity) in read.items()}
    return {
        read[pk][0]: {"code": [CHANGED_MEANWHILE.format(code=read[pk][1].code)]}
        for pk in records.locked_versions(Activity.objects.all(), expected)
    }


def _propose_codes(plan: WorkPlan, candidates: list[Activity]) -> None:
    """Gives each new activity without a code the next free code of its area and start year, as
    `propose_code` does one at a time, after the codes of the plan and of the batch."""
    blank = [c for c in candidates if not c.code and c.area_id and c.planned_start]
    if not blank:
        return
    last = {_code_prefix(c): 0 for c in blank}
    starts = Q()
    for prefix in last:
        starts |= Q(code__startswith=prefix)
    used = Activity.objects.filter(plan=plan).filter(starts).values_list("code", flat=True)
    for code in [*used, *(c.code for c in candidates if c.code)]:
        prefix, _, number = code.rpartition("-")
        if f"{prefix}-" in last and number.isdecimal():
            last[f"{prefix}-"] = max(last[f"{prefix}-"], int(number))
    for candidate in blank:
        prefix = _code_prefix(candidate)
        last[prefix] += 1
        candidate.code = f"{prefix}{last[prefix]:02d}"


def _code_prefix(activity: Activity) -> str:
    return f"{activity.area.code_prefix}-{activity.planned_start.year}-"


def _codes_taken(plan: WorkPlan, candidates: list[Activity], rows: list[tuple]) -> dict[int, dict]:
    """Rows whose code another activity of the plan has, or an earlier row of the batch."""
    codes = [candidate.code for candidate in candidates if candidate.code]
    own = {activity.pk for activity, _ in rows if activity}
    found = Activity.objects.filter(plan=plan, code__in=codes).values_list("pk", "code")
    taken = {code for pk, code in found if pk not in own}
    problems, seen = {}, set()
    for index, candidate in enumerate(candidates):
        if candidate.code in taken or candidate.code in seen:
            problems[index] = {"code": [_code_taken_message(candidate)]}
        seen.add(candidate.code)
    return problems


def _write_rows(plan, candidates, rows, actor) -> list[Activity]:
    entries, created, changed = [], [], []
    for candidate, (activity, data) in zip(candidates, rows, strict=True):
        after = _snapshot(candidate, data)
        if activity is None:
            created.append((candidate, data))
            entries.append((candidate, ChangeLog.Kind.CREATE, None, after))
            continue
        before = changelog.snapshot(activity)
        if before != after:
            candidate.version = activity.version + 1
            changed.append((activity, candidate, data))
            entries.append((candidate, ChangeLog.Kind.UPDATE, before, after))
    _insert(plan, candidates, rows)
    _update(changed)
    relinked = [(c, d) for a, c, d in changed if _relations_changed(a, d)]
    _link(created + relinked, replace=[c.pk for c, _ in relinked])
    changelog.record_many(entries, actor=actor)
    return [entry[0] for entry in entries]


def _snapshot(activity: Activity, data: dict) -> dict:
    """The change log's snapshot of an activity about to be written with `data`'s relations."""
    relations = {name: changelog.references(_distinct(data[name])) for name in ACTIVITY_RELATIONS}
    return {**changelog.snapshot(activity, relations=False), **relations}


def _distinct(objects) -> list:
    return list({obj.pk: obj for obj in objects}.values())


def _insert(plan: WorkPlan, candidates: list[Activity], rows: list[tuple]) -> None:
    """Inserts the new activities of the batch; a code taken meanwhile refuses its row."""
    pairs = zip(candidates, rows, strict=True)
    new = [candidate for candidate, (activity, _) in pairs if activity is None]
    if not new:
        return
    try:
        with transaction.atomic():
            Activity.objects.bulk_create(new)
    except IntegrityError:
        taken = _codes_taken(plan, candidates, rows)
        if taken:  # by someone else, between the check and the insert
            raise RowsRefused(taken) from None
        raise


def _update(changed: list[tuple]) -> None:
    """Saves only the fields that changed in the batch, with the new versions."""
    if not changed:
        return
    now = timezone.now()
    fields = {"version", "updated_at"}
    for activity, candidate, _ in changed:
        candidate.updated_at = now
        for name in ACTIVITY_FIELDS:
            attname = Activity._meta.get_field(name).attname
            if getattr(activity, attname) != getattr(candidate, attname):
                fields.add(name)
    Activity.objects.bulk_update([candidate for _, candidate, _ in changed], sorted(fields))


def _relations_changed(activity: Activity, data: dict) -> bool:
    return any(
        {o.pk for o in getattr(activity, name).all()} != {o.pk for o in data[name]}
        for name in ACTIVITY_RELATIONS
    )


def _link(rows: list[tuple], *, replace: list[int]) -> None:
    """Writes the commitments and partner parties of activities, replacing those of `replace`."""
    for name in ACTIVITY_RELATIONS:
        relation = Activity._meta.get_field(name)
        through = relation.remote_field.through
        source, target = (
            f"{relation.m2m_field_name()}_id",
            f"{relation.m2m_reverse_field_name()}_id",
        )
        if replace:
            through.objects.filter(**{f"{source}__in": replace}).delete()
        through.objects.bulk_create(
            through(**{source: activity.pk, target: obj.pk})
            for activity, data in rows
            for obj in _distinct(data[name])
        )
