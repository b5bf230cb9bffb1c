"""Every write to bodies and meetings."""

from django.db import transaction

from workplan.core import changelog
from workplan.core.models import ChangeLog
from workplan.meetings.models import Body, Meeting


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


def _create(obj, actor):
    obj.full_clean()
    obj.save()
    changelog.record(obj, ChangeLog.Kind.CREATE, actor=actor, after=changelog.snapshot(obj))
    return obj
