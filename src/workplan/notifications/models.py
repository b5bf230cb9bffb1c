"""What users are told: notifications in the app, and whether each topic also goes by e-mail.

A notification stores the ids of the records it is about, never their names: the list and
the e-mail name them through the access rules of their reader when they are read or sent
(see `subjects.py`).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a user chooses to receive by e-mail; in the app every notification is shown."""

    REVIEW = "review", _("Updates submitted for review")
    OUTCOME = "outcome", _("My party's updates returned or accepted")
    MESSAGES = "messages", _("New messages in an update's discussion")
    ACTIONS = "actions", _("Action items given to my party")
    REMINDERS = "reminders", _("Reminders: updates and action items due soon or overdue")


class Notification(models.Model):
    """One thing one user is told about a record: a step of a review, a message, an action
    item given to their party, a reminder."""

    class Kind(models.TextChoices):
        UPDATE_SUBMITTED = "update_submitted", _("Update submitted for review")
        UPDATE_RETURNED = "update_returned", _("Update returned")
        UPDATE_ACCEPTED = "update_accepted", _("Update accepted")
        UPDATE_MESSAGE = "update_message", _("New message on an update")
        ACTION_ASSIGNED = "action_assigned", _("Action item given to your party")
        UPDATE_DUE_SOON = "update_due_soon", _("Progress update due soon")
        UPDATE_OVERDUE = "update_overdue", _("Progress update overdue")
        ACTION_OVERDUE = "action_overdue", _("Action item overdue")

    TOPIC_OF = {
        Kind.UPDATE_SUBMITTED: Topic.REVIEW,
        Kind.UPDATE_RETURNED: Topic.OUTCOME,
        Kind.UPDATE_ACCEPTED: Topic.OUTCOME,
        Kind.UPDATE_MESSAGE: Topic.MESSAGES,
        Kind.ACTION_ASSIGNED: Topic.ACTIONS,
        Kind.UPDATE_DUE_SOON: Topic.REMINDERS,
        Kind.UPDATE_OVERDUE: Topic.REMINDERS,
        Kind.ACTION_OVERDUE: Topic.REMINDERS,
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    # A second record the sentence names, e.g. the reporting period an update is due for.
    context_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    context_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"]),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id} ({self.subject_id})"

    def get_absolute_url(self) -> str:
        return reverse("notifications:notification_list")

    @property
    def topic(self) -> Topic:
        return self.TOPIC_OF[self.kind]

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class EmailPreference(models.Model):
    """Whether a user is e-mailed about one topic; a topic the user never set is e-mailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_preference_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {'e-mail' if self.by_email else 'app only'}"
