"""People who use Work Plan Monitor, each with a role and, for most, a party."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An official with an account: secretariat officer, a party's focal point, or a viewer."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        FOCAL_POINT = "focal_point", _("Focal point")
        VIEWER = "viewer", _("Viewer")

    role = models.CharField(
        max_length=20, choices=Role.choices, default=Role.VIEWER, verbose_name=_("role")
    )
    party = models.ForeignKey(
        "parties.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("party"),
    )
    # Kept by the notifications app on every notification and reading mark, so that the count
    # in every page's header comes with the user's row instead of costing a query.
    unread_notifications = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("unread notifications")
    )
    # The language last chosen with the switcher: e-mails to the user are written in it.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, blank=True, verbose_name=_("language")
    )

    def __str__(self) -> str:
        name = self.get_full_name() or self.username
        party = f", {self.party.name}" if self.party_id else ""
        return f"{name} ({self.get_role_display()}{party})"

    def clean(self):
        super().clean()
        if self.role == self.Role.FOCAL_POINT and not self.party_id:
            raise ValidationError({"party": _("A focal point must belong to a party.")})

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.role == self.Role.SECRETARIAT or self.is_superuser)

    @property
    def is_focal_point(self) -> bool:
        return self.is_active and self.role == self.Role.FOCAL_POINT and self.party_id is not None


class ApiToken(models.Model):
    """A personal key with which a program acts for its user through the API; only a hash of
    the key is kept, and the key is shown once, when it is made."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        max_length=100,
        help_text=_("What the token is for, e.g. “Ministry MIS”."),
        verbose_name=_("name"),
    )
    prefix = models.CharField(max_length=12, unique=True, verbose_name=_("prefix"))
    key_hash = models.CharField(max_length=64, verbose_name=_("key hash"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def hash_key(key: str) -> str:
        """Keys are long and random, so one SHA-256 is enough to make a stolen table useless."""
        return hashlib.sha256(key.encode()).hexdigest()
