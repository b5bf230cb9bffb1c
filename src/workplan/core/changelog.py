"""Recording changes: snapshots of domain objects and the rows of the change log.

Values are stored as people read them (labels, not codes), in the site's language whatever
the language of the person who made the change, so that rows compare and read back alike. A
linked record is stored as a reference: its kind and id, and its name as it read then. The name
is shown only to readers who may see that record when they read the row
(`core.history.name_links`); others read "a record you cannot see". So the history stays
readable after a linked record is renamed or archived, and never names what its reader may not
open.
"""

import contextlib
import contextvars
import datetime
import decimal
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import Signal
from django.utils import translation

from workplan.core import clock
from workplan.core.models import ChangeLog

_request_id: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "workplan_request_id", default=None
)
NOT_RECORDED = {"id", "version", "created_at", "updated_at"}


@contextlib.contextmanager
def request_scope(request_id: uuid.UUID | None = None):
    """Groups every change made inside the block under one request id."""
    token = _request_id.set(request_id or uuid.uuid4())
    try:
        yield _request_id.get()
    finally:
        _request_id.reset(token)


def snapshot(obj, *, relations: bool = True) -> dict:
    """The object's recorded fields, each as a person would read it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot(obj, relations=relations)


def logged_choices(choices) -> dict[str, str]:
    """Each choice's value by the label the change log writes it with (the site's language),
    for the readers that turn a recorded value back into the field's own."""
    with translation.override(settings.LANGUAGE_CODE):
        return {str(label): value for value, label in choices}


def _snapshot(obj, *, relations: bool) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name not in NOT_RECORDED:
            data[field.name] = _readable(obj, field)
    for field in obj._meta.many_to_many if relations else []:
        data[field.name] = references(getattr(obj, field.name).all())
    return data


def reference(related) -> dict:
    """A linked record as a row keeps it: its kind and id, to ask at read time whether the
    reader may see it, and its name as it read at the time of the change."""
    return {"ref": related._meta.label_lower, "id": related.pk, "name": str(related)}


def references(related) -> list[dict]:
    """Linked records (a many-to-many field), in the order of their names."""
    return sorted((reference(item) for item in related), key=lambda ref: (ref["name"], ref["id"]))


def _readable(obj, field):
    raw = getattr(obj, field.attname)
    if raw is None:
        return None
    if field.is_relation:
        return reference(getattr(obj, field.name))
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, models.FileField):
        return raw.name or None
    if isinstance(raw, datetime.datetime):
        return f"{raw.astimezone(datetime.UTC):%-d %b %Y, %H:%M} UTC"
    if isinstance(raw, datetime.date | decimal.Decimal):
        return str(raw)
    return raw


# Every write is recorded here once it is complete (fields and relations saved), inside its
# transaction: what must follow every write of a kind, in the same transaction (the tallies of
# `reporting.tally`), listens to `recorded`, sent with the objects written.
recorded = Signal()


def record(obj, kind, *, actor, before=None, after=None, message: str = "") -> ChangeLog:
    """Writes one change-log row for `obj`; call it inside the action's transaction."""
    row = ChangeLog.objects.create(**_row(obj, kind, actor, before, after, message))
    recorded.send(sender=ChangeLog, objects=[obj])
    return row


# Bulk writes (the import) save records without their `post_save` signal; they all record their
# change-log rows here, so what must follow every write (the search index) listens to this.
written_many = Signal()


def record_many(entries: list[tuple], *, actor, message: str = "") -> None:
    """Writes one row per (obj, kind, before, after), in one statement."""
    rows = [_row(obj, kind, actor, before, after, message) for obj, kind, before, after in entries]
    ChangeLog.objects.bulk_create([ChangeLog(**row) for row in rows])
    objects = [entry[0] for entry in entries]
    written_many.send(sender=ChangeLog, objects=objects)
    recorded.send(sender=ChangeLog, objects=objects)


def _row(obj, kind, actor, before, after, message) -> dict:
    return {
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "actor_label": str(actor) if getattr(actor, "is_authenticated", False) else "System",
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": obj.pk,
        "object_repr": str(obj)[:300],
        "object_version": getattr(obj, "version", None),
        "kind": kind,
        "message": message,
        "before": before,
        "after": after,
        "request_id": _request_id.get(),
        "timestamp": clock.now(),
    }


def history_of(obj):
    """The log rows of one object, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return ChangeLog.objects.filter(content_type=content_type, object_id=obj.pk)
