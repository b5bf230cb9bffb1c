"""Every write to plans and activities: permission, one transaction, one change-log row."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from workplan.core import access, changelog, extensions, records
from workplan.core.access import ADD, ADD_ACTIVITY, ARCHIVE, CHANGE, LEAD, PUBLISH, RESTORE
from workplan.core.models import ChangeLog
from workplan.plans.models import (
    Activity,
    Commitment,
    FundingSource,
    Indicator,
    PriorityArea,
    WorkPlan,
)

ACTIVITY_FIELDS = [
    "code", "title", "description", "area", "lead_party", "modality", "planned_start",
    "planned_end", "actual_start", "actual_end", "status", "funding_source", "budget_amount",
    "budget_currency", "classification", "weight",
]  # fmt: skip
ACTIVITY_RELATIONS = ("commitments", "partner_parties")


def propose_code(plan: WorkPlan, area, year: int) -> str:
    """The next free code of an area and year in a plan: TER-2024-03 after TER-2024-02."""
    prefix = f"{area.code_prefix}-{year}-"
    codes = Activity.objects.filter(plan=plan, code__startswith=prefix).values_list(
        "code", flat=True
    )
    numbers = [int(m.group(1)) for c in codes if (m := re.fullmatch(rf"{prefix}(\d+)", c))]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


@transaction.atomic
def create_activity(plan: WorkPlan, data: dict, *, actor, is_sample: bool = False) -> Activity:
    """Adds an activity to a plan; a blank code is proposed from its area and start year."""
    access.require(actor, ADD_ACTIVITY, plan)
    activity = Activity(plan=plan, is_sample=is_sample)
    _assign(activity, data)
    access.require(actor, LEAD, activity)
    relations = {name: data[name] for name in ACTIVITY_RELATIONS if name in data}
    return records.create(
        activity, actor=actor, relations=relations, save=lambda: _save_unique(activity)
    )


def update_activity(activity: Activity, data: dict, *, expected_version: int, actor) -> Activity:
    """Saves an edit, unless the activity was saved after the editor loaded `expected_version`;
    an edit that changes nothing leaves the version alone."""
    with records.changing(activity, actor=actor, expected_version=expected_version) as edit:
        _assign(edit.record, data)
        access.require(actor, LEAD, edit.record)
        edit.relations = {name: data[name] for name in ACTIVITY_RELATIONS if name in data}
        edit.save = lambda: _save_unique(edit.record)
    return edit.record


def archive_activity(activity: Activity, *, actor) -> Activity:
    """Hides an activity from the register; nothing is deleted, the secretariat can restore it."""
    kind = ChangeLog.Kind.ARCHIVE
    with records.changing(activity, actor=actor, action=ARCHIVE, kind=kind) as edit:
        if edit.record.is_archived:
            raise ValidationError(gettext("This activity is already archived."))
        edit.record.archived_at = timezone.now()
    return edit.record


def restore_activity(activity: Activity, *, actor) -> Activity:
    """Brings an archived activity back into the register."""
    kind = ChangeLog.Kind.RESTORE
    with records.changing(activity, actor=actor, action=RESTORE, kind=kind) as edit:
        if not edit.record.is_archived:
            raise ValidationError(gettext("This activity is not archived."))
        edit.record.archived_at = None
    return edit.record


def publish_plan(plan: WorkPlan, *, published: bool, actor) -> WorkPlan:
    """Puts a plan on the public site and in the IATI open data (or takes it off); only its
    public activities and their accepted updates are shown there. On record as an event."""
    message = "Published on the public site" if published else "Withdrawn from the public site"
    kind = ChangeLog.Kind.EVENT
    with records.changing(plan, actor=actor, action=PUBLISH, kind=kind, message=message) as edit:
        if edit.record.is_public == published:
            raise ValidationError(
                gettext("This plan is already published.")
                if published
                else gettext("This plan is not published.")
            )
        edit.record.is_public = published
    return edit.record


def _assign(activity: Activity, data: dict) -> None:
    """Sets the fields and checks every rule, raising all problems at once by field."""
    for name in ACTIVITY_FIELDS:
        if name in data:
            setattr(activity, name, data[name])
    if not activity.code and activity.area_id and activity.planned_start:
        activity.code = propose_code(activity.plan, activity.area, activity.planned_start.year)
    commitments = data.get("commitments", activity.commitments.all() if activity.pk else [])
    partners = data.get("partner_parties", activity.partner_parties.all() if activity.pk else [])
    errors = activity_problems(activity, commitments, partners)
    if activity.code and _code_taken(activity):
        records.add_problem(errors, "code", _code_taken_message(activity))
    records.refuse(errors)


def activity_problems(activity: Activity, commitments, partners, *, exclude=()) -> dict:
    """Every rule of an activity, by field, checked without writing: its fields, `clean()`,
    and its commitments and partner parties. The one rule function of both the single
    actions and the bulk path (`bulk_actions`), which leaves the fields of `exclude` to the
    database's foreign keys (saying only when the area or the lead party is missing)."""
    errors = records.problems(activity, exclude=list(exclude))
    for name in ("area", "lead_party"):
        if name in exclude and getattr(activity, f"{name}_id") is None:
            records.add_problem(errors, name, gettext("This field cannot be blank."))
    if activity.area_id and activity.lead_party_id:
        for field, messages in activity.relation_problems(commitments, partners).items():
            errors.setdefault(field, []).extend(messages)
    return errors


def _save_unique(activity: Activity) -> None:
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError:
        if _code_taken(activity):  # taken between the check and the save
            raise ValidationError({"code": _code_taken_message(activity)}) from None
        raise


def _code_taken(activity: Activity) -> bool:
    others = Activity.objects.filter(plan=activity.plan_id, code=activity.code)
    return others.exclude(pk=activity.pk).exists()


def _code_taken_message(activity: Activity) -> str:
    if activity.area_id and activity.planned_start:
        free = propose_code(activity.plan, activity.area, activity.planned_start.year)
        message = gettext("The code %(code)s is already used in this plan; %(free)s is free.")
        return message % {"code": activity.code, "free": free}
    return gettext("The code %(code)s is already used in this plan.") % {"code": activity.code}


PLAN_FIELDS = [
    "title", "short_title", "start_date", "end_date", "rooted_in", "rooted_in_date",
    "rooted_in_place", "agreed_at", "adopted_at", "adopted_on", "monitoring", "is_public",
    "translations",
]  # fmt: skip
AREA_FIELDS = ["key", "name", "description", "code_prefix", "keywords", "translations"]


@transaction.atomic
def create_plan(fields: dict, *, parties, areas: list[dict] = (), actor=None) -> WorkPlan:
    """Creates a plan with its parties, priority areas and their commitments, all on record.
    Only the Secretariat creates plans (`actor` None: the command line, as the system). Every
    problem is refused at once, by field, and nothing is written."""
    if actor is not None:
        access.require(actor, ADD, WorkPlan)
    plan = WorkPlan(**{name: fields[name] for name in PLAN_FIELDS if name in fields})
    parties = list(parties)
    errors = plan_problems(plan, parties)
    built = [_area(plan, position, dict(data)) for position, data in enumerate(areas, start=1)]
    for area, commitments in built:
        for message in _named_area_problems(area, [other for other, _ in built], commitments):
            records.add_problem(errors, "priority_areas", message)
    records.refuse(errors)
    plan.save()
    plan.parties.set(parties)
    created = [(plan, ChangeLog.Kind.CREATE, None, changelog.snapshot(plan))]
    for area, commitments in built:
        created += _save_area(plan, area, commitments)
    changelog.record_many(created, actor=actor)
    return plan


def plan_problems(plan: WorkPlan, parties) -> dict:
    """A plan's rules, by field: its fields, a period that ends after it starts, parties."""
    errors = records.problems(plan)
    if plan.start_date and plan.end_date and plan.end_date < plan.start_date:
        records.add_problem(errors, "end_date", gettext("The plan cannot end before it starts."))
    if not parties:
        records.add_problem(errors, "parties", gettext("Choose the parties to the plan."))
    return errors


PLAN_EDIT_FIELDS = [name for name in PLAN_FIELDS if name != "is_public"]  # publish_plan sets it


def update_plan(
    plan: WorkPlan, data: dict, *, parties=None, expected_version: int, actor
) -> WorkPlan:
    """Saves an edit of a plan's facts (and its parties, when given) by the Secretariat, unless
    it was saved since the editor opened it. The rules are the creation's (`plan_problems`) and
    those other apps add (`plan_edit` checks: reporting periods stay inside the plan)."""
    with records.changing(plan, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, PLAN_EDIT_FIELDS)
        chosen = list(edit.record.parties.all()) if parties is None else list(parties)
        errors = plan_problems(edit.record, chosen)
        _keep_working_parties(edit.record, chosen, errors)
        for field, messages in extensions.checked("plan_edit", edit.record).items():
            errors.setdefault(field, []).extend(messages)
        records.refuse(errors)
        if parties is not None:
            edit.relations = {"parties": chosen}
    return edit.record


def _keep_working_parties(plan: WorkPlan, chosen, errors: dict) -> None:
    """A party that leads or takes part in any of the plan's activities stays a party of it:
    those activities would name a party the plan no longer has."""
    removed = plan.parties.exclude(pk__in=[party.pk for party in chosen])
    working = removed.filter(
        Q(led_activities__plan=plan) | Q(partnered_activities__plan=plan)
    ).distinct()
    for party in working.order_by("name"):
        message = gettext(
            "%(party)s leads or takes part in activities of this plan; give them to another "
            "party or archive them before taking %(party)s off the plan."
        )
        records.add_problem(errors, "parties", message % {"party": party.name})


def update_area(area: PriorityArea, data: dict, *, expected_version: int, actor) -> PriorityArea:
    """Saves an edit of a priority area (name, key, code prefix, description, keywords) under
    the rules of a new one (`area_problems`); its commitments are edited one by one."""
    with records.changing(area, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, AREA_FIELDS)
        edit.record.keywords = edit.record.keywords or []
        others = list(PriorityArea.objects.filter(plan=edit.record.plan_id).exclude(pk=area.pk))
        records.refuse(area_problems(edit.record, others))
    return edit.record


def update_commitment(
    commitment: Commitment, text: str, *, expected_version: int, actor
) -> Commitment:
    """Saves an edit of a commitment's words, unless it was saved since the editor opened it."""
    with records.changing(commitment, actor=actor, expected_version=expected_version) as edit:
        edit.record.text = (text or "").strip()
        records.refuse(commitment_problems(edit.record))
    return edit.record


def commitment_problems(commitment: Commitment) -> dict:
    """A commitment's rules, by field (its words: given, at most 300 characters)."""
    return records.problems(commitment, exclude=["area"])


@transaction.atomic
def add_area(plan: WorkPlan, data: dict, *, actor) -> PriorityArea:
    """Adds a priority area (with its commitments, `data["commitments"]`, see `_area`) to a
    plan, after its last area; the Secretariat."""
    access.require(actor, CHANGE, plan)
    position = max(plan.areas.values_list("position", flat=True), default=0) + 1
    area, commitments = _area(plan, position, dict(data))
    errors = area_problems(area, list(plan.areas.all()))
    for message in _commitment_problems(commitments):
        records.add_problem(errors, "commitments", message)
    records.refuse(errors)
    objects = _save_area(plan, area, commitments)
    changelog.record_many(objects, actor=actor)
    return area


@transaction.atomic
def add_commitment(area: PriorityArea, text: str, *, actor) -> Commitment:
    """Adds what the parties promised under an area, after its last commitment."""
    access.require(actor, CHANGE, area)
    position = max(area.commitments.values_list("position", flat=True), default=0) + 1
    commitment = Commitment(area=area, text=(text or "").strip(), position=position)
    records.refuse(commitment_problems(commitment))
    return records.create(commitment, actor=actor)


def _area(plan: WorkPlan, position: int, data: dict) -> tuple[PriorityArea, list[Commitment]]:
    """The area of `data` and its commitments, unsaved. A commitment is its text, or (from a
    plan file) {"text": …, "translations": {"ja": {"text": …}}}."""
    area = PriorityArea(plan=plan, position=position)
    entries = [
        e if isinstance(e, dict) else {"text": e} for e in data.pop("commitments", None) or []
    ]
    records.set_fields(area, data, AREA_FIELDS)
    area.keywords = area.keywords or []
    area.translations = area.translations or {}
    commitments = [
        Commitment(
            text=str(entry.get("text") or "").strip(),
            translations=entry.get("translations") or {},
        )
        for entry in entries
    ]
    kept = [commitment for commitment in commitments if commitment.text]
    for number, commitment in enumerate(kept, start=1):
        commitment.position = number
    return area, kept


def _commitment_problems(commitments: list[Commitment]) -> list[str]:
    """Each commitment's rules, as messages that name it by its place in the area."""
    return [
        gettext("Commitment %(number)s: %(field)s: %(message)s")
        % {"number": commitment.position, "field": field, "message": message}
        for commitment in commitments
        for field, messages in records.problems(commitment, exclude=["area"]).items()
        for message in messages
    ]


def area_problems(area: PriorityArea, areas: list[PriorityArea]) -> dict:
    """An area's rules, by field: its fields, and a key or code prefix that another area of
    the plan (`areas`) has."""
    errors = records.problems(area, exclude=["plan"])
    used = {
        "key": gettext("The key %(value)s is used by another area."),
        "code_prefix": gettext("The code prefix %(value)s is used by another area."),
    }
    for field, message in used.items():
        value = getattr(area, field)
        if value and any(getattr(o, field) == value for o in areas if o is not area):
            records.add_problem(errors, field, message % {"value": value})
    return errors


def _named_area_problems(
    area: PriorityArea, areas: list[PriorityArea], commitments: list[Commitment] = ()
) -> list[str]:
    """The same, and its commitments', as messages that name the area (a plan's areas are
    checked together)."""
    name = area.name or area.key or gettext("number %(position)s") % {"position": area.position}
    messages = [
        f"{field.replace('_', ' ')}: {message}"
        for field, messages in area_problems(area, areas).items()
        for message in messages
    ] + _commitment_problems(commitments)
    return [
        gettext("Area %(name)s: %(message)s") % {"name": name, "message": message}
        for message in messages
    ]


def _save_area(plan: WorkPlan, area: PriorityArea, commitments: list[Commitment]) -> list[tuple]:
    area.plan = plan
    area.save()
    for commitment in commitments:
        commitment.area = area
        commitment.full_clean()
        commitment.save()
    return [
        (obj, ChangeLog.Kind.CREATE, None, changelog.snapshot(obj)) for obj in [area, *commitments]
    ]


@transaction.atomic
def ensure_funding_source(key: str, *, name: str, actor=None) -> FundingSource:
    """The funding source with this key, created if it is not there yet."""
    source = FundingSource.objects.filter(key=key).first()
    if source:
        return source
    source = FundingSource(key=key, name=name)
    source.full_clean()
    return records.create(source, actor=actor)


INDICATOR_FIELDS = ["name", "unit", "baseline", "target", "direction"]


@transaction.atomic
def add_indicator(activity: Activity, data: dict, *, actor) -> Indicator:
    """Adds a measure of the activity's results."""
    access.require(actor, CHANGE, activity)
    indicator = Indicator(activity=activity, position=activity.indicators.count() + 1)
    records.set_fields(indicator, data, INDICATOR_FIELDS)
    indicator.full_clean()
    return records.create(indicator, actor=actor)


def update_indicator(
    indicator: Indicator, data: dict, *, expected_version: int, actor
) -> Indicator:
    """Saves an edit of an indicator, unless it was saved since the editor opened it."""
    rows = Indicator.objects.select_related("activity")
    with records.changing(
        indicator, actor=actor, expected_version=expected_version, queryset=rows
    ) as edit:
        records.set_fields(edit.record, data, INDICATOR_FIELDS)
        edit.record.full_clean()
    return edit.record
