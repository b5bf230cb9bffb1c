"""Every write of the meeting cycle: permission, one transaction, on record."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workplan.core import access, changelog
from workplan.core.files import removed_on_failure
from workplan.core.models import ChangeLog
from workplan.meetings.access import MANAGE, REPORT_PROGRESS, may_create_meeting
from workplan.meetings.models import (
    ActionItem,
    ActionNote,
    AgendaItem,
    Amendment,
    Body,
    CalendarFeed,
    Decision,
    Meeting,
    MeetingDocument,
)
from workplan.plans.actions import check_version
from workplan.reporting.evidence import detect_type, named_for_type

MEETING_FIELDS = [
    "body",
    "number",
    "plan",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "country",
    "chair",
    "status",
    "note",
]
AGENDA_FIELDS = ["title", "noted"]
ACTION_FIELDS = ["text", "due_date", "due_by_next_meeting_of", "status"]
Kind = ChangeLog.Kind


@transaction.atomic
def ensure_body(key: str, *, actor=None, **fields) -> Body:
    """The body with this key, created if it is not there yet."""
    body = Body.objects.filter(key=key).first()
    if body:
        return body
    return _create(Body(key=key, **fields), actor)


@transaction.atomic
def ensure_meeting(body: Body, number: int, *, actor=None, **fields) -> Meeting:
    """The meeting of `body` with this ordinal number, created if it is not there yet."""
    meeting = Meeting.objects.filter(body=body, number=number).first()
    if meeting:
        return meeting
    return _create(Meeting(body=body, number=number, **fields), actor)


def _create(obj, actor, message: str = ""):
    obj.full_clean()
    obj.save()
    changelog.record(obj, Kind.CREATE, actor=actor, after=changelog.snapshot(obj), message=message)
    return obj


# Meetings


@transaction.atomic
def create_meeting(data: dict, *, actor) -> Meeting:
    _require_secretariat(actor)
    meeting = Meeting(**{name: data.get(name) for name in MEETING_FIELDS if name in data})
    _check_meeting(meeting)
    meeting.save()
    meeting.participants.set(data.get("participants", []))
    changelog.record(meeting, Kind.CREATE, actor=actor, after=changelog.snapshot(meeting))
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, data: dict, *, expected_version: int, actor) -> Meeting:
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    access.require(actor, MANAGE, current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    for name in MEETING_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_meeting(current)
    current.version += 1
    current.save()
    if "participants" in data:
        current.participants.set(data["participants"])
    _record_update(current, before, actor)
    return current


def _check_meeting(meeting: Meeting) -> None:
    errors = {}
    try:
        meeting.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        errors.setdefault("end_date", []).append("The meeting cannot end before it starts.")
    same = Meeting.objects.filter(body_id=meeting.body_id, number=meeting.number)
    if meeting.body_id and meeting.number is not None and same.exclude(pk=meeting.pk).exists():
        taken = same.exclude(pk=meeting.pk).get()
        errors.setdefault("number", []).append(
            f"The {taken} is already recorded ({taken.dates_label}); choose another number."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_document(meeting: Meeting, upload, *, actor) -> MeetingDocument:
    """Attaches a file to a meeting after checking its real type and size."""
    access.require(actor, MANAGE, meeting)
    try:
        content_type = detect_type(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    name = named_for_type(upload.name, content_type)
    document = MeetingDocument(
        meeting=meeting,
        original_name=name[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    document.file.save(name, upload, save=False)
    with removed_on_failure(document.file):
        document.save()
        changelog.record(document, Kind.CREATE, actor=actor, after=changelog.snapshot(document))
    return document


# Agenda, decisions, action items


@transaction.atomic
def add_agenda_item(meeting: Meeting, data: dict, *, actor) -> AgendaItem:
    access.require(actor, MANAGE, meeting)
    item = AgendaItem(meeting=meeting, position=meeting.agenda_items.count() + 1)
    for name in AGENDA_FIELDS:
        setattr(item, name, data.get(name, ""))
    item.full_clean()
    item.save()
    _set(item, data, ["areas", "activities"])
    changelog.record(item, Kind.CREATE, actor=actor, after=changelog.snapshot(item))
    return item


@transaction.atomic
def update_agenda_item(item: AgendaItem, data: dict, *, expected_version: int, actor):
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    access.require(actor, MANAGE, current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    for name in AGENDA_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    current.full_clean()
    current.version += 1
    current.save()
    _set(current, data, ["areas", "activities"])
    _record_update(current, before, actor)
    return current


@transaction.atomic
def add_decision(item: AgendaItem, text: str, *, actor) -> Decision:
    access.require(actor, MANAGE, item)
    if not (text or "").strip():
        raise ValidationError({"text": "Write the decision as the meeting took it."})
    decision = Decision(agenda_item=item, text=text.strip())
    return _create(decision, actor)


@transaction.atomic
def add_action_item(item: AgendaItem, data: dict, *, actor) -> ActionItem:
    access.require(actor, MANAGE, item)
    action = ActionItem(agenda_item=item)
    for name in ACTION_FIELDS:
        if name in data:
            setattr(action, name, data[name])
    _check_action(action, data.get("owners"))
    action.save()
    _set(action, data, ["owners", "activities"])
    changelog.record(action, Kind.CREATE, actor=actor, after=changelog.snapshot(action))
    return action


@transaction.atomic
def update_action_item(action: ActionItem, data: dict, *, expected_version: int, actor):
    current = ActionItem.objects.select_for_update().get(pk=action.pk)
    access.require(actor, MANAGE, current)
    check_version(current, expected_version)
    before = changelog.snapshot(current)
    for name in ACTION_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_action(current, data.get("owners", list(current.owners.all())))
    _close_if_finished(current)
    current.version += 1
    current.save()
    _set(current, data, ["owners", "activities"])
    _record_update(current, before, actor)
    return current


def _check_action(action: ActionItem, owners) -> None:
    errors = {}
    try:
        action.full_clean(exclude=["closed_on"])
    except ValidationError as error:
        errors = error.message_dict
    if not owners:
        errors.setdefault("owners", []).append("An action item needs at least one owner party.")
    if action.due_date and action.due_by_next_meeting_of_id:
        errors.setdefault("due_date", []).append("Give a date or a next meeting, not both.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_action_progress(action: ActionItem, text: str, status: str, *, actor) -> ActionNote:
    """An owner's focal point notes progress and sets the item's status."""
    current = ActionItem.objects.select_for_update().get(pk=action.pk)
    access.require(actor, REPORT_PROGRESS, current)
    if not (text or "").strip():
        raise ValidationError({"text": "Say what was done."})
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": "Choose a status."})
    before = changelog.snapshot(current)
    current.status = status
    _close_if_finished(current)
    current.version += 1
    current.save()
    note = ActionNote.objects.create(
        action_item=current, author=actor, text=text.strip(), status_after=status
    )
    changelog.record(
        current,
        Kind.EVENT,
        actor=actor,
        before=before,
        after=changelog.snapshot(current),
        message=f"Progress note: {note.text}",
    )
    return note


def _close_if_finished(action: ActionItem) -> None:
    if action.is_open:
        action.closed_on = None
    elif action.closed_on is None:
        action.closed_on = timezone.localdate()


# Amendments


@transaction.atomic
def add_amendment(meeting: Meeting, data: dict, *, actor) -> Amendment:
    """Records a change to the plan, proposed to or adopted at a meeting."""
    access.require(actor, MANAGE, meeting)
    if meeting.plan_id is None:
        raise ValidationError("This meeting reviews no plan; set its plan first.")
    amendment = Amendment(plan_id=meeting.plan_id, meeting=meeting)
    for name in ("kind", "activity", "commitment", "description", "status"):
        if name in data:
            setattr(amendment, name, data[name])
    errors = {}
    try:
        amendment.full_clean()
    except ValidationError as error:
        errors = error.message_dict
    for name in ("activity", "commitment"):
        target = data.get(name)
        if target is not None and _plan_of(target) != meeting.plan_id:
            errors.setdefault(name, []).append("Choose one of this plan's.")
    if errors:
        raise ValidationError(errors)
    amendment.save()
    changelog.record(amendment, Kind.CREATE, actor=actor, after=changelog.snapshot(amendment))
    return amendment


@transaction.atomic
def adopt_amendment(amendment: Amendment, *, actor) -> Amendment:
    access.require(actor, MANAGE, amendment)
    if amendment.status == Amendment.Status.ADOPTED:
        raise ValidationError("This amendment is already adopted.")
    before = changelog.snapshot(amendment)
    amendment.status = Amendment.Status.ADOPTED
    amendment.save()
    changelog.record(
        amendment,
        Kind.EVENT,
        actor=actor,
        before=before,
        after=changelog.snapshot(amendment),
        message=amendment.adopted_label,
    )
    return amendment


def _plan_of(target) -> int:
    return target.plan_id if hasattr(target, "plan_id") else target.area.plan_id


# Calendar


@transaction.atomic
def reset_calendar_feed(user) -> CalendarFeed:
    """Gives the user a new secret calendar address; the old one stops working."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user, defaults={"token": _token()})
    feed.token = _token()
    feed.save()
    changelog.record(feed, Kind.EVENT, actor=user, message="Calendar address reset")
    return feed


def calendar_feed_of(user) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed or reset_calendar_feed(user)


def _token() -> str:
    return secrets.token_urlsafe(32)


# Shared steps


def _require_secretariat(actor) -> None:
    if not may_create_meeting(actor):
        raise PermissionDenied("Only the ASEAN Secretariat manages meetings.")


def _set(obj, data: dict, names: list[str]) -> None:
    for name in names:
        if name in data:
            getattr(obj, name).set(data[name])


def _record_update(current, before: dict, actor) -> None:
    after = changelog.snapshot(current)
    if after != before:
        changelog.record(current, Kind.UPDATE, actor=actor, before=before, after=after)
