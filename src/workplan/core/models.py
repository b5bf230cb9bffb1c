"""The change log: every change to a domain object, with who, when and what."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HIDDEN = "a record you cannot see"


class ChangeLog(models.Model):
    """One change to one domain object: who made it, when (UTC), and its values before and after."""

    class Kind(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        ARCHIVE = "archive", "Archived"
        RESTORE = "restore", "Restored"
        EVENT = "event", "Event"

    timestamp = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=300)
    object_version = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.TextField(blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-timestamp"]),
            # newest first, for the history lists that read the latest few of every object
            models.Index(fields=["-timestamp", "-id"], name="core_changelog_newest"),
            # newest first of one kind of record (the dashboard's recent changes)
            models.Index(
                fields=["content_type", "-timestamp", "-id"], name="core_changelog_kind_newest"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.object_repr} at {self.timestamp:%Y-%m-%d %H:%M} UTC"
        )

    # The linked records the reader may see, as (kind, id): set for a reader by
    # `core.history.name_links`; until then no linked record is named.
    seen_links: frozenset = frozenset()

    def changes(self) -> list[tuple[str, object, object]]:
        """The fields that differ, as (label, before, after), labelled as the model names them;
        linked records named only if the reader may see them."""
        before, after = self.shown_before or {}, self.shown_after or {}
        model = self._model()
        names = self.changed_fields()
        return [(_label(model, name), before.get(name), after.get(name)) for name in names]

    @property
    def shown_before(self) -> dict | None:
        return self._shown(self.before)

    @property
    def shown_after(self) -> dict | None:
        return self._shown(self.after)

    def links(self) -> list[dict]:
        """Every linked record the row refers to, before and after."""
        values = [*(self.before or {}).values(), *(self.after or {}).values()]
        found = []
        for value in values:
            found += [item for item in _as_list(value) if _is_link(item)]
        return found

    def _shown(self, values: dict | None) -> dict | None:
        if values is None:
            return None
        model = self._model()
        return {name: self._shown_value(model, name, value) for name, value in values.items()}

    def _shown_value(self, model, name: str, value):
        if isinstance(value, list) and any(_is_link(item) for item in value):
            return [self._name(item) for item in value]
        if _is_link(value):
            return self._name(value)
        if value is not None and value != [] and _is_relation(model, name):
            # written before links were kept by id: the name cannot be checked, so it is not shown
            return [HIDDEN] * len(value) if isinstance(value, list) else HIDDEN
        return value

    def _name(self, link) -> str:
        return link["name"] if (link["ref"], link["id"]) in self.seen_links else HIDDEN

    def _model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return [name for name in {**before, **after} if before.get(name) != after.get(name)]


def _is_link(value) -> bool:
    return isinstance(value, dict) and set(value) == {"ref", "id", "name"}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _is_relation(model, name: str) -> bool:
    try:
        return model is not None and model._meta.get_field(name).is_relation
    except FieldDoesNotExist:  # a field since removed from the model
        return False


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # a field since removed from the model keeps its stored name
        return name.replace("_", " ").capitalize()


class UploadedFile(models.Model):
    """What every stored upload records besides its file: the name it is served under, the
    type judged from its content, its size, who uploaded it and when (see
    `reporting.evidence.store_upload`). Each kind declares `file` with its own folder."""

    original_name = models.CharField(max_length=255, verbose_name=_("original name"))
    content_type = models.CharField(max_length=100, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
