"""The reporting round tracker: for each party and period, the updates it owes and where they
stand, as things stood on a given day.

Who owes what is `obligations.runs_in`: the lead party of an activity owes one update for each
reporting period in which the activity runs. Each update owed is in one state:

- *accepted*, *submitted* (waiting for review), *returned* or *draft*: the state of the lead
  party's update for that period at the end of `as_of`;
- *missing*: the lead party had no update for the period then.

It is *overdue* when it was neither submitted nor accepted and the period's due date had
passed on `as_of` (a draft, returned or missing update can be overdue).

The state at the end of a past day is read from the update's change history: the status
written by its last change on or before that day (no change by then: no update yet). An update
that has no history at all (made in bulk) falls back on its stored times: accepted or returned
once `reviewed_at`, submitted once `submitted_at`, a draft once created. For today or a later
day the current status is used.

Activities created after `as_of` are left out; otherwise an activity's own fields (dates,
status, archiving) are read as they are now.

    rows = tracker.compute(access.restrict(plan.activities.all(), user), plan.periods.all())
    rows.cell(party_id, period_id).counts["overdue"]

`for_reader` is the tracker a person reads (page, API, export): their activities and updates.

Queries: one for the periods (when given as a queryset), one for the updates owed with their
states, one for the parties named.

As of what moment: the END of `as_of`. A report whose cut-off is the start of its meeting's
first day passes the day before (`as_of=meeting.start_date - 1 day`).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workplan.core import access, changelog
from workplan.core.models import ChangeLog
from workplan.parties.models import Party
from workplan.plans.models import Activity
from workplan.reporting.models import ProgressUpdate, ReportingPeriod
from workplan.reporting.obligations import runs_in

Status = ProgressUpdate.Status
MISSING = "missing"
OVERDUE = "overdue"
# The states of an update owed, in the order a person reads them (best first).
STATES = [Status.ACCEPTED, Status.SUBMITTED, Status.RETURNED, Status.DRAFT, MISSING]
STATE_LABELS = {
    Status.ACCEPTED: Status.ACCEPTED.label,
    Status.SUBMITTED: Status.SUBMITTED.label,
    Status.RETURNED: Status.RETURNED.label,
    Status.DRAFT: Status.DRAFT.label,
    MISSING: _("Missing"),
    OVERDUE: _("Overdue"),
}
SENT = {Status.SUBMITTED, Status.ACCEPTED}


@dataclass(frozen=True)
class Owed:
    """One update owed: the lead party's update on an activity for a period, and its state."""

    activity_id: int
    code: str
    title: str
    area_id: int
    party_id: int
    period: ReportingPeriod
    state: str
    overdue: bool
    update_id: int | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def due_date(self) -> datetime.date:
        return self.period.due_date


@dataclass
class Cell:
    """The updates one party owes for one period: how many in each state, and which."""

    party_id: int
    period: ReportingPeriod
    items: list[Owed] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Updates by state, plus "overdue" (which overlaps draft, returned and missing)."""
        counts = Counter(item.state for item in self.items)
        counts[OVERDUE] = sum(item.overdue for item in self.items)
        return {state: counts[state] for state in [*STATES, OVERDUE] if counts[state]}

    @property
    def expected(self) -> int:
        return len(self.items)

    @property
    def sent(self) -> int:
        return sum(item.state in SENT for item in self.items)

    @property
    def worst(self) -> str:
        """The state that needs attention most: overdue, then returned, draft, missing,
        submitted, accepted."""
        if any(item.overdue for item in self.items):
            return OVERDUE
        states = {item.state for item in self.items}
        for state in [Status.RETURNED, Status.DRAFT, MISSING, Status.SUBMITTED, Status.ACCEPTED]:
            if state in states:
                return state
        return ""


class Row(NamedTuple):
    """A party and its cell for each period."""

    party: Party
    cells: list[Cell]


@dataclass
class Tracker:
    """The updates owed, party by period, as of one day."""

    as_of: datetime.date
    periods: list[ReportingPeriod]
    parties: list[Party]
    items: list[Owed]

    def cell(self, party_id: int, period_id: int) -> Cell:
        period = next(p for p in self.periods if p.pk == period_id)
        items = [i for i in self.items if i.party_id == party_id and i.period.pk == period_id]
        return Cell(party_id, period, items)

    @cached_property
    def rows(self) -> list[Row]:
        """Each party owing something, with its cell for each period (empty when it owes
        nothing then)."""
        cells = {(p.pk, q.pk): Cell(p.pk, q) for p in self.parties for q in self.periods}
        for item in self.items:
            cells[(item.party_id, item.period.pk)].items.append(item)
        return [Row(p, [cells[(p.pk, q.pk)] for q in self.periods]) for p in self.parties]

    def totals(self) -> dict[str, int]:
        return Cell(0, None, self.items).counts

    @property
    def overdue(self) -> list[Owed]:
        """The updates overdue, earliest due first."""
        late = [item for item in self.items if item.overdue]
        return sorted(late, key=lambda i: (i.period.due_date, i.code))


def compute(
    activities: QuerySet,
    periods,
    as_of: datetime.date | None = None,
    *,
    updates: QuerySet | None = None,
) -> Tracker:
    """The updates owed by the lead parties of `activities` (a queryset, already restricted to
    what the reader may see) for `periods` (of the activities' plans; a queryset or a list),
    each with its state at the end of `as_of` (default: today).

    `updates` are the updates that count (default: all); pass the reader's restricted
    queryset so an update the reader may not see (another party's draft) reads as missing."""
    today = timezone.localdate()
    as_of = as_of or today
    periods = sorted(periods, key=lambda p: (p.start_date, p.pk))
    by_id = {p.pk: p for p in periods}
    rows = _owed_rows(activities, list(by_id), as_of, today, updates)
    items = [_owed(row, by_id[row["period_id"]], as_of) for row in rows]
    party_ids = {item.party_id for item in items}
    parties = list(Party.objects.filter(pk__in=party_ids).order_by("name")) if items else []
    return Tracker(as_of, periods, parties, items)


def readers_activities(user, activities):
    """The activities whose updates `user` follows in the tracker: the Secretariat every
    party's, anyone else those its own party leads; always only those the user may see."""
    return access.restrict(activities, user).filter(followed_by(user))


def followed_by(user) -> Q:
    """The lead parties whose updates `user` follows (`readers_activities`), as a condition on
    rows with a `lead_party_id` (activities, or the tallies of `reporting.tally`)."""
    if user.is_secretariat:
        return Q()
    return Q(lead_party_id=user.party_id) if user.party_id else Q(pk__in=[])


def for_reader(
    plans,
    user,
    *,
    area_id: int | None = None,
    party_id: int | None = None,
    as_of: datetime.date | None = None,
) -> Tracker:
    """The tracker of `plans` (a queryset) as `user` may read it (`readers_activities`, and
    the updates the user may see), over the periods begun by `as_of`; optionally one area's
    activities, one lead party's."""
    as_of = as_of or timezone.localdate()
    activities = readers_activities(user, Activity.objects.filter(plan__in=plans))
    if area_id:
        activities = activities.filter(area_id=area_id)
    if party_id:
        activities = activities.filter(lead_party_id=party_id)
    periods = ReportingPeriod.objects.filter(plan__in=plans, start_date__lte=as_of)
    updates = access.restrict(ProgressUpdate.objects.all(), user)
    return compute(activities, periods, as_of, updates=updates)


def chosen_in(query) -> dict:
    """The tracker's choices in a query string: area, party and period ids (None when absent
    or not a whole number)."""
    return {
        name: int(query[name]) if query.get(name, "").isdigit() else None
        for name in ("area", "party", "period")
    }


def _owed(row: dict, period: ReportingPeriod, as_of: datetime.date) -> Owed:
    state = row["state"] or MISSING
    return Owed(
        activity_id=row["pk"],
        code=row["code"],
        title=row["title"],
        area_id=row["area_id"],
        party_id=row["lead_party_id"],
        period=period,
        state=state,
        overdue=state not in SENT and period.due_date < as_of,
        update_id=row["update_id"],
    )


def _owed_rows(activities, period_ids, as_of, today, updates) -> list[dict]:
    """One row per (activity, period) owed, joined through the activity's plan's periods."""
    if not period_ids:
        return []
    begun = F("plan__periods__start_date")
    ended = F("plan__periods__end_date")
    owed = activities.filter(Q(plan__periods__in=period_ids) & runs_in(begun, ended))
    if as_of < today:
        owed = owed.filter(created_at__lt=_end_of(as_of))
    update = (updates if updates is not None else ProgressUpdate.objects.all()).filter(
        activity_id=OuterRef("pk"),
        party_id=OuterRef("lead_party_id"),
        period_id=OuterRef("plan__periods__id"),
    )
    update = status_as_of(update, as_of).filter(status_then__isnull=False).order_by()
    return list(
        owed.annotate(
            period_id=F("plan__periods__id"),
            state=Subquery(update.values("status_then")[:1]),
            update_id=Subquery(update.values("pk")[:1]),
        )
        .order_by("code", "plan__periods__start_date")
        .values(
            "pk", "code", "title", "area_id", "lead_party_id", "period_id", "state", "update_id"
        )
    )


def status_as_of(updates: QuerySet, as_of: datetime.date | None = None) -> QuerySet:
    """Annotates `status_then`: each update's status at the end of `as_of` (None when it did not
    exist yet). See the module's docstring for the rule."""
    today = timezone.localdate()
    if as_of is None or as_of >= today:
        return updates.annotate(status_then=F("status"))
    end = _end_of(as_of)
    content_type = ContentType.objects.get_for_model(ProgressUpdate)
    history = ChangeLog.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
    logged_label = (
        history.filter(timestamp__lt=end)
        .order_by("-timestamp", "-id")
        .annotate(label=KT("after__status"))
        .values("label")[:1]
    )
    logged = Case(
        *[
            When(Q(logged_label=label), then=Value(value))
            for label, value in changelog.logged_choices(Status.choices).items()
        ],
        default=Value(None),
        output_field=CharField(),
    )
    stored = Case(
        When(
            Q(status__in=[Status.ACCEPTED, Status.RETURNED], reviewed_at__lt=end),
            then=F("status"),
        ),
        When(Q(submitted_at__lt=end), then=Value(Status.SUBMITTED)),
        When(Q(created_at__lt=end), then=Value(Status.DRAFT)),
        default=Value(None),
        output_field=CharField(),
    )
    return updates.annotate(
        logged_label=Subquery(logged_label), has_history=Exists(history)
    ).annotate(
        status_then=Case(
            When(has_history=True, then=logged),
            default=stored,
            output_field=CharField(),
        )
    )


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day`, in the site's time zone."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)
