"""Progress reporting: periods, each party's updates on its activities, and their review."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_range_label
from workplan.core.models import UploadedFile
from workplan.plans.models import Activity


class ReportingPeriod(models.Model):
    """A stretch of a plan's time that parties report on, with the date updates are due."""

    plan = models.ForeignKey(
        "plans.WorkPlan", on_delete=models.PROTECT, related_name="periods", verbose_name=_("plan")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    start_date = models.DateField(verbose_name=_("start date"))
    end_date = models.DateField(verbose_name=_("end date"))
    due_date = models.DateField(_("updates due"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "start_date"]
        verbose_name = _("reporting period")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="period_name_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dates_label(self) -> str:
        return date_range_label(self.start_date, self.end_date)


class ProgressUpdate(models.Model):
    """What one party reports about one activity for one period, and where its review stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    activity = models.ForeignKey(
        "plans.Activity",
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("activity"),
    )
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="updates", verbose_name=_("period")
    )
    narrative = models.TextField(
        blank=True, help_text=_("What happened in this period."), verbose_name=_("narrative")
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, _("Percent complete lies between 0 and 100.")),
            MaxValueValidator(100, _("Percent complete lies between 0 and 100.")),
        ],
    )
    reported_status = models.CharField(
        _("activity status reported"), max_length=20, blank=True, choices=Activity.Status.choices
    )
    links = models.TextField(
        blank=True, help_text=_("Web addresses of evidence, one per line."), verbose_name=_("links")
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(blank=True, verbose_name=_("review comment"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period__start_date", "activity__code"]
        verbose_name = _("progress update")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "party", "period"], name="one_update_per_party_and_period"
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "status", "period"]),
            models.Index(fields=["status", "submitted_at"]),
            # the few waiting for review, whatever the statistics say of the status column
            models.Index(
                fields=["submitted_at"], condition=Q(status="submitted"), name="update_waiting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} · {self.party.code} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:update_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class IndicatorValue(models.Model):
    """The value an update reports for one of its activity's indicators."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="values", verbose_name=_("update")
    )
    indicator = models.ForeignKey(
        "plans.Indicator", on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, verbose_name=_("value"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Evidence(UploadedFile):
    """A file attached to an update as proof: a report, a photo, an attendance list."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("update")
    )
    file = models.FileField(upload_to="evidence/%Y/%m/", verbose_name=_("file"))
    archived_at = models.DateTimeField(null=True, blank=True, verbose_name=_("archived at"))

    class Meta(UploadedFile.Meta):
        verbose_name_plural = _("evidence")

    def get_absolute_url(self) -> str:
        return reverse("reporting:evidence_download", args=[self.pk])


class UpdateComment(models.Model):
    """A message in an update's discussion between the reporting party and the reviewer."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.PROTECT, related_name="comments", verbose_name=_("update")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(verbose_name=_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.update}"


class Reminder(models.Model):
    """A reminder e-mail already sent for one activity, party, period and stage: never twice."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    activity = models.ForeignKey(
        "plans.Activity", on_delete=models.CASCADE, related_name="+", verbose_name=_("activity")
    )
    party = models.ForeignKey(
        "parties.Party", on_delete=models.CASCADE, related_name="+", verbose_name=_("party")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    stage = models.CharField(max_length=10, choices=Stage.choices, verbose_name=_("stage"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("sent at"))
    recipients = models.TextField(verbose_name=_("recipients"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "party", "period", "stage"], name="one_reminder_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} reminder for {self.activity_id} ({self.period})"


class TallyDay(models.Model):
    """The day whose health a plan's tallies count (`reporting.tally`); no row: not tallied
    yet."""

    plan = models.OneToOneField(
        "plans.WorkPlan", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()

    def __str__(self) -> str:
        return f"plan {self.plan_id} tallied on {self.day}"


class TalliedActivity(models.Model):
    """What one activity last added to its plan's tallies, so that a change takes away exactly
    what was added; `health_until` is the first day its health may read otherwise."""

    activity = models.OneToOneField(
        "plans.Activity", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey("plans.WorkPlan", on_delete=models.CASCADE, related_name="+")
    facts = models.JSONField(null=True)
    health_until = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["plan", "health_until"], name="tallied_health_until")]

    def __str__(self) -> str:
        return f"activity {self.activity_id} as tallied"


# `partner_id` 0 is an activity's own row; another value counts a restricted activity a second
# time, for the partner party that may also see it.
AREA_TALLY_KEY = (
    "area_id", "lead_party_id", "partner_id", "classification", "status", "health", "weight",
    "serves_none",
)  # fmt: skip
COMMITMENT_TALLY_KEY = (
    "commitment_id", "area_id", "lead_party_id", "partner_id", "classification",
)  # fmt: skip


class AreaTally(models.Model):
    """How many of a plan's activities (not archived) share these facts, and the sum of their
    progress: the plan page and the dashboard count and sum these rows, never the activities."""

    plan = models.ForeignKey("plans.WorkPlan", on_delete=models.CASCADE, related_name="+")
    area_id = models.IntegerField()
    lead_party_id = models.IntegerField()
    partner_id = models.IntegerField()
    classification = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    health = models.CharField(max_length=20, blank=True)
    weight = models.PositiveSmallIntegerField()
    serves_none = models.BooleanField()
    activities = models.IntegerField()
    progress = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", *AREA_TALLY_KEY], name="area_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.activities} activities of area {self.area_id}"


class CommitmentTally(models.Model):
    """The weight (in `progress.SPLIT_UNITS`) that the plan's activities not cancelled give a
    commitment, and that weight times their progress."""

    plan = models.ForeignKey("plans.WorkPlan", on_delete=models.CASCADE, related_name="+")
    commitment_id = models.IntegerField()
    area_id = models.IntegerField()
    lead_party_id = models.IntegerField()
    partner_id = models.IntegerField()
    classification = models.CharField(max_length=20)
    activities = models.IntegerField()
    weight_units = models.BigIntegerField()
    weighted_units = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", *COMMITMENT_TALLY_KEY], name="commitment_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activities} activities serving commitment {self.commitment_id}"


OWED_TALLY_KEY = ("period_id", "area_id", "lead_party_id", "partner_id", "classification")


class OwedTally(models.Model):
    """How many of a plan's activities owe their lead party's update for a period that has not
    been sent (submitted or accepted): the dashboard's updates overdue are those of the
    periods already due (`obligations`, the tracker's rule)."""

    plan = models.ForeignKey("plans.WorkPlan", on_delete=models.CASCADE, related_name="+")
    period_id = models.IntegerField()
    area_id = models.IntegerField()
    lead_party_id = models.IntegerField()
    partner_id = models.IntegerField()
    classification = models.CharField(max_length=20)
    activities = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", *OWED_TALLY_KEY], name="owed_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.activities} updates owed for period {self.period_id}"


UNSENT_KEY = (
    "period_id", "activity_id", "due_date", "code", "area_id", "lead_party_id", "partner_id",
    "classification",
)  # fmt: skip


class UnsentUpdate(models.Model):
    """One update an activity owes its lead party's report for, not sent: the dashboard reads
    the first overdue (due date past, earliest due first, then code) through an index, without
    reading the activities. Kept with the tallies (`reporting.tally`); `activities` is 1."""

    plan = models.ForeignKey("plans.WorkPlan", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("plans.Activity", on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    code = models.CharField(max_length=30)
    area_id = models.IntegerField()
    lead_party_id = models.IntegerField()
    partner_id = models.IntegerField()
    classification = models.CharField(max_length=20)
    activities = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", *UNSENT_KEY], name="unsent_update_key")
        ]
        indexes = [
            models.Index(fields=["plan", "due_date", "code"], name="unsent_by_due"),
            models.Index(
                fields=["plan", "lead_party_id", "due_date", "code"], name="unsent_by_lead_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} owes its update for period {self.period_id}"
