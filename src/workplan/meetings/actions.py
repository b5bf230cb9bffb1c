"""Every write of the meeting cycle: permission, one transaction, on record."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workplan.core import access, changelog, clock, records
from workplan.core.access import CHANGE, REPORT
from workplan.core.models import ChangeLog
from workplan.meetings import notices
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
from workplan.reporting.evidence import store_upload

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
MEETING_RELATIONS = ["participants", "noted_plans"]
AGENDA_FIELDS = ["title", "noted"]
ACTION_FIELDS = ["text", "due_date", "due_by_next_meeting_of", "status"]
ACTION_RELATIONS = ["owners", "activities"]
Kind = ChangeLog.Kind


@transaction.atomic
def ensure_body(key: str, *, actor=None, **fields) -> Body:
    """The body with this key, created if it is not there yet."""
    body = Body.objects.filter(key=key).first()
    if body:
        return body
    return _create(Body(key=key, **fields), actor)


BODY_FIELDS = ["key", "name", "short_name", "level", "lead_party"]


@transaction.atomic
def create_body(data: dict, *, actor) -> Body:
    """Adds a meeting body (SOMTC + China...), shared by every plan; the Secretariat."""
    access.require(actor, access.ADD, Body)
    body = Body()
    records.set_fields(body, data, BODY_FIELDS)
    records.refuse(body_problems(body))
    return records.create(body, actor=actor)


def update_body(body: Body, data: dict, *, expected_version: int, actor) -> Body:
    """Saves an edit of a body (its names, key, level, lead party) by the Secretariat, unless
    it was saved since the editor opened it; the rules are those of a new body."""
    with records.changing(body, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, BODY_FIELDS)
        records.refuse(body_problems(edit.record))
    return edit.record


def body_problems(body: Body) -> dict:
    """A body's rules, by field: its fields, and a key no other body has."""
    errors = records.problems(body)
    taken = Body.objects.filter(key=body.key).exclude(pk=body.pk)
    if body.key and taken.exists():
        records.add_problem(
            errors, "key", _("The key %(key)s is used by another body.") % {"key": body.key}
        )
    return errors


@transaction.atomic
def ensure_meeting(body: Body, number: int, *, actor=None, **fields) -> Meeting:
    """The meeting of `body` with this ordinal number, created if it is not there yet."""
    meeting = Meeting.objects.filter(body=body, number=number).first()
    if meeting:
        return meeting
    return _create(Meeting(body=body, number=number, **fields), actor)


def _create(obj, actor, relations: dict | None = None):
    obj.full_clean()
    return records.create(obj, actor=actor, relations=relations)


# Meetings


@transaction.atomic
def create_meeting(data: dict, *, actor) -> Meeting:
    access.require(actor, access.ADD, Meeting)
    meeting = Meeting(**{name: data.get(name) for name in MEETING_FIELDS if name in data})
    _check_meeting(meeting, data.get("noted_plans", []))
    return records.create(meeting, actor=actor, relations=_relations(data, MEETING_RELATIONS))


def update_meeting(meeting: Meeting, data: dict, *, expected_version: int, actor) -> Meeting:
    """Saves an edit of a meeting, its participants and the plans it also notes, unless it was
    saved since the editor opened it."""
    with records.changing(meeting, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, MEETING_FIELDS)
        _check_meeting(edit.record, data.get("noted_plans", edit.record.noted_plans.all()))
        edit.relations = _relations(data, MEETING_RELATIONS)
    return edit.record


def _check_meeting(meeting: Meeting, noted_plans) -> None:
    errors = records.problems(meeting)
    if meeting.plan_id and any(plan.pk == meeting.plan_id for plan in noted_plans):
        records.add_problem(
            errors,
            "noted_plans",
            _("The meeting reviews %(plan)s; it is not also one it notes.")
            % {"plan": meeting.plan},
        )
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        records.add_problem(errors, "end_date", _("The meeting cannot end before it starts."))
    same = Meeting.objects.filter(body_id=meeting.body_id, number=meeting.number)
    if meeting.body_id and meeting.number is not None and same.exclude(pk=meeting.pk).exists():
        taken = same.exclude(pk=meeting.pk).get()
        records.add_problem(
            errors,
            "number",
            _("The %(meeting)s is already recorded (%(dates)s); choose another number.")
            % {"meeting": taken, "dates": taken.dates_label},
        )
    records.refuse(errors)


@transaction.atomic
def add_document(meeting: Meeting, upload, *, actor) -> MeetingDocument:
    """Attaches a file to a meeting after checking its real type and size."""
    access.require(actor, CHANGE, meeting)
    return store_upload(MeetingDocument(meeting=meeting), upload, actor=actor)


# Agenda, decisions, action items


@transaction.atomic
def add_agenda_item(meeting: Meeting, data: dict, *, actor) -> AgendaItem:
    access.require(actor, CHANGE, meeting)
    item = AgendaItem(meeting=meeting, position=meeting.agenda_items.count() + 1)
    for name in AGENDA_FIELDS:
        setattr(item, name, data.get(name, ""))
    item.full_clean()
    _check_links(meeting, data)
    return _create(item, actor, _relations(data, ["areas", "activities"]))


def update_agenda_item(item: AgendaItem, data: dict, *, expected_version: int, actor):
    with records.changing(item, actor=actor, expected_version=expected_version) as edit:
        records.set_fields(edit.record, data, AGENDA_FIELDS)
        edit.record.full_clean()
        _check_links(edit.record.meeting, data)
        edit.relations = _relations(data, ["areas", "activities"])
    return edit.record


@transaction.atomic
def add_decision(item: AgendaItem, text: str, *, actor) -> Decision:
    access.require(actor, CHANGE, item)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the decision as the meeting took it.")})
    decision = Decision(agenda_item=item, text=text.strip())
    return _create(decision, actor)


@transaction.atomic
def add_action_item(item: AgendaItem, data: dict, *, actor) -> ActionItem:
    access.require(actor, CHANGE, item)
    action = ActionItem(agenda_item=item)
    records.set_fields(action, data, ACTION_FIELDS)
    _check_action(action, data.get("owners"))
    _check_links(item.meeting, data)
    records.create(action, actor=actor, relations=_relations(data, ACTION_RELATIONS))
    notices.action_given(action, [party.pk for party in data["owners"]], actor=actor)
    return action


@transaction.atomic
def update_action_item(action: ActionItem, data: dict, *, expected_version: int, actor):
    """Changes an action item; parties added to its owners are told it is theirs."""
    with records.changing(action, actor=actor, expected_version=expected_version) as edit:
        current = edit.record
        owners_before = set(current.owners.values_list("pk", flat=True))
        records.set_fields(current, data, ACTION_FIELDS)
        _check_action(current, data.get("owners", list(current.owners.all())))
        _check_links(current.agenda_item.meeting, data)
        _close_if_finished(current)
        edit.relations = _relations(data, ACTION_RELATIONS)
    added = {party.pk for party in data.get("owners", [])} - owners_before
    notices.action_given(current, sorted(added), actor=actor)
    return current


def _check_links(meeting: Meeting, data: dict) -> None:
    """Agenda and action items link only areas and activities of the plan their meeting reviews
    (none when it reviews none), refused by name."""
    errors = {}
    for area in data.get("areas", []):
        if area.plan_id != meeting.plan_id:
            errors.setdefault("areas", []).append(
                _("'%(area)s' is not an area of this meeting's plan.") % {"area": area.name}
            )
    for activity in data.get("activities", []):
        if activity.plan_id != meeting.plan_id:
            errors.setdefault("activities", []).append(
                _("'%(code)s' is not an activity of this meeting's plan.") % {"code": activity.code}
            )
    if errors:
        raise ValidationError(errors)


def _check_action(action: ActionItem, owners) -> None:
    errors = records.problems(action, exclude=["closed_on"])
    if not owners:
        records.add_problem(errors, "owners", _("An action item needs at least one owner party."))
    if action.due_date and action.due_by_next_meeting_of_id:
        records.add_problem(errors, "due_date", _("Give a date or a next meeting, not both."))
    records.refuse(errors)


def report_action_progress(action: ActionItem, text: str, status: str, *, actor) -> ActionNote:
    """An owner's focal point notes progress and sets the item's status."""
    text = (text or "").strip()
    with records.changing(
        action, actor=actor, action=REPORT, kind=Kind.EVENT, message=f"Progress note: {text}"
    ) as edit:
        if not text:
            raise ValidationError({"text": _("Say what was done.")})
        if status not in ActionItem.Status.values:
            raise ValidationError({"status": _("Choose a status.")})
        edit.record.status = status
        _close_if_finished(edit.record)
        note = ActionNote(action_item=edit.record, author=actor, text=text, status_after=status)
        edit.then.append(note.save)
    return note


def _close_if_finished(action: ActionItem) -> None:
    if action.is_open:
        action.closed_on = None
    elif action.closed_on is None:
        action.closed_on = clock.today()


# Amendments


@transaction.atomic
def add_amendment(meeting: Meeting, data: dict, *, actor) -> Amendment:
    """Records a change to the plan, proposed to or adopted at a meeting."""
    access.require(actor, CHANGE, meeting)
    if meeting.plan_id is None:
        raise ValidationError(_("This meeting reviews no plan; set its plan first."))
    amendment = Amendment(plan_id=meeting.plan_id, meeting=meeting)
    records.set_fields(amendment, data, ("kind", "activity", "commitment", "description", "status"))
    errors = records.problems(amendment, validate_unique=True, validate_constraints=True)
    for name in ("activity", "commitment"):
        target = data.get(name)
        if target is not None and _plan_of(target) != meeting.plan_id:
            records.add_problem(errors, name, _("Choose one of this plan's."))
    records.refuse(errors)
    return records.create(amendment, actor=actor)


@transaction.atomic
def adopt_amendment(amendment: Amendment, *, actor) -> Amendment:
    access.require(actor, CHANGE, amendment)
    if amendment.status == Amendment.Status.ADOPTED:
        raise ValidationError(_("This amendment is already adopted."))
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


def _relations(data: dict, names: list[str]) -> dict:
    return {name: data[name] for name in names if name in data}
