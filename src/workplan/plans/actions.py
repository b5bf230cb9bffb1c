"""Every write to plans and activities: permission, one transaction, one change-log row."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from workplan.core import access, changelog
from workplan.core.models import ChangeLog
from workplan.plans.access import ADD_ACTIVITY, ARCHIVE, CHANGE, LEAD, RESTORE
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


@dataclass
class EditConflict(Exception):
    """Someone saved the record after the editor opened it; their changes are listed."""

    current: object
    changes_since: list[ChangeLog]


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
    _save_unique(activity)
    _set_relations(activity, data)
    changelog.record(
        activity, ChangeLog.Kind.CREATE, actor=actor, after=changelog.snapshot(activity)
    )
    return activity


@transaction.atomic
def update_activity(activity: Activity, data: dict, *, expected_version: int, actor) -> Activity:
    """Saves an edit, unless the activity was saved after the editor loaded `expected_version`."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    access.require(actor, CHANGE, current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    _assign(current, data)
    access.require(actor, LEAD, current)
    if _unchanged(current, before, data):
        return current
    current.version += 1
    _save_unique(current)
    _set_relations(current, data)
    after = changelog.snapshot(current)
    changelog.record(current, ChangeLog.Kind.UPDATE, actor=actor, before=before, after=after)
    return current


def _unchanged(activity: Activity, before: dict, data: dict) -> bool:
    """True when saving `data` would change nothing: the version is then left alone."""
    fields = changelog.snapshot(activity, relations=False)
    if any(before.get(name) != value for name, value in fields.items()):
        return False
    for name in ACTIVITY_RELATIONS:
        if name in data and changelog.references(data[name]) != before.get(name):
            return False
    return True


@transaction.atomic
def archive_activity(activity: Activity, *, actor) -> Activity:
    """Hides an activity from the register; nothing is deleted, the secretariat can restore it."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    access.require(actor, ARCHIVE, current)
    if current.is_archived:
        raise ValidationError("This activity is already archived.")
    return _set_archived(current, timezone.now(), ChangeLog.Kind.ARCHIVE, actor)


@transaction.atomic
def restore_activity(activity: Activity, *, actor) -> Activity:
    """Brings an archived activity back into the register."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    access.require(actor, RESTORE, current)
    if not current.is_archived:
        raise ValidationError("This activity is not archived.")
    return _set_archived(current, None, ChangeLog.Kind.RESTORE, actor)


def _set_archived(activity: Activity, when, kind: str, actor) -> Activity:
    before = {"archived_at": changelog.snapshot(activity)["archived_at"]}
    activity.archived_at = when
    activity.version += 1
    activity.save(update_fields=["archived_at", "version", "updated_at"])
    after = {"archived_at": changelog.snapshot(activity)["archived_at"]}
    changelog.record(activity, kind, actor=actor, before=before, after=after)
    return activity


def _assign(activity: Activity, data: dict) -> None:
    """Sets the fields and checks every rule, raising all problems at once by field."""
    for name in ACTIVITY_FIELDS:
        if name in data:
            setattr(activity, name, data[name])
    if not activity.code and activity.area_id and activity.planned_start:
        activity.code = propose_code(activity.plan, activity.area, activity.planned_start.year)
    errors = {}
    try:
        # Database constraints back up the rules in Activity.clean(), which word them better.
        activity.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    if activity.code and _code_taken(activity):
        errors.setdefault("code", []).append(_code_taken_message(activity))
    commitments = data.get("commitments", activity.commitments.all() if activity.pk else [])
    partners = data.get("partner_parties", activity.partner_parties.all() if activity.pk else [])
    if activity.area_id and activity.lead_party_id:
        for field, messages in activity.relation_problems(commitments, partners).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _set_relations(activity: Activity, data: dict) -> None:
    for name in ACTIVITY_RELATIONS:
        if name in data:
            getattr(activity, name).set(data[name])


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
    message = f"The code {activity.code} is already used in this plan"
    if activity.area_id and activity.planned_start:
        free = propose_code(activity.plan, activity.area, activity.planned_start.year)
        return f"{message}; {free} is free."
    return f"{message}."


def check_version(current, expected_version: int) -> None:
    """Refuses a save based on an older version, listing the changes made since."""
    if current.version != expected_version:
        raise EditConflict(current, _changes_since(current, expected_version))


def _changes_since(obj, version: int) -> list[ChangeLog]:
    return list(changelog.history_of(obj).filter(object_version__gt=version).order_by("timestamp"))


@transaction.atomic
def create_plan(fields: dict, *, parties, areas: list[dict], actor=None) -> WorkPlan:
    """Creates a plan with its parties, priority areas and their commitments, all on record."""
    plan = WorkPlan(**fields)
    plan.full_clean()
    plan.save()
    plan.parties.set(parties)
    created = [(plan, ChangeLog.Kind.CREATE, None, changelog.snapshot(plan))]
    for position, area_data in enumerate(areas, start=1):
        created += _create_area(plan, position, dict(area_data))
    changelog.record_many(created, actor=actor)
    return plan


def _create_area(plan: WorkPlan, position: int, data: dict) -> list[tuple]:
    texts = data.pop("commitments", [])
    area = PriorityArea(plan=plan, position=position, **data)
    area.full_clean()
    area.save()
    commitments = [Commitment(area=area, text=text, position=i) for i, text in enumerate(texts, 1)]
    for commitment in commitments:
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
    source.save()
    changelog.record(source, ChangeLog.Kind.CREATE, actor=actor, after=changelog.snapshot(source))
    return source


INDICATOR_FIELDS = ["name", "unit", "baseline", "target", "direction"]


@transaction.atomic
def add_indicator(activity: Activity, data: dict, *, actor) -> Indicator:
    """Adds a measure of the activity's results."""
    access.require(actor, CHANGE, activity)
    indicator = Indicator(activity=activity, position=activity.indicators.count() + 1)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    indicator.full_clean()
    indicator.save()
    after = changelog.snapshot(indicator)
    changelog.record(indicator, ChangeLog.Kind.CREATE, actor=actor, after=after)
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator, data: dict, *, expected_version: int, actor
) -> Indicator:
    """Saves an edit of an indicator, unless it was saved since the editor opened it."""
    current = Indicator.objects.select_for_update().select_related("activity").get(pk=indicator.pk)
    access.require(actor, CHANGE, current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    current.full_clean()
    current.version += 1
    current.save()
    after = changelog.snapshot(current)
    if after != before:
        changelog.record(current, ChangeLog.Kind.UPDATE, actor=actor, before=before, after=after)
    return current
