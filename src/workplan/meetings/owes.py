"""What a party owes: its updates overdue, returned and due (every period of every plan it is a
party to, from `reporting.tracker`), and the open action items of every meeting it owns
(overdue first, by `cycle.with_overdue`). One function for the party page, its API and its
export.

Who may read it: the Secretariat reads every party's; anyone else only their own party's
(another party's reads as absent, 404), and only the activities and action items they may see.
"""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from workplan.core import access
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem
from workplan.parties.models import Party
from workplan.plans.models import WorkPlan
from workplan.reporting import tracker
from workplan.reporting.models import ProgressUpdate


@dataclass
class Owes:
    """Everything one party owes as of a day."""

    party: Party
    as_of: datetime.date
    overdue: list = field(default_factory=list)  # tracker.Owed, earliest due first
    returned: list = field(default_factory=list)  # tracker.Owed: every update returned to it
    due: list = field(default_factory=list)  # tracker.Owed not sent, not yet overdue
    actions: list = field(default_factory=list)  # ActionItem with due_on and overdue

    @property
    def overdue_actions(self) -> int:
        return sum(item.overdue for item in self.actions)

    @property
    def periods(self) -> list:
        """The periods it still owes updates for, earliest due first (each has a workbook)."""
        found = {item.period.pk: item.period for item in self.overdue + self.due + self.returned}
        return sorted(found.values(), key=lambda period: (period.due_date, period.pk))

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.returned or self.due or self.actions)


def readable_party(user, code: str) -> Party:
    """The party whose page `user` may read: any for the Secretariat, else only their own."""
    party = access.get_visible_or_404(Party.objects.all(), user, code=code.upper())
    if not user.is_secretariat and party.pk != user.party_id:
        raise Http404("No party found.")
    return party


def owed_by(party: Party, user, as_of: datetime.date | None = None) -> Owes:
    """What `party` owes on `as_of` (default today), as `user` may read it."""
    as_of = as_of or timezone.localdate()
    plans = access.restrict(WorkPlan.objects.filter(parties=party), user)
    rows = tracker.for_reader(plans, user, party_id=party.pk, as_of=as_of)
    owes = Owes(party, as_of, returned=returned_to(party, user, plans, as_of))
    by_due = sorted(rows.items, key=lambda item: (item.period.due_date, item.code))
    for item in by_due:
        if item.state in tracker.SENT or item.state == ProgressUpdate.Status.RETURNED:
            continue
        (owes.overdue if item.overdue else owes.due).append(item)
    owes.actions = list(open_actions(party, user, as_of))
    return owes


def returned_to(party: Party, user, plans, as_of: datetime.date) -> list:
    """The party's updates returned to it for correction (as lead or partner), earliest due
    first; those whose period's due date has passed are overdue."""
    updates = ProgressUpdate.objects.filter(
        party=party, status=ProgressUpdate.Status.RETURNED, activity__plan__in=plans
    )
    updates = access.restrict(updates, user).select_related("activity", "period")
    return [
        tracker.Owed(
            activity_id=update.activity_id,
            code=update.activity.code,
            title=update.activity.title,
            area_id=update.activity.area_id,
            party_id=update.party_id,
            period=update.period,
            state=update.status,
            overdue=update.period.due_date < as_of,
            update_id=update.pk,
        )
        for update in updates.order_by("period__due_date", "activity__code")
    ]


def open_actions(party: Party, user, as_of: datetime.date | None = None):
    """The open action items `party` owns, of every meeting, overdue first."""
    items = ActionItem.objects.filter(owners=party, status__in=ActionItem.OPEN_STATUSES)
    items = cycle.with_overdue(access.restrict(items, user), as_of)
    return cycle.overdue_first(
        items.select_related("agenda_item__meeting__body").prefetch_related("owners")
    )
