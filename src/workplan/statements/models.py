"""Statements read into the system: a joint statement, a chairman's statement or a press
release, kept as a document with what was found in it and the meetings it was linked to."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    """A published statement a secretariat officer read into the system, kept as a document."""

    title = models.CharField(max_length=300, verbose_name=_("title"))
    text = models.TextField(verbose_name=_("text"))
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    published = models.DateField(_("published on"), null=True, blank=True)
    findings = models.JSONField(
        default=dict,
        blank=True,
        help_text="What was read and kept: meetings, parties, areas, commitments, with spans.",
        verbose_name=_("findings"),
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting", blank=True, related_name="statements", verbose_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="read by"
    )
    created_at = models.DateTimeField("read on", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Statement #{self.pk}: {self.title}" if self.pk else self.title

    def get_absolute_url(self) -> str:
        return reverse("statements:statement_detail", args=[self.pk])
