"""Every write of progress reporting: permission, one transaction, on record."""

import contextlib
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from workplan.core import access, changelog, clock, records
from workplan.core.formats import date_range_label
from workplan.core.models import ChangeLog
from workplan.plans.models import Activity, WorkPlan, value_problem
from workplan.reporting import figures, notices
from workplan.reporting.evidence import store_upload
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
FIRST_VERSION = 1  # a record's version when it is created


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
    access.require(actor, access.ADD_PERIOD, plan)
    period = ReportingPeriod(plan=plan, **{name: data.get(name) for name in PERIOD_FIELDS})
    _check_period(period)
    return records.create(period, actor=actor)


def update_period(period: ReportingPeriod, data: dict, *, expected_version: int, actor):
    with records.changing(period, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, PERIOD_FIELDS)
        _check_period(edit.record)
        # its dates decide which of an activity's accepted updates is the latest
        edit.then.append(lambda: figures.refresh_figures(_reported_in(edit.record)))
    return edit.record


def _reported_in(period: ReportingPeriod):
    accepted = period.updates.filter(status=Status.ACCEPTED)
    return list(accepted.values_list("activity_id", flat=True).distinct())


def _check_period(period: ReportingPeriod) -> None:
    errors = records.problems(period)
    if period.start_date and period.end_date and period.end_date < period.start_date:
        errors.setdefault("end_date", []).append(
            gettext("The period must end on or after its start.")
        )
    if period.end_date and period.due_date and period.due_date < period.end_date:
        errors.setdefault("due_date", []).append(
            gettext("Updates fall due on or after the period ends.")
        )
    clash = ReportingPeriod.objects.filter(plan=period.plan_id, name=period.name)
    if period.name and clash.exclude(pk=period.pk).exists():
        errors.setdefault("name", []).append(
            gettext("The plan already has a period named %(name)s.") % {"name": period.name}
        )
    if errors:
        raise ValidationError(errors)


def periods_outside_plan(plan: WorkPlan) -> dict[str, list[str]]:
    """A plan's reporting periods must lie within its span: asked when the plan's dates
    change (registered as a `plan_edit` check), naming each period left outside."""
    if not (plan.pk and plan.start_date and plan.end_date):
        return {}
    outside = plan.periods.filter(
        Q(start_date__lt=plan.start_date) | Q(end_date__gt=plan.end_date)
    ).order_by("start_date")
    errors: dict[str, list[str]] = {}
    for period in outside:
        field = "start_date" if period.start_date < plan.start_date else "end_date"
        dates = date_range_label(period.start_date, period.end_date)
        message = gettext(
            "The reporting period %(period)s (%(dates)s) would fall outside the plan; "
            "change or remove the period first."
        )
        records.add_problem(errors, field, message % {"period": period.name, "dates": dates})
    return errors


# Progress updates


@transaction.atomic
def start_update(
    activity: Activity, period: ReportingPeriod, *, actor, party=None
) -> ProgressUpdate:
    """Opens a draft update of the actor's party for a period, or returns the existing one.
    The Secretariat opens one for `party` (a lead or partner party), on its behalf."""
    party = party or actor.party
    on_behalf = party is not None and party.pk != actor.party_id
    access.require(actor, access.ON_BEHALF if on_behalf else access.REPORT, activity)
    if period.plan_id != activity.plan_id:
        raise ValidationError(
            {"period": gettext("Choose a reporting period of this activity's plan.")}
        )
    if on_behalf and not _takes_part(activity, party):
        raise ValidationError(
            {
                "party": gettext("%(party)s neither leads nor takes part in this.")
                % {"party": party.name}
            }
        )
    existing = ProgressUpdate.objects.filter(activity=activity, party=party, period=period)
    if existing.exists():
        return existing.get()
    update = ProgressUpdate(activity=activity, party=party, period=period, created_by=actor)
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError:  # opened by a colleague a moment ago
        return existing.get()
    message = behalf_message(party) if on_behalf else ""
    return records.create(
        update, actor=actor, snapshot=_snapshot, save=lambda: None, message=message
    )


def behalf_message(party) -> str:
    """How the history says the Secretariat wrote for a party."""
    return f"By the Secretariat on behalf of {party.name}"


def already_sent(update: ProgressUpdate, period) -> str:
    """Why a party's update already sent cannot be written again."""
    messages = {
        Status.SUBMITTED: gettext(
            "%(party)s's update for %(period)s was already submitted; open it from the "
            "activity's page."
        ),
        Status.ACCEPTED: gettext(
            "%(party)s's update for %(period)s was already accepted; open it from the "
            "activity's page."
        ),
    }
    return messages[update.status] % {"party": update.party.name, "period": period}


def _takes_part(activity: Activity, party) -> bool:
    return (
        activity.lead_party_id == party.pk or activity.partner_parties.filter(pk=party.pk).exists()
    )


def write_update(activity, period, data: dict, values: dict, *, actor, party=None):
    """The first save of a new update: opens the party's draft for the period and saves what
    was typed, all or nothing. An update of the party opened meanwhile (by a colleague) is
    never overwritten: an empty draft is filled in, one saved since is an edit conflict, and
    one already sent is refused. The Secretariat writes for `party`, on its behalf."""
    with transaction.atomic():
        update = start_update(activity, period, actor=actor, party=party)
        if not update.is_editable:
            raise ValidationError({"period": already_sent(update, period)})
        on_behalf = update.party_id != actor.party_id
        return save_update(
            update, data, values, expected_version=FIRST_VERSION, actor=actor, on_behalf=on_behalf
        )


def save_update(
    update, data: dict, values: dict, *, expected_version: int, actor, on_behalf: bool = False
):
    """Saves the draft's text, figures and indicator values; a draft may be incomplete. The
    Secretariat saves a party's draft `on_behalf` of it, and the history says so."""
    options = _behalf(update, on_behalf, access.CHANGE)
    with _changing(update, actor, expected_version=expected_version, **options) as edit:
        records.set_fields(edit.record, data, UPDATE_FIELDS)
        indicators = {i.pk: i for i in edit.record.activity.indicators.all()}
        records.refuse(update_problems(edit.record, values, indicators))
        edit.then.append(lambda: _save_values(edit.record, values, indicators))
    return edit.record


@transaction.atomic
def submit_update(update, *, actor, on_behalf: bool = False) -> ProgressUpdate:
    """Sends the update for review, telling the Secretariat; it must be complete. The
    Secretariat submits a party's update `on_behalf` of it, and the history says so."""
    action, message = access.SUBMIT, "Submitted for review"
    if on_behalf:
        action = access.ON_BEHALF
        message = f"Submitted for review b{behalf_message(update.party)[1:]}"
    with _step(update, actor, action, message) as current:
        _check_complete(current)
        current.submitted_at, current.submitted_by = clock.now(), actor
        current.status = Status.SUBMITTED
    notices.update_submitted(current, actor=actor)
    return current


@transaction.atomic
def accept_update(update, *, actor) -> ProgressUpdate:
    """Accepts a submitted update; it is then final unless the secretariat reopens it."""
    with _step(update, actor, access.REVIEW, "Accepted") as current:
        current.reviewed_at, current.reviewed_by, current.review_comment = clock.now(), actor, ""
        current.status = Status.ACCEPTED
    figures.refresh_activity(current.activity_id)
    notices.update_reviewed(current, actor=actor)
    return current


@transaction.atomic
def return_update(update, comment: str, *, actor) -> ProgressUpdate:
    """Sends a submitted update back to its party with the reviewer's comment."""
    comment = (comment or "").strip()
    with _step(update, actor, access.REVIEW, f"Returned: {comment}") as current:
        if not comment:
            raise ValidationError({"comment": gettext("Say what the party should change.")})
        current.reviewed_at, current.reviewed_by = clock.now(), actor
        current.review_comment, current.status = comment, Status.RETURNED
    notices.update_reviewed(current, actor=actor)
    return current


@transaction.atomic
def reopen_update(update, reason: str, *, actor) -> ProgressUpdate:
    """Reopens an accepted update so its party can correct it; the reason is recorded."""
    reason = (reason or "").strip()
    with _step(update, actor, access.REOPEN, f"Reopened: {reason}") as current:
        if not reason:
            raise ValidationError({"reason": gettext("Give the reason for reopening.")})
        current.reviewed_at, current.reviewed_by = clock.now(), actor
        current.review_comment, current.status = reason, Status.RETURNED
    figures.refresh_activity(current.activity_id)
    notices.update_reviewed(current, actor=actor)
    return current


STEP_NEEDS = {
    access.REVIEW: Status.SUBMITTED,
    access.REOPEN: Status.ACCEPTED,
}
STEP_REFUSAL = {
    access.REVIEW: gettext_lazy("Only a submitted update can be reviewed; this one is %(state)s."),
    access.REOPEN: gettext_lazy("Only an accepted update can be reopened."),
}


def _behalf(update, on_behalf: bool, action: str) -> dict:
    if not on_behalf:
        return {"action": action}
    return {"action": access.ON_BEHALF, "message": behalf_message(update.party)}


def _changing(update, actor, **options):
    rows = ProgressUpdate.objects.select_related("activity", "party", "period")
    return records.changing(update, actor=actor, queryset=rows, snapshot=_snapshot, **options)


@contextlib.contextmanager
def _step(update, actor, action: str, message: str):
    """A step of the review workflow: an event on record with its message. A step asked of an
    update in the wrong state is refused as such, before the access rules are asked."""
    needed = STEP_NEEDS.get(action)
    if needed is not None:
        status = ProgressUpdate.objects.filter(pk=update.pk).values_list("status", flat=True)
        state = status.first()
        if state != needed:
            label = str(Status(state).label).lower() if state else gettext("gone")
            raise ValidationError(str(STEP_REFUSAL[action]) % {"state": label})
    kind = ChangeLog.Kind.EVENT
    with _changing(update, actor, action=action, kind=kind, message=message) as edit:
        yield edit.record


def _snapshot(update: ProgressUpdate) -> dict:
    data = changelog.snapshot(update)
    for value in update.values.select_related("indicator"):
        data[snapshot_key(value.indicator)] = str(value.value)
    return data


def snapshot_key(indicator) -> str:
    """Where an update's history keeps its value for `indicator`."""
    return f"indicator:{indicator.name}"


RELATED = ["activity", "party", "period", "created_by", "submitted_by", "reviewed_by"]


def update_problems(update: ProgressUpdate, values: dict, indicators: dict) -> dict:
    """The rules of an update's text, figures and indicator values, by field, asked without a
    query (so a workbook of many rows is checked at the cost of one): the model's own rules
    (percent 0 to 100, a status of the list), links as web addresses, and each value for its
    indicator's unit. `indicators` are the activity's, by id; values of archived ones (sent
    back as read) are not judged; any other indicator is refused."""
    errors = records.problems(update, exclude=RELATED)
    validate = URLValidator(schemes=["http", "https"])
    for number, link in enumerate(update.link_list(), start=1):
        try:
            validate(link)
        except ValidationError:
            errors.setdefault("links", []).append(
                gettext(
                    "Line %(number)s: “%(link)s” is not a web address (it must start with "
                    "https://)."
                )
                % {"number": number, "link": link}
            )
    for indicator_id, value in values.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            errors[f"indicator_{indicator_id}"] = [
                gettext("This is not an indicator of this activity.")
            ]
            continue
        if indicator.archived_at is not None or value is None:
            continue
        problem = value_problem(indicator.unit, Decimal(value))
        if problem:
            errors[f"indicator_{indicator_id}"] = [f"{indicator.name}: {problem}"]
    return errors


def _save_values(update: ProgressUpdate, values: dict, indicators: dict) -> None:
    """Saves the values of the activity's indicators (checked by `update_problems`); values of
    archived ones are left as they are."""
    for indicator_id, value in values.items():
        indicator = indicators[indicator_id]
        if indicator.archived_at is not None:
            continue
        if value is None:
            update.values.filter(indicator=indicator).delete()
        else:
            update.values.update_or_create(indicator=indicator, defaults={"value": value})


def _check_complete(update: ProgressUpdate) -> None:
    """A submitted update says what happened, how far along, the status, and every indicator."""
    errors = {}
    if not update.narrative.strip():
        errors["narrative"] = [gettext("Say what happened in this period before submitting.")]
    if update.percent_complete is None:
        errors["percent_complete"] = [gettext("Give the percent complete before submitting.")]
    if not update.reported_status:
        errors["reported_status"] = [gettext("Give the activity's status before submitting.")]
    reported = set(update.values.values_list("indicator_id", flat=True))
    for indicator in update.activity.indicators.filter(archived_at__isnull=True):
        if indicator.pk not in reported:
            errors[f"indicator_{indicator.pk}"] = [
                gettext("Give a value for %(indicator)s.") % {"indicator": indicator.name}
            ]
    if errors:
        raise ValidationError(errors)


# Evidence and discussion


@transaction.atomic
def add_evidence(update, upload, *, actor) -> Evidence:
    """Attaches a file after checking its real type and size."""
    current = records.locked(update, actor=actor)
    return store_upload(Evidence(update=current), upload, actor=actor)


@transaction.atomic
def remove_evidence(evidence: Evidence, *, actor) -> Evidence:
    """Takes a file off an update still being edited; it is archived, not deleted."""
    records.locked(evidence.update, actor=actor)
    before = changelog.snapshot(evidence)
    evidence.archived_at = clock.now()
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
    access.require(actor, access.COMMENT, update)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": gettext("Write a message first.")})
    comment = UpdateComment.objects.create(update=update, author=actor, text=text)
    changelog.record(comment, ChangeLog.Kind.CREATE, actor=actor, after={"text": text})
    notices.message_added(comment, actor=actor)
    return comment
