"""What account security keeps: an audit trail of sign-ins and changes, and each open session."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    """One security event on an account: a sign-in, a failed attempt, a lockout, a password or
    two-step change. Never holds a secret (no password, code or token)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOCKOUT = "lockout", _("Sign-in paused after repeated failures")
        LOGOUT = "logout", _("Signed out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        SESSION_ENDED = "session_ended", _("Session ended by the user")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        MFA_ENABLED = "mfa_enabled", _("Two-step sign-in turned on")
        MFA_DISABLED = "mfa_disabled", _("Two-step sign-in turned off")
        MFA_FAILED = "mfa_failed", _("Wrong two-step code")
        RECOVERY_CODES = "recovery_codes", _("New recovery codes made")
        DEACTIVATED = "deactivated", _("Account deactivated")

    timestamp = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, help_text=_("As typed, for failures."))
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["kind", "ip", "timestamp"]),
            models.Index(fields=["kind", "username", "ip", "timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.timestamp:%Y-%m-%d %H:%M} UTC"


class UserSession(models.Model):
    """A signed-in session of a user, so the user can see where they are signed in and end it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Session of {self.user} from {self.ip}"
