"""The meeting cycle: bodies, their meetings, agendas, decisions, action items carried from
meeting to meeting until done, and amendments to the plan adopted at a meeting."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_range_label, month_label
from workplan.core.models import UploadedFile


class Body(models.Model):
    """A meeting body, such as SOMTC + Japan, that meets regularly to review the plan."""

    class Level(models.TextChoices):
        MINISTERIAL = "ministerial", _("Ministerial")
        SENIOR_OFFICIALS = "senior_officials", _("Senior officials")
        WORKING_GROUP = "working_group", _("Working group")
        SUMMIT = "summit", _("Summit")
        OTHER = "other", _("Other")

    key = models.CharField(max_length=30, unique=True, verbose_name=_("key"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    short_name = models.CharField(
        max_length=50, help_text=_('As in "19th SOMTC + Japan".'), verbose_name=_("short name")
    )
    level = models.CharField(max_length=20, choices=Level.choices, verbose_name=_("level"))
    lead_party = models.ForeignKey(
        "parties.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead party"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.short_name


class MeetingQuerySet(models.QuerySet):
    def serving(self, plan) -> "MeetingQuerySet":
        """The meetings that review `plan` or note it."""
        return self.filter(serves_q(plan))


def serves_q(plans, prefix: str = "") -> Q:
    """A meeting (reached through `prefix`) that reviews or notes `plans` (a plan, or a
    queryset of plans): one subquery, so no row comes twice."""
    many = isinstance(plans, models.QuerySet)
    lookup = {"workplan__in": plans} if many else {"workplan": plans}
    notes = Meeting.noted_plans.through.objects.filter(meeting_id=OuterRef(f"{prefix}pk"), **lookup)
    reviews = {f"{prefix}plan__in": plans} if many else {f"{prefix}plan": plans}
    return Q(**reviews) | Q(Exists(notes))


class Meeting(models.Model):
    """One meeting of a body, such as the 17th AMMTC in Labuan Bajo, 20–23 Aug 2023."""

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", pgettext_lazy("meeting status", "Held")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    number = models.PositiveSmallIntegerField(_("ordinal number"))
    plan = models.ForeignKey(
        "plans.WorkPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("The work plan this meeting reviews."),
        verbose_name=_("plan"),
    )
    noted_plans = models.ManyToManyField(
        "plans.WorkPlan",
        blank=True,
        related_name="noting_meetings",
        verbose_name=_("also notes"),
        help_text=_("Other work plans this meeting notes, besides the one it reviews."),
    )
    start_date = models.DateField(verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        verbose_name=_("date precision"),
    )
    city = models.CharField(max_length=100, blank=True, verbose_name=_("city"))
    country = models.ForeignKey(
        "parties.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    chair = models.ForeignKey(
        "parties.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PLANNED, verbose_name=_("status")
    )
    participants = models.ManyToManyField(
        "parties.Party",
        blank=True,
        related_name="meetings",
        verbose_name=_("participating parties"),
    )
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    version = models.PositiveIntegerField(default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"], name="meeting_number_unique_in_body"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["body", "start_date"])]

    def __str__(self) -> str:
        return f"{ordinal(self.number)} {self.body}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.start_date

    @property
    def dates_label(self) -> str:
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return month_label(self.start_date)
        return date_range_label(self.start_date, self.end_date)

    @property
    def venue_label(self) -> str:
        return ", ".join(part for part in [self.city, str(self.country or "")] if part)


class MeetingDocument(UploadedFile):
    """A file of a meeting: its agenda paper, report or statement."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="documents", verbose_name=_("meeting")
    )
    file = models.FileField(upload_to="meetings/%Y/", verbose_name=_("file"))

    class Meta(UploadedFile.Meta):
        pass

    def get_absolute_url(self) -> str:
        return reverse("meetings:document_download", args=[self.pk])


class AgendaItem(models.Model):
    """An item on a meeting's agenda, and what the meeting noted about it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    areas = models.ManyToManyField(
        "plans.PriorityArea", blank=True, related_name="+", verbose_name=_("priority areas")
    )
    activities = models.ManyToManyField(
        "plans.Activity", blank=True, related_name="agenda_items", verbose_name=_("activities")
    )
    noted = models.TextField(_("information noted"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(models.Model):
    """A decision a meeting took under an agenda item, in its words."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(verbose_name=_("text"))

    class Meta:
        ordering = ["agenda_item", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    """Something a meeting asked parties to do, carried to each next meeting of the body
    until it is done or dropped."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(verbose_name=_("text"))
    owners = models.ManyToManyField(
        "parties.Party", related_name="action_items", verbose_name=_("owner parties")
    )
    due_date = models.DateField(null=True, blank=True, verbose_name=_("due date"))
    due_by_next_meeting_of = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("due by the next meeting of"),
    )  # fmt: skip
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN, verbose_name=_("status")
    )
    activities = models.ManyToManyField(
        "plans.Activity", blank=True, related_name="action_items", verbose_name=_("activities")
    )
    closed_on = models.DateField(null=True, blank=True, verbose_name=_("closed on"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agenda_item__meeting__start_date", "id"]
        verbose_name = _("action item")
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:action_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ActionNote(models.Model):
    """A progress note on an action item by a focal point of an owner party (or the Secretariat)."""

    action_item = models.ForeignKey(
        ActionItem, on_delete=models.PROTECT, related_name="notes", verbose_name=_("action item")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(verbose_name=_("text"))
    status_after = models.CharField(
        max_length=12, choices=ActionItem.Status.choices, verbose_name=_("status after")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Amendment(models.Model):
    """A change to the plan itself — an activity or commitment added, changed or dropped —
    proposed to, or adopted at, a meeting."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        DROPPED = "dropped", _("Dropped")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")

    plan = models.ForeignKey(
        "plans.WorkPlan",
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("plan"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("meeting")
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    activity = models.ForeignKey(
        "plans.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("activity"),
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commitment"),
    )
    description = models.TextField(verbose_name=_("description"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED, verbose_name=_("status")
    )

    class Meta:
        ordering = ["meeting__start_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    @property
    def adopted_label(self) -> str:
        if self.status == self.Status.ADOPTED:
            return gettext("adopted at the %(meeting)s") % {"meeting": self.meeting}
        return gettext("proposed to the %(meeting)s") % {"meeting": self.meeting}


class CalendarFeed(models.Model):
    """A user's secret calendar address; resetting it makes the old one stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    token = models.CharField(max_length=64, unique=True, verbose_name=_("token"))
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 19th, 22nd."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class ActionReminder(models.Model):
    """An overdue reminder already sent for an action item: never twice."""

    action_item = models.OneToOneField(
        ActionItem, on_delete=models.CASCADE, related_name="+", verbose_name=_("action item")
    )
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("sent at"))
    recipients = models.TextField(verbose_name=_("recipients"))

    def __str__(self) -> str:
        return f"Overdue reminder for action item {self.action_item_id}"
