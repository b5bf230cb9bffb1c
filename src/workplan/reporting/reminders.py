"""Reminders to focal points about updates due soon and overdue, each given once.

For every plan: the lead party's missing updates for the period falling due within `days`
days ("due soon") and for every period whose due date has passed ("overdue"). Each
(activity, party, period, stage) is reminded of once; running again tells nothing new. Every
focal point of the party is told in the app, one notification per update; those with an
e-mail address who keep reminders get one e-mail listing all of their party's new items. A
party with no focal point yet is reminded once it has one.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workplan.notifications import recipients
from workplan.notifications.actions import email_after_commit, tell
from workplan.notifications.mail import Digest
from workplan.notifications.models import Notification
from workplan.notifications.reminders import Reminded
from workplan.parties.models import Party
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import obligations
from workplan.reporting.models import Reminder

Stage = Reminder.Stage
Kind = Notification.Kind
KIND = {Stage.DUE_SOON: Kind.UPDATE_DUE_SOON, Stage.OVERDUE: Kind.UPDATE_OVERDUE}


def _title(shown) -> str:
    overdue = any(item.notification.kind == KIND[Stage.OVERDUE] for item in shown)
    count = len(shown)
    if overdue:
        title = ngettext(
            "%(count)d progress update overdue", "%(count)d progress updates overdue", count
        )
    else:
        title = ngettext(
            "%(count)d progress update due soon", "%(count)d progress updates due soon", count
        )
    return title % {"count": count}


DIGEST = Digest(
    title=_title,
    intro=_("Your party has progress updates to submit in Work Plan Monitor:"),
    closing=_(
        'Sign in, open the activity and choose "Write an update". '
        "This reminder is sent once for each update and stage."
    ),
)


def send_reminders(days: int, today: datetime.date | None = None) -> Reminded:
    """Gives the reminders not given yet; e-mail leaves when the transaction commits."""
    today = today or timezone.localdate()
    reminded = Reminded()
    with transaction.atomic():
        by_party = defaultdict(list)
        for plan in WorkPlan.objects.all():
            for activity, period, stage in _new_items(plan, days, today):
                by_party[activity.lead_party_id].append((activity, period, stage))
        for party_id, items in by_party.items():
            _remind(party_id, items, reminded)
        email_after_commit(reminded.told, digest=DIGEST)
    return reminded


def _remind(party_id, items: list[tuple], reminded: Reminded) -> None:
    users = list(recipients.focal_points([party_id]))
    if not users:
        name = Party.objects.get(pk=party_id).name
        reminded.untold[name] = reminded.untold.get(name, 0) + len(items)
        return
    sent = []  # an item nobody may see yet is reminded of once someone may
    for activity, period, stage in items:
        told = tell(users, KIND[stage], activity, context=period)
        reminded.told += told
        if told:
            told_to = ", ".join(notification.recipient.username for notification in told)
            sent.append(Reminder(activity=activity, party_id=party_id, period=period,
                                 stage=stage, recipients=told_to))  # fmt: skip
    Reminder.objects.bulk_create(sent)
    reminded.items += len(sent)


def _new_items(plan, days: int, today: datetime.date) -> list[tuple]:
    stages = []
    soon = obligations.next_due(plan, today)
    if soon and soon.due_date <= today + datetime.timedelta(days=days):
        stages.append((soon, Stage.DUE_SOON))
    for late in plan.periods.filter(due_date__lt=today).order_by("due_date"):
        stages.append((late, Stage.OVERDUE))
    items = []
    for period, stage in stages:
        sent = Reminder.objects.filter(period=period, stage=stage).values("activity_id")
        missing = obligations.missing(Activity.objects.all(), period).exclude(pk__in=sent)
        items += [(activity, period, stage) for activity in missing.select_related("lead_party")]
    return items
