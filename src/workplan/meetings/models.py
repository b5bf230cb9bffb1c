"""The bodies that monitor a plan (SOMTC, AMMTC, their Japan consultations) and their meetings."""

from django.db import models
from django.db.models import F, Q

from workplan.core.formats import date_range_label


class Body(models.Model):
    """A meeting body, such as SOMTC + Japan, that meets regularly to review the plan."""

    class Level(models.TextChoices):
        MINISTERIAL = "ministerial", "Ministerial"
        SENIOR_OFFICIALS = "senior_officials", "Senior officials"
        WORKING_GROUP = "working_group", "Working group"

    key = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, help_text='As in "19th SOMTC + Japan".')
    level = models.CharField(max_length=20, choices=Level.choices)
    lead_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.short_name


class Meeting(models.Model):
    """One meeting of a body, such as the 17th AMMTC in Labuan Bajo, 20–23 Aug 2023."""

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField("ordinal number")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"], name="meeting_number_unique_in_body"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{ordinal(self.number)} {self.body}"

    @property
    def dates_label(self) -> str:
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.start_date:%b %Y}"
        return date_range_label(self.start_date, self.end_date)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 19th, 22nd."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
