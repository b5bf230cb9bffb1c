"""Every write of statements: keeping a statement read by the secretariat as a document, and
creating or matching the meetings it names, each on record as coming from that statement."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from workplan.core import access, changelog
from workplan.core.access import RECORD
from workplan.core.models import ChangeLog
from workplan.meetings.actions import ensure_body, ensure_meeting, update_meeting
from workplan.meetings.models import Body, Meeting, ordinal
from workplan.parties.models import Party
from workplan.statements.dates import PartialDate
from workplan.statements.gazetteer import BodyInfo
from workplan.statements.models import Statement


@dataclass
class MeetingChoice:
    """A proposed meeting as the user accepted it, corrections included."""

    body: BodyInfo
    number: int
    start: PartialDate
    end: PartialDate | None
    city: str
    country: Party | None
    found: dict  # what is kept in the statement's findings: the fields and the spans
    correct_record: bool = False  # the meeting is recorded: take the dates and place given here


@transaction.atomic
def record_statement(fields: dict, meetings: list[MeetingChoice], findings: dict, *, actor):
    """Keeps the statement, then links each accepted meeting: an existing meeting of the same
    body and number is matched (and corrected with the statement's dates and place when the
    person said the statement is right), otherwise the meeting (and, if unknown, its body) is
    created."""
    access.require(actor, RECORD, Statement)
    statement = Statement(**fields, findings=findings, created_by=actor)
    statement.full_clean()
    statement.save()
    linked, kept = [], []
    for choice in meetings:
        meeting, created = _meeting_for(choice, statement, actor)
        linked.append(meeting)
        kept.append({**choice.found, "meeting_id": meeting.pk, "created": created})
    statement.meetings.set(linked)
    statement.findings = {**findings, "meetings": kept}
    statement.save(update_fields=["findings"])
    changelog.record(
        statement, ChangeLog.Kind.CREATE, actor=actor, after=_snapshot(statement), message=""
    )
    return statement


def _meeting_for(choice: MeetingChoice, statement: Statement, actor) -> tuple[Meeting, bool]:
    source = f"statement #{statement.pk} “{statement.title}”"
    body = Body.objects.filter(key=choice.body.key).first() or _new_body(choice.body, actor, source)
    meeting = Meeting.objects.filter(body=body, number=choice.number).first()
    if meeting and choice.correct_record:
        fields = _meeting_fields(choice)
        meeting = update_meeting(meeting, fields, expected_version=meeting.version, actor=actor)
        _event(meeting, actor, f"Dates and place corrected from {source}, and linked to it.")
        return meeting, False
    if meeting:
        _event(meeting, actor, f"Linked to {source}.")
        return meeting, False
    try:
        meeting = ensure_meeting(body, choice.number, actor=actor, **_meeting_fields(choice))
    except ValidationError as error:
        where = f"{ordinal(choice.number)} {body}"
        raise ValidationError([
            gettext("%(meeting)s: %(message)s") % {"meeting": where, "message": message}
            for message in error.messages
        ]) from None  # fmt: skip
    _event(meeting, actor, f"Created from {source}.")
    return meeting, True


def _new_body(info: BodyInfo, actor, source: str) -> Body:
    level = info.level if info.level in Body.Level.values else Body.Level.SENIOR_OFFICIALS
    body = ensure_body(
        info.key, name=info.name, short_name=info.short_name, level=level, actor=actor
    )
    _event(body, actor, f"Created from {source}.")
    return body


def _meeting_fields(choice: MeetingChoice) -> dict:
    day = choice.start.precision == "day"
    end = choice.end.last_day() if choice.end and day else None
    return {
        "start_date": choice.start.first_day(),
        "end_date": end,
        "date_precision": choice.start.precision,
        "city": choice.city,
        "country": choice.country,
        "status": meeting_status(choice.start, choice.end),
    }


def meeting_status(start: PartialDate, end: PartialDate | None) -> str:
    """Held when its last day (the end of the month or year when that is all the text says) is
    before today; planned otherwise."""
    last = (end or start).last_day()
    return Meeting.Status.HELD if last < timezone.localdate() else Meeting.Status.PLANNED


def _event(obj, actor, message: str) -> None:
    changelog.record(obj, ChangeLog.Kind.EVENT, actor=actor, message=message)


def _snapshot(statement: Statement) -> dict:
    """The statement as the history shows it: its text and findings summed up, not copied."""
    data = changelog.snapshot(statement)
    data["text"] = f"{len(statement.text):,} characters"
    findings = statement.findings
    data["findings"] = ", ".join(
        f"{len(findings.get(name, []))} {label}"
        for name, label in [
            ("meetings", "meetings"),
            ("parties", "parties"),
            ("priority_areas", "priority areas"),
            ("commitments", "commitments"),
        ]
    )
    return data
