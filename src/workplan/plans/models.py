"""Work plans, their priority areas and commitments, and the activities that carry them out."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from workplan.core.formats import date_label
from workplan.core.translated import Translated


class WorkPlanQuerySet(models.QuerySet):
    def named_or_only(self, pk: int | None) -> "WorkPlan | None":
        """The plan with this id; with none, the only plan there is. None when there is no
        such plan, or several and none is named (a command's --plan)."""
        plans = list((self if pk is None else self.filter(pk=pk))[:2])
        return plans[0] if len(plans) == 1 else None


class WorkPlan(Translated):
    """A multilateral work plan agreed by its parties for a period: ASEAN-Japan 2023-2027."""

    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=200)
    start_date = models.DateField("period start")
    end_date = models.DateField("period end")
    parties = models.ManyToManyField("parties.Party", related_name="plans")
    rooted_in = models.CharField("rooted in", max_length=300, blank=True)
    rooted_in_date = models.DateField("rooted in, date", null=True, blank=True)
    rooted_in_place = models.CharField("rooted in, where", max_length=200, blank=True)
    agreed_at = models.CharField("agreed at", max_length=300, blank=True)
    adopted_at = models.CharField("adopted at", max_length=300, blank=True)
    adopted_on = models.DateField("adopted on", null=True, blank=True)
    monitoring = models.TextField("how it is monitored", blank=True)
    is_public = models.BooleanField("public overview", default=False)
    version = models.PositiveIntegerField(default=1)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = "work plan"

    def __str__(self) -> str:
        return self.localized("short_title")

    def get_absolute_url(self) -> str:
        return reverse("overview:plan", args=[self.pk])


def validate_keywords(value) -> None:
    """A list of regular expressions, each of which needs some words to match."""
    if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
        raise ValidationError("Give a list of keywords, none of them empty.")
    for keyword in value:
        try:
            matches_empty = re.fullmatch(keyword, "") is not None
        except re.error as error:
            raise ValidationError(f"“{keyword}” is not a regular expression: {error}.") from None
        if matches_empty:
            raise ValidationError(f"“{keyword}” matches an empty text; it must need some words.")


class PriorityArea(Translated):
    """One of a plan's priority areas, such as sea piracy, under which activities are grouped."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="areas")
    key = models.SlugField(max_length=50)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    code_prefix = models.CharField(
        max_length=5, help_text="Starts the codes of this area's activities, e.g. TER."
    )
    position = models.PositiveSmallIntegerField(default=0)
    keywords = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_keywords],
        help_text="Words that show a statement discusses the area, as regular expressions "
        r"matched ignoring case as whole words: piracy, pirates?, maritime\s+security.",
    )

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = "priority area"
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="area_key_unique_in_plan"),
            models.UniqueConstraint(
                fields=["plan", "code_prefix"], name="area_prefix_unique_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.localized("name")


class Commitment(Translated):
    """Something the parties promised under a priority area, in the words of the plan."""

    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="commitments")
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__position", "position", "id"]

    def __str__(self) -> str:
        return self.localized("text")


class FundingSource(models.Model):
    """A fund that pays for activities, such as the Japan-ASEAN Integration Fund (JAIF)."""

    key = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return (
            f"{self.name} ({self.key.upper()})" if self.key.upper() not in self.name else self.name
        )


ACTIVE = Q(archived_at__isnull=True)


STORED_FIGURES = ("accepted_percent", "accepted_at", "accepted_period_end")


class Activity(models.Model):
    """One thing done under a plan (a workshop, a joint exercise...), led by a party."""

    class Modality(models.TextChoices):
        WORKSHOP = "workshop", "Workshop"
        TRAINING = "training", "Training"
        JOINT_EXERCISE = "joint_exercise", "Joint exercise"
        INFORMATION_SHARING = "information_sharing", "Information sharing"
        STUDY = "study", "Study"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ONGOING = "ongoing", "Ongoing"
        COMPLETED = "completed", "Completed"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"

    class Classification(models.TextChoices):
        PUBLIC = "public", "Public"
        INTERNAL = "internal", "Plan-internal"
        RESTRICTED = "restricted", "Restricted"

    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="activities")
    code = models.CharField(
        max_length=30,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                "Use capital letters, digits and hyphens only, e.g. TER-2024-03.",
            )
        ],
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name="priority area",
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="activities", verbose_name="commitments served"
    )
    lead_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="led_activities"
    )
    partner_parties = models.ManyToManyField(
        "parties.Party", blank=True, related_name="partnered_activities"
    )
    modality = models.CharField(max_length=30, choices=Modality.choices)
    planned_start = models.DateField()
    planned_end = models.DateField()
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    funding_source = models.ForeignKey(
        FundingSource, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    budget_amount = models.DecimalField(
        "budget",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "The budget cannot be negative.")],
    )
    budget_currency = models.CharField(
        "currency",
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use a three-letter ISO 4217 code, e.g. USD.")],
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.INTERNAL
    )
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1, "The weight must be at least 1.")],
        help_text="How much this activity counts in its area's and the plan's progress.",
    )
    is_sample = models.BooleanField("sample data", default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Facts of its latest accepted update (latest period first), stored so that health and
    # progress never search the updates; written only by `workplan.reporting.figures`.
    accepted_percent = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_period_end = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="activity_code_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name="activity_planned_end_after_start",
            ),
        ]
        # The register (`ActivityFilter`, 50 rows in code order and a count) reaches its rows
        # through these at any size: active rows by plan and each filtered column then code,
        # archived ones by plan and code; ids for the counts of the partner and commitment
        # filters, dates for the year; classification and lead party, so a focal point's
        # count reads the index alone. Searching words uses trigram indexes, on PostgreSQL
        # only (migration 0003); `bench/register_filters.py` shows the plans.
        indexes = [
            models.Index(fields=["plan", "code"], condition=ACTIVE, name="activity_active_code"),
            models.Index(fields=["plan", "id"], condition=ACTIVE, name="activity_active_id"),
            models.Index(
                fields=["plan", "area", "code"], condition=ACTIVE, name="activity_active_area"
            ),
            models.Index(
                fields=["plan", "lead_party", "code"], condition=ACTIVE, name="activity_active_lead"
            ),
            models.Index(
                fields=["plan", "status", "code"], condition=ACTIVE, name="activity_active_status"
            ),
            models.Index(
                fields=["plan", "planned_start", "planned_end"],
                condition=ACTIVE,
                name="activity_active_dates",
            ),
            models.Index(
                fields=["plan", "classification", "lead_party"],
                condition=ACTIVE,
                name="activity_active_visibility",
            ),
            models.Index(
                fields=["plan", "code"],
                condition=Q(archived_at__isnull=False),
                name="activity_archived_code",
            ),
            models.Index(fields=["planned_start", "planned_end"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        # An edit started before an update was accepted must not write back the figures it
        # read: a saved activity keeps the stored figures that are in the database.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in STORED_FIGURES
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:activity_detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self):
        """The rules one activity must meet on its own, each reported on its field."""
        errors: dict[str, list[str]] = {}
        for field, message in (
            self._date_problems() + self._plan_problems() + self._budget_problems()
        ):
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _date_problems(self) -> list[tuple[str, str]]:
        problems = []
        today = timezone.localdate()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            problems.append(
                ("planned_end", _before("planned end", "planned start", self.planned_start))
            )
        if self.actual_end and not self.actual_start:
            problems.append(("actual_start", "Give the actual start when there is an actual end."))
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            problems.append(
                ("actual_end", _before("actual end", "actual start", self.actual_start))
            )
        for name in ("actual_start", "actual_end"):
            value = getattr(self, name)
            if value and value > today:
                label = name.replace("_", " ")
                problems.append(
                    (name, f"The {label} cannot be in the future; use the planned dates.")
                )
        if self.status == self.Status.COMPLETED and not self.actual_end:
            problems.append(("actual_end", "A completed activity needs its actual end date."))
        if self.status == self.Status.ONGOING and not self.actual_start:
            problems.append(("actual_start", "An ongoing activity needs its actual start date."))
        return problems

    def _plan_problems(self) -> list[tuple[str, str]]:
        if not self.plan_id:
            return []
        plan = self.plan
        problems = []
        if self.area_id and self.area.plan_id != plan.pk:
            problems.append(("area", "Choose a priority area of this plan."))
        if self.lead_party_id and self.lead_party_id not in self._plan_party_ids():
            problems.append(("lead_party", f"{self.lead_party} is not a party of this plan."))
        period = f"{date_label(plan.start_date)} to {date_label(plan.end_date)}"
        for name in ("planned_start", "planned_end"):
            value = getattr(self, name)
            if value and not plan.start_date <= value <= plan.end_date:
                label = name.replace("_", " ")
                problems.append((name, f"The {label} must fall within the plan period, {period}."))
        return problems

    def _budget_problems(self) -> list[tuple[str, str]]:
        if self.budget_amount is not None and not self.budget_currency:
            return [("budget_currency", "Give the currency of the budget, e.g. USD.")]
        if self.budget_currency and self.budget_amount is None:
            return [("budget_amount", "Give the amount, or clear the currency.")]
        return []

    def _plan_party_ids(self) -> set[int]:
        """The plan's parties; read from the plan's prefetched parties when it has them (an
        import checks thousands of rows against one plan)."""
        return {party.pk for party in self.plan.parties.all()}

    def relation_problems(self, commitments, partner_parties) -> dict[str, list[str]]:
        """The rules on what an activity is linked to: its commitments and partner parties."""
        errors: dict[str, list[str]] = {}
        stray = [str(c) for c in commitments if c.area_id != self.area_id]
        if stray:
            errors["commitments"] = [f"Not a commitment of {self.area}: {'; '.join(stray)}."]
        plan_parties = self._plan_party_ids()
        outsiders = [p.name for p in partner_parties if p.pk not in plan_parties]
        if outsiders:
            errors.setdefault("partner_parties", []).append(
                f"Not a party of this plan: {', '.join(outsiders)}."
            )
        if any(p.pk == self.lead_party_id for p in partner_parties):
            errors.setdefault("partner_parties", []).append(
                f"{self.lead_party} leads this activity; it cannot also be a partner."
            )
        return errors


class Indicator(models.Model):
    """A measure of an activity's result, such as officers trained, with a baseline and target."""

    class Unit(models.TextChoices):
        NUMBER = "number", "Number"
        PERCENTAGE = "percentage", "Percentage"
        YES_NO = "yes_no", "Yes/no"

    class Direction(models.TextChoices):
        INCREASE = "increase", "Increase"
        DECREASE = "decrease", "Decrease"
        MAINTAIN = "maintain", "Maintain"

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.NUMBER)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    position = models.PositiveSmallIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["activity", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """Percentages lie between 0 and 100; yes/no values are 0 (no) or 1 (yes)."""
        errors = {}
        for name in ("baseline", "target"):
            value = getattr(self, name)
            if value is not None:
                problem = value_problem(self.unit, value)
                if problem:
                    errors[name] = problem
        if errors:
            raise ValidationError(errors)


def value_problem(unit: str, value) -> str:
    """What is wrong with a value for an indicator of this unit, or "" when it is fine."""
    if unit == Indicator.Unit.PERCENTAGE and not 0 <= value <= 100:
        return "A percentage lies between 0 and 100."
    if unit == Indicator.Unit.YES_NO and value not in (0, 1):
        return "Answer yes or no."
    if unit == Indicator.Unit.NUMBER and value < 0:
        return "A count cannot be negative."
    return ""


def _before(field: str, other: str, other_value: datetime.date) -> str:
    return f"The {field} must be on or after the {other} ({date_label(other_value)})."
