"""Records as they stood at a past moment, read back from the change log.

Every write leaves a change-log row holding the record's fields after it (`changelog.snapshot`:
values as people read them, linked records by kind and id). The record as it stood at a moment
is the snapshot of its latest row before that moment, turned back into an unsaved instance of
its model (`as_of`); a record whose rows all come later did not exist then and is left out.
A record with no row at all (written before the change log, or in bulk) is taken as it is
now, if it was created before the moment (models with `created_at`) — the only guess made.

Fields a snapshot does not hold keep their present value; a many-to-many snapshot is kept as a
list of ids in `instance.as_of_relations[name]`.
"""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from workplan.core import changelog
from workplan.core.models import ChangeLog

TIMESTAMP_FORMAT = "%d %b %Y, %H:%M UTC"  # how `changelog._readable` writes a moment


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the current time zone: a cut-off on that date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def snapshots_before(model, ids, moment: datetime.datetime) -> dict[int, dict]:
    """{pk: the `after` of the record's latest change-log row before `moment`} (archived
    records included); one query. Records with no row before are absent."""
    rows = (
        ChangeLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(ids),
            timestamp__lt=moment,
        )
        .order_by("object_id", "timestamp", "id")
        .values_list("object_id", "after")
    )
    latest: dict[int, dict] = {}
    for object_id, after in rows.iterator(chunk_size=2000):
        if after is not None:
            latest[object_id] = after
    return latest


def logged_ids(model, ids) -> set[int]:
    """The ids among `ids` with any change-log row at all."""
    rows = ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
    )
    return set(rows.order_by().values_list("object_id", flat=True).distinct())


def as_of(records, moment: datetime.datetime) -> list[models.Model]:
    """`records` (instances of one model, as they are now) as they stood just before `moment`,
    in the same order; those that did not exist then are left out."""
    records = list(records)
    if not records:
        return []
    model = type(records[0])
    ids = [record.pk for record in records]
    snapshots = snapshots_before(model, ids, moment)
    unlogged = set(ids) - set(snapshots) - logged_ids(model, set(ids) - set(snapshots))
    result = []
    for record in records:
        if record.pk in snapshots:
            result.append(restore(record, snapshots[record.pk]))
        elif record.pk in unlogged and _created_before(record, moment):
            result.append(record)
    return result


def _created_before(record, moment) -> bool:
    created = getattr(record, "created_at", None)
    return created is None or created < moment


def restore(current: models.Model, snapshot: dict) -> models.Model:
    """A copy of `current` with the fields `snapshot` holds set back to their values then."""
    instance = type(current)(**{f.attname: getattr(current, f.attname) for f in _concrete(current)})
    instance._state.adding, instance._state.db = False, current._state.db
    instance.as_of_relations = {}
    instance.as_of_extra = {}
    fields = {f.name: f for f in _concrete(current)}
    many = {f.name for f in current._meta.many_to_many}
    for name, value in snapshot.items():
        if name in fields:
            field = fields[name]
            setattr(instance, field.attname, _value(field, value))
        elif name in many:
            instance.as_of_relations[name] = [item["id"] for item in value or [] if _link(item)]
        else:
            instance.as_of_extra[name] = value
    if hasattr(current, "_prefetched_objects_cache"):  # prefetched relations, as they are now
        instance._prefetched_objects_cache = current._prefetched_objects_cache
    for field in fields.values():  # related objects the copy shares with `current`
        same = getattr(current, field.attname) == getattr(instance, field.attname)
        if field.is_relation and same and field.is_cached(current):
            field.set_cached_value(instance, field.get_cached_value(current))
    return instance


def _concrete(obj) -> list:
    return obj._meta.concrete_fields


def _link(value) -> bool:
    return isinstance(value, dict) and "ref" in value and "id" in value


def _value(field, value):
    """A snapshot's value (as people read it) back into the field's own value."""
    if value is None:
        return None
    if field.is_relation:
        return value["id"] if _link(value) else None
    if field.choices:
        return changelog.logged_choices(field.flatchoices).get(value, value)
    if isinstance(field, models.DateTimeField):
        try:
            moment = datetime.datetime.strptime(value, TIMESTAMP_FORMAT)
        except (TypeError, ValueError):
            return None
        return moment.replace(tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(value)
    return value
