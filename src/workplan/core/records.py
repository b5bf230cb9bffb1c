"""The record kernel: the mechanics every write to a domain record shares, written once.

An app's action says what changes and which rules apply; the kernel does the rest:

- `create(obj, actor=...)`: saves a new record, sets its many-to-many relations and writes the
  change-log row.
- `locked(record, actor=..., action=...)`: the row locked, after the access rules allowed it.
- `with changing(record, actor=..., action=..., expected_version=...) as edit:` locks the row,
  asks the access rules, refuses a save based on an older version (`EditConflict`, listing the
  changes made since), takes the snapshot; the block sets fields and checks the rules on
  `edit.record`; on leaving it, a change that changes nothing is not written (the version
  stays), anything else raises the version, saves, sets `edit.relations`, runs `edit.then`
  and writes one change-log row (an event always gets its row, with its message).
- `locked_versions(queryset, expected)`: the same version check for many rows at once (the
  Excel import), locking them.
- `problems(obj)` and `refuse(errors)`: a model's own rules by field, and the refusal that
  names every field at once.
- `VersionedForm` carries the version an editor started from; `core.forms.submit` runs the
  action with it and shows a refusal or a conflict on the form; `core.api` answers a conflict
  with 412.
"""

import contextlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from workplan.core import access, changelog
from workplan.core.models import ChangeLog

CHANGE = access.CHANGE


@dataclass
class EditConflict(Exception):
    """Someone saved the record after the editor opened it; their changes are listed."""

    current: Model
    changes_since: list[ChangeLog]

    def __str__(self) -> str:
        return _("%(record)s was changed by someone else since it was opened.") % {
            "record": self.current
        }


def check_version(current: Model, expected_version: int) -> None:
    """Refuses a save based on an older version, listing the changes made since."""
    if current.version != expected_version:
        raise EditConflict(current, changes_since(current, expected_version))


def changes_since(obj: Model, version: int) -> list[ChangeLog]:
    """The change-log rows of `obj` written after it had `version`, oldest first."""
    rows = changelog.history_of(obj).filter(object_version__gt=version)
    return list(rows.order_by("timestamp", "id"))


def locked_versions(queryset: QuerySet, expected: dict[int, int]) -> dict[int, EditConflict]:
    """Locks the rows of `expected` ({pk: version the writer read}) and returns an EditConflict
    for each row whose version moved on since (or that is gone)."""
    if not expected:
        return {}
    rows = {row.pk: row for row in queryset.select_for_update().filter(pk__in=list(expected))}
    conflicts = {}
    for pk, version in expected.items():
        row = rows.get(pk)
        if row is None or row.version != version:
            current = row if row is not None else queryset.model(pk=pk, version=-1)
            conflicts[pk] = EditConflict(current, changes_since(current, version))
    return conflicts


def problems(obj: Model, **full_clean_options) -> dict[str, list[str]]:
    """The model's own rules (fields and `clean()`), by field; database constraints are left
    to the actions, which word them better."""
    options = {"validate_unique": False, "validate_constraints": False, **full_clean_options}
    try:
        obj.full_clean(**options)
    except ValidationError as error:
        return error.message_dict
    return {}


def refuse(errors: dict[str, list[str]]) -> None:
    """Raises every problem at once, by field, when there is any."""
    if any(errors.values()):
        raise ValidationError({name: messages for name, messages in errors.items() if messages})


def add_problem(errors: dict, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def set_fields(obj: Model, data: dict, names) -> None:
    """Copies the `names` present in `data` onto `obj`."""
    for name in names:
        if name in data:
            setattr(obj, name, data[name])


def create(
    obj: Model,
    *,
    actor,
    relations: dict | None = None,
    snapshot=changelog.snapshot,
    message: str = "",
    save=None,
) -> Model:
    """Saves a new record (with `save` when the caller needs its own, e.g. for a unique code),
    sets its many-to-many relations and writes its change-log row."""
    (save or obj.save)()
    for name, objects in (relations or {}).items():
        getattr(obj, name).set(objects)
    changelog.record(obj, ChangeLog.Kind.CREATE, actor=actor, after=snapshot(obj), message=message)
    return obj


@dataclass
class Edit:
    """A record being changed inside `changing`: set fields on `record`, put many-to-many
    values in `relations`, steps to run after the save (e.g. dependent rows) in `then`."""

    record: Model
    before: dict
    relations: dict = field(default_factory=dict)
    then: list = field(default_factory=list)
    save: object = None
    always_write: bool = False


def locked(record: Model, *, actor, action: str = CHANGE, queryset: QuerySet | None = None):
    """`record`'s row read again and locked until the transaction ends (call it inside one),
    after the access rules allowed `actor` to do `action` to it."""
    rows = queryset if queryset is not None else type(record)._default_manager.all()
    current = rows.select_for_update().get(pk=record.pk)
    access.require(actor, action, current)
    return current


@contextlib.contextmanager
def changing(
    record: Model,
    *,
    actor,
    action: str = CHANGE,
    expected_version: int | None = None,
    queryset: QuerySet | None = None,
    snapshot=changelog.snapshot,
    kind: str = ChangeLog.Kind.UPDATE,
    message: str = "",
):
    """Locks `record`'s row (read through `queryset` when given, e.g. with select_related),
    refuses an actor the access rules refuse and a save based on an older version, and yields
    the `Edit`; writes the change when the block ends without an error. Events (`kind` other
    than update) are always written, with their message."""
    with transaction.atomic():
        current = locked(record, actor=actor, action=action, queryset=queryset)
        if expected_version is not None:
            check_version(current, expected_version)
        edit = Edit(current, snapshot(current), always_write=kind != ChangeLog.Kind.UPDATE)
        yield edit
        _write(edit, actor, snapshot, kind, message)


def _write(edit: Edit, actor, snapshot, kind: str, message: str) -> None:
    record = edit.record
    if not edit.always_write and not edit.then and _unchanged(edit, snapshot):
        return
    record.version += 1
    (edit.save or record.save)()
    for name, objects in edit.relations.items():
        getattr(record, name).set(objects)
    for step in edit.then:
        step()
    after = snapshot(record)
    if edit.always_write or after != edit.before:
        changelog.record(
            record, kind, actor=actor, before=edit.before, after=after, message=message
        )


def _unchanged(edit: Edit, snapshot) -> bool:
    """True when saving would change nothing the history records; asked before the save, so
    only of records whose snapshot is the change log's own."""
    if snapshot is not changelog.snapshot:
        return False
    now = changelog.snapshot(edit.record, relations=False)
    if any(edit.before.get(name) != value for name, value in now.items()):
        return False
    record = edit.record
    return all(
        {obj.pk for obj in objects} == set(getattr(record, name).values_list("pk", flat=True))
        for name, objects in edit.relations.items()
    )
