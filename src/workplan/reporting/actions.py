"""Every write of progress reporting: permission, one transaction, on record."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from workplan.core import access, changelog
from workplan.core.files import removed_on_failure
from workplan.core.models import ChangeLog
from workplan.plans.actions import check_version
from workplan.plans.models import Activity, WorkPlan, value_problem
from workplan.reporting import access as rules
from workplan.reporting.evidence import detect_type, named_for_type
from workplan.reporting.models import (
    Evidence,
    ProgressUpdate,
    ReportingPeriod,
    UpdateComment,
)

Status = ProgressUpdate.Status
UPDATE_FIELDS = ["narrative", "percent_complete", "reported_status", "links"]
PERIOD_FIELDS = ["name", "start_date", "end_date", "due_date"]
DUE_AFTER_PERIOD = datetime.timedelta(days=31)


# Reporting periods


def default_periods(plan: WorkPlan) -> list[dict]:
    """Two periods a year over the plan's span, each due a month after it ends."""
    periods = []
    for year in range(plan.start_date.year, plan.end_date.year + 1):
        for half, (start, end) in enumerate([((1, 1), (6, 30)), ((7, 1), (12, 31))], start=1):
            first, last = datetime.date(year, *start), datetime.date(year, *end)
            periods.append(
                {
                    "name": f"H{half} {year}",
                    "start_date": first,
                    "end_date": last,
                    "due_date": last + DUE_AFTER_PERIOD,
                }
            )
    return periods


@transaction.atomic
def ensure_default_periods(plan: WorkPlan, *, actor=None) -> int:
    """Creates the default periods of a plan that has none; returns how many were made."""
    if plan.periods.exists():
        return 0
    made = [ReportingPeriod(plan=plan, **fields) for fields in default_periods(plan)]
    for period in made:
        period.full_clean()
        period.save()
    changelog.record_many(
        [(period, ChangeLog.Kind.CREATE, None, changelog.snapshot(period)) for period in made],
        actor=actor,
    )
    return len(made)


@transaction.atomic
def create_period(plan: WorkPlan, data: dict, *, actor) -> ReportingPeriod:
    access.require(actor, rules.MANAGE_PERIODS, plan)
    period = ReportingPeriod(plan=plan, **{name: data.get(name) for name in PERIOD_FIELDS})
    _check_period(period)
    period.save()
    changelog.record(period, ChangeLog.Kind.CREATE, actor=actor, after=changelog.snapshot(period))
    return period


@transaction.atomic
def update_period(period: ReportingPeriod, data: dict, *, expected_version: int, actor):
    current = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    access.require(actor, "change", current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    for name in PERIOD_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_period(current)
    current.version += 1
    current.save()
    _record_change(current, before, actor)
    return current


def _check_period(period: ReportingPeriod) -> None:
    errors = {}
    try:
        period.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as error:
        errors = error.message_dict
    if period.start_date and period.end_date and period.end_date < period.start_date:
        errors.setdefault("end_date", []).append("The period must end on or after its start.")
    if period.end_date and period.due_date and period.due_date < period.end_date:
        errors.setdefault("due_date", []).append("Updates fall due on or after the period ends.")
    clash = ReportingPeriod.objects.filter(plan=period.plan_id, name=period.name)
    if period.name and clash.exclude(pk=period.pk).exists():
        errors.setdefault("name", []).append(f"The plan already has a period named {period.name}.")
    if errors:
        raise ValidationError(errors)


# Progress updates


@transaction.atomic
def start_update(activity: Activity, period: ReportingPeriod, *, actor) -> ProgressUpdate:
    """Opens a draft update of the actor's party for a period, or returns the existing one."""
    access.require(actor, rules.REPORT, activity)
    if period.plan_id != activity.plan_id:
        raise ValidationError({"period": "Choose a reporting period of this activity's plan."})
    existing = ProgressUpdate.objects.filter(activity=activity, party=actor.party, period=period)
    if existing.exists():
        return existing.get()
    update = ProgressUpdate(activity=activity, party=actor.party, period=period, created_by=actor)
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError:  # opened by a colleague a moment ago
        return existing.get()
    changelog.record(update, ChangeLog.Kind.CREATE, actor=actor, after=_snapshot(update))
    return update


@transaction.atomic
def save_update(update, data: dict, values: dict, *, expected_version: int, actor):
    """Saves the draft's text, figures and indicator values; a draft may be incomplete."""
    current = _locked(update)
    access.require(actor, rules.EDIT, current)
    check_version(current, expected_version)
    before = _snapshot(current)
    for name in UPDATE_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_update_fields(current)
    current.version += 1
    current.save()
    _save_values(current, values)
    _record_change(current, before, actor, snapshot=_snapshot)
    return current


@transaction.atomic
def submit_update(update, *, actor) -> ProgressUpdate:
    """Sends the update for review; it must be complete."""
    current = _locked(update)
    access.require(actor, rules.SUBMIT, current)
    _check_complete(current)
    current.submitted_at, current.submitted_by = timezone.now(), actor
    return _move(current, Status.SUBMITTED, actor, "Submitted for review")


@transaction.atomic
def accept_update(update, *, actor) -> ProgressUpdate:
    """Accepts a submitted update; it is then final unless the secretariat reopens it."""
    current = _locked(update)
    _require_review(actor, current)
    current.reviewed_at, current.reviewed_by, current.review_comment = timezone.now(), actor, ""
    return _move(current, Status.ACCEPTED, actor, "Accepted")


@transaction.atomic
def return_update(update, comment: str, *, actor) -> ProgressUpdate:
    """Sends a submitted update back to its party with the reviewer's comment."""
    current = _locked(update)
    _require_review(actor, current)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Say what the party should change."})
    current.reviewed_at, current.reviewed_by, current.review_comment = (
        timezone.now(),
        actor,
        comment,
    )
    return _move(current, Status.RETURNED, actor, f"Returned: {comment}")


@transaction.atomic
def reopen_update(update, reason: str, *, actor) -> ProgressUpdate:
    """Reopens an accepted update so its party can correct it; the reason is recorded."""
    current = _locked(update)
    if current.status != Status.ACCEPTED:
        raise ValidationError("Only an accepted update can be reopened.")
    access.require(actor, rules.REOPEN, current)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for reopening."})
    current.reviewed_at, current.reviewed_by, current.review_comment = timezone.now(), actor, reason
    return _move(current, Status.RETURNED, actor, f"Reopened: {reason}")


def _require_review(actor, update) -> None:
    if update.status != Status.SUBMITTED:
        state = update.get_status_display().lower()
        raise ValidationError(f"Only a submitted update can be reviewed; this one is {state}.")
    access.require(actor, rules.REVIEW, update)


def _move(update, status: str, actor, message: str) -> ProgressUpdate:
    before = _snapshot(update)
    update.status = status
    update.version += 1
    update.save()
    changelog.record(
        update,
        ChangeLog.Kind.EVENT,
        actor=actor,
        before=before,
        after=_snapshot(update),
        message=message,
    )
    return update


def _locked(update) -> ProgressUpdate:
    return (
        ProgressUpdate.objects.select_for_update()
        .select_related("activity", "party", "period")
        .get(pk=update.pk)
    )


def _record_change(current, before: dict, actor, snapshot=changelog.snapshot) -> None:
    after = snapshot(current)
    if after != before:
        changelog.record(current, ChangeLog.Kind.UPDATE, actor=actor, before=before, after=after)


def _snapshot(update: ProgressUpdate) -> dict:
    data = changelog.snapshot(update)
    for value in update.values.select_related("indicator"):
        data[f"indicator:{value.indicator.name}"] = str(value.value)
    return data


def _check_update_fields(update: ProgressUpdate) -> None:
    errors = {}
    try:
        update.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as error:
        errors = error.message_dict
    validate = URLValidator(schemes=["http", "https"])
    for number, link in enumerate(update.link_list(), start=1):
        try:
            validate(link)
        except ValidationError:
            errors.setdefault("links", []).append(
                f"Line {number}: “{link}” is not a web address (it must start with https://)."
            )
    if errors:
        raise ValidationError(errors)


def _save_values(update: ProgressUpdate, values: dict) -> None:
    indicators = {i.pk: i for i in update.activity.indicators.filter(archived_at__isnull=True)}
    errors = {}
    for indicator_id, value in values.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        if value is None:
            update.values.filter(indicator=indicator).delete()
            continue
        problem = value_problem(indicator.unit, Decimal(value))
        if problem:
            errors[f"indicator_{indicator_id}"] = [f"{indicator.name}: {problem}"]
            continue
        update.values.update_or_create(indicator=indicator, defaults={"value": value})
    if errors:
        raise ValidationError(errors)


def _check_complete(update: ProgressUpdate) -> None:
    """A submitted update says what happened, how far along, the status, and every indicator."""
    errors = {}
    if not update.narrative.strip():
        errors["narrative"] = ["Say what happened in this period before submitting."]
    if update.percent_complete is None:
        errors["percent_complete"] = ["Give the percent complete before submitting."]
    if not update.reported_status:
        errors["reported_status"] = ["Give the activity's status before submitting."]
    reported = set(update.values.values_list("indicator_id", flat=True))
    for indicator in update.activity.indicators.filter(archived_at__isnull=True):
        if indicator.pk not in reported:
            errors[f"indicator_{indicator.pk}"] = [f"Give a value for {indicator.name}."]
    if errors:
        raise ValidationError(errors)


# Evidence and discussion


@transaction.atomic
def add_evidence(update, upload, *, actor) -> Evidence:
    """Attaches a file after checking its real type and size."""
    current = _locked(update)
    access.require(actor, rules.EDIT, current)
    try:
        content_type = detect_type(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    name = named_for_type(upload.name, content_type)
    evidence = Evidence(
        update=current,
        original_name=name[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    with removed_on_failure(evidence.file):
        evidence.save()
        changelog.record(
            evidence, ChangeLog.Kind.CREATE, actor=actor, after=changelog.snapshot(evidence)
        )
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, *, actor) -> Evidence:
    """Takes a file off an update still being edited; it is archived, not deleted."""
    access.require(actor, rules.EDIT, evidence.update)
    before = changelog.snapshot(evidence)
    evidence.archived_at = timezone.now()
    evidence.save(update_fields=["archived_at"])
    changelog.record(
        evidence,
        ChangeLog.Kind.ARCHIVE,
        actor=actor,
        before=before,
        after=changelog.snapshot(evidence),
    )
    return evidence


@transaction.atomic
def add_comment(update, text: str, *, actor) -> UpdateComment:
    """Adds a message to the update's discussion."""
    access.require(actor, rules.COMMENT, update)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write a message first."})
    comment = UpdateComment.objects.create(update=update, author=actor, text=text)
    changelog.record(comment, ChangeLog.Kind.CREATE, actor=actor, after={"text": text})
    return comment
