"""The change log: every change to a domain object, with who, when and what."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


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
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.object_repr} at {self.timestamp:%Y-%m-%d %H:%M} UTC"
        )

    def changes(self) -> list[tuple[str, object, object]]:
        """The fields that differ, as (label, before, after), labelled as the model names them."""
        before, after = self.before or {}, self.after or {}
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        names = self.changed_fields()
        return [(_label(model, name), before.get(name), after.get(name)) for name in names]

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return [name for name in {**before, **after} if before.get(name) != after.get(name)]


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # a field since removed from the model keeps its stored name
        return name.replace("_", " ").capitalize()
