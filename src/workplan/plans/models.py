"""Work plans, their priority areas and commitments, and the activities that carry them out."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_label
from workplan.core.translated import Translated, validate_translations


def translation_problems(value, fields: tuple[str, ...]) -> list[str]:
    """What is wrong with a record's translations: a language we do not serve, an empty text,
    or a text the record does not show in the reader's language (`fields`)."""
    try:
        validate_translations(value)
    except ValidationError as error:
        return error.messages
    return _untranslatable(value, fields)


def _untranslatable(value: dict, fields: tuple[str, ...]) -> list[str]:
    unknown = sorted({name for texts in value.values() for name in texts} - set(fields))
    if not unknown:
        return []
    message = gettext("Translations give only %(fields)s, not %(unknown)s.")
    return [message % {"fields": ", ".join(fields), "unknown": ", ".join(unknown)}]


class TranslatedFacts(Translated):
    """A fact of a plan given in several languages; `TRANSLATED` names the texts translated."""

    TRANSLATED: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self):
        """Texts the record does not show are refused; the field's validator checks the rest."""
        super().clean()
        try:
            validate_translations(self.translations)
        except ValidationError:
            return
        problems = _untranslatable(self.translations, self.TRANSLATED)
        if problems:
            raise ValidationError({"translations": problems})


class WorkPlanQuerySet(models.QuerySet):
    def named_or_only(self, pk: int | None) -> "WorkPlan | None":
        """The plan with this id; with none, the only plan there is. None when there is no
        such plan, or several and none is named (a command's --plan)."""
        plans = list((self if pk is None else self.filter(pk=pk))[:2])
        return plans[0] if len(plans) == 1 else None


class WorkPlan(TranslatedFacts):
    """A multilateral work plan agreed by its parties for a period: ASEAN-Japan 2023-2027."""

    TRANSLATED = ("title", "short_title")

    title = models.CharField(max_length=300, verbose_name=_("title"))
    short_title = models.CharField(max_length=200, verbose_name=_("short title"))
    start_date = models.DateField(_("period start"))
    end_date = models.DateField(_("period end"))
    parties = models.ManyToManyField(
        "parties.Party", related_name="plans", verbose_name=_("parties")
    )
    rooted_in = models.CharField(_("rooted in"), max_length=300, blank=True)
    rooted_in_date = models.DateField(_("rooted in, date"), null=True, blank=True)
    rooted_in_place = models.CharField(_("rooted in, where"), max_length=200, blank=True)
    agreed_at = models.CharField(_("agreed at"), max_length=300, blank=True)
    adopted_at = models.CharField(_("adopted at"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    monitoring = models.TextField(_("how it is monitored"), blank=True)
    is_public = models.BooleanField(_("public overview"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("work plan")

    def __str__(self) -> str:
        return self.localized("short_title")

    def get_absolute_url(self) -> str:
        return reverse("overview:plan", args=[self.pk])


def validate_keywords(value) -> None:
    """A list of regular expressions, each of which needs some words to match."""
    if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
        raise ValidationError(gettext("Give a list of keywords, none of them empty."))
    for keyword in value:
        try:
            matches_empty = re.fullmatch(keyword, "") is not None
        except re.error as error:
            raise ValidationError(
                gettext("“%(keyword)s” is not a regular expression: %(error)s.")
                % {"keyword": keyword, "error": error}
            ) from None
        if matches_empty:
            raise ValidationError(
                gettext("“%(keyword)s” matches an empty text; it must need some words.")
                % {"keyword": keyword}
            )


class PriorityArea(TranslatedFacts):
    """One of a plan's priority areas, such as sea piracy, under which activities are grouped."""

    TRANSLATED = ("name", "description")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="areas", verbose_name=_("plan")
    )
    key = models.SlugField(max_length=50, verbose_name=_("key"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    code_prefix = models.CharField(
        max_length=5,
        help_text=_("Starts the codes of this area's activities, e.g. TER."),
        verbose_name=_("code prefix"),
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    keywords = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_keywords],
        help_text=_(
            "Words that show a statement discusses the area, as regular expressions "
            r"matched ignoring case as whole words: piracy, pirates?, maritime\s+security."
        ),
        verbose_name=_("keywords"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = _("priority area")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="area_key_unique_in_plan"),
            models.UniqueConstraint(
                fields=["plan", "code_prefix"], name="area_prefix_unique_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.localized("name")


class Commitment(TranslatedFacts):
    """Something the parties promised under a priority area, in the words of the plan."""

    TRANSLATED = ("text",)

    area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("area")
    )
    text = models.CharField(max_length=300, verbose_name=_("text"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["area__position", "position", "id"]

    def __str__(self) -> str:
        return self.localized("text")


class FundingSource(models.Model):
    """A fund that pays for activities, such as the Japan-ASEAN Integration Fund (JAIF)."""

    key = models.SlugField(max_length=30, unique=True, verbose_name=_("key"))
    name = models.CharField(max_length=200, verbose_name=_("name"))

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
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        JOINT_EXERCISE = "joint_exercise", _("Joint exercise")
        INFORMATION_SHARING = "information_sharing", _("Information sharing")
        STUDY = "study", _("Study")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Classification(models.TextChoices):
        PUBLIC = "public", _("Public")
        INTERNAL = "internal", _("Plan-internal")
        RESTRICTED = "restricted", _("Restricted")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="activities", verbose_name=_("plan")
    )
    code = models.CharField(
        max_length=30,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                _("Use capital letters, digits and hyphens only, e.g. TER-2024-03."),
            )
        ],
        verbose_name=_("code"),
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("priority area"),
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="activities", verbose_name=_("commitments served")
    )
    lead_party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        related_name="led_activities",
        verbose_name=_("lead party"),
    )
    partner_parties = models.ManyToManyField(
        "parties.Party",
        blank=True,
        related_name="partnered_activities",
        verbose_name=_("partner parties"),
    )
    modality = models.CharField(max_length=30, choices=Modality.choices, verbose_name=_("modality"))
    planned_start = models.DateField(verbose_name=_("planned start"))
    planned_end = models.DateField(verbose_name=_("planned end"))
    actual_start = models.DateField(null=True, blank=True, verbose_name=_("actual start"))
    actual_end = models.DateField(null=True, blank=True, verbose_name=_("actual end"))
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
        db_index=True,
        verbose_name=_("status"),
    )
    funding_source = models.ForeignKey(
        FundingSource,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("funding source"),
    )
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("The budget cannot be negative."))],
    )
    budget_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code, e.g. USD."))
        ],
    )
    classification = models.CharField(
        max_length=20,
        choices=Classification.choices,
        default=Classification.INTERNAL,
        verbose_name=_("classification"),
    )
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1, _("The weight must be at least 1."))],
        help_text=_("How much this activity counts in its area's and the plan's progress."),
        verbose_name=_("weight"),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    archived_at = models.DateTimeField(null=True, blank=True, verbose_name=_("archived at"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Facts of its latest accepted update (latest period first), stored so that health and
    # progress never search the updates; written only by `workplan.reporting.figures`.
    accepted_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("accepted percent")
    )
    accepted_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("accepted at")
    )
    accepted_period_end = models.DateField(
        null=True, blank=True, editable=False, verbose_name=_("accepted period end")
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("activities")
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
            problems.append(("planned_end", _end_before_start(PLANNED, self.planned_start)))
        if self.actual_end and not self.actual_start:
            problems.append(
                ("actual_start", gettext("Give the actual start when there is an actual end."))
            )
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            problems.append(("actual_end", _end_before_start(ACTUAL, self.actual_start)))
        for name, message in FUTURE_ACTUAL.items():
            value = getattr(self, name)
            if value and value > today:
                problems.append((name, str(message)))
        if self.status == self.Status.COMPLETED and not self.actual_end:
            problems.append(
                ("actual_end", gettext("A completed activity needs its actual end date."))
            )
        if self.status == self.Status.ONGOING and not self.actual_start:
            problems.append(
                ("actual_start", gettext("An ongoing activity needs its actual start date."))
            )
        return problems

    def _plan_problems(self) -> list[tuple[str, str]]:
        if not self.plan_id:
            return []
        plan = self.plan
        problems = []
        if self.area_id and self.area.plan_id != plan.pk:
            problems.append(("area", gettext("Choose a priority area of this plan.")))
        if self.lead_party_id and self.lead_party_id not in self._plan_party_ids():
            problems.append(
                (
                    "lead_party",
                    gettext("%(party)s is not a party of this plan.") % {"party": self.lead_party},
                )
            )
        period = {"start": date_label(plan.start_date), "end": date_label(plan.end_date)}
        for name, message in OUTSIDE_PLAN.items():
            value = getattr(self, name)
            if value and not plan.start_date <= value <= plan.end_date:
                problems.append((name, message % period))
        return problems

    def _budget_problems(self) -> list[tuple[str, str]]:
        if self.budget_amount is not None and not self.budget_currency:
            return [("budget_currency", gettext("Give the currency of the budget, e.g. USD."))]
        if self.budget_currency and self.budget_amount is None:
            return [("budget_amount", gettext("Give the amount, or clear the currency."))]
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
            errors["commitments"] = [
                gettext("Not a commitment of %(area)s: %(texts)s.")
                % {"area": self.area, "texts": "; ".join(stray)}
            ]
        plan_parties = self._plan_party_ids()
        outsiders = [p.name for p in partner_parties if p.pk not in plan_parties]
        if outsiders:
            errors.setdefault("partner_parties", []).append(
                gettext("Not a party of this plan: %(parties)s.")
                % {"parties": ", ".join(outsiders)}
            )
        if any(p.pk == self.lead_party_id for p in partner_parties):
            errors.setdefault("partner_parties", []).append(
                gettext("%(party)s leads this activity; it cannot also be a partner.")
                % {"party": self.lead_party}
            )
        return errors


class Indicator(models.Model):
    """A measure of an activity's result, such as officers trained, with a baseline and target."""

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage")
        YES_NO = "yes_no", _("Yes/no")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("activity")
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    unit = models.CharField(
        max_length=12, choices=Unit.choices, default=Unit.NUMBER, verbose_name=_("unit")
    )
    baseline = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, verbose_name=_("baseline")
    )
    target = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, verbose_name=_("target")
    )
    direction = models.CharField(
        max_length=10,
        choices=Direction.choices,
        default=Direction.INCREASE,
        verbose_name=_("direction"),
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    archived_at = models.DateTimeField(null=True, blank=True, verbose_name=_("archived at"))
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
        return gettext("A percentage lies between 0 and 100.")
    if unit == Indicator.Unit.YES_NO and value not in (0, 1):
        return gettext("Answer yes or no.")
    if unit == Indicator.Unit.NUMBER and value < 0:
        return gettext("A count cannot be negative.")
    return ""


PLANNED = _("The planned end must be on or after the planned start (%(day)s).")
ACTUAL = _("The actual end must be on or after the actual start (%(day)s).")
FUTURE_ACTUAL = {
    "actual_start": _("The actual start cannot be in the future; use the planned dates."),
    "actual_end": _("The actual end cannot be in the future; use the planned dates."),
}
OUTSIDE_PLAN = {
    "planned_start": _("The planned start must fall within the plan period, %(start)s to %(end)s."),
    "planned_end": _("The planned end must fall within the plan period, %(start)s to %(end)s."),
}


def _end_before_start(message, start: datetime.date) -> str:
    return message % {"day": date_label(start)}
