"""Overdue action items, reminded of once to the focal points of their owner parties.

Every focal point of an owner party is told in the app, one notification per item; those
with an e-mail address who keep reminders get one e-mail listing their new overdue items. An
item whose owners have no focal point yet is reminded of once one of them has one.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, ActionReminder
from workplan.notifications import recipients
from workplan.notifications.actions import email_after_commit, tell
from workplan.notifications.mail import Digest
from workplan.notifications.models import Notification
from workplan.notifications.reminders import Reminded


def _title(shown) -> str:
    count = len(shown)
    return ngettext("%(count)d action item overdue", "%(count)d action items overdue", count) % {
        "count": count
    }


DIGEST = Digest(
    title=_title,
    intro=_("These action items owned by your party are overdue in Work Plan Monitor:"),
    closing=_(
        "Open each item to add a progress note or mark it done. "
        "This reminder is sent once for each item."
    ),
)


def send_action_reminders(today: datetime.date | None = None) -> Reminded:
    """Tells the focal points of each newly overdue action item's owner parties."""
    today = today or timezone.localdate()
    reminded = Reminded()
    with transaction.atomic():
        sent = ActionReminder.objects.values("action_item_id")
        items = (
            cycle.overdue(ActionItem.objects.exclude(pk__in=sent), today)
            .select_related("agenda_item__meeting__body")
            .prefetch_related("owners")
        )
        for item in items:
            _remind(item, reminded)
        email_after_commit(reminded.told, digest=DIGEST)
    return reminded


def _remind(item: ActionItem, reminded: Reminded) -> None:
    owners = list(item.owners.all())
    users = list(recipients.focal_points([party.pk for party in owners]))
    if not users:
        for party in owners:
            reminded.untold[party.name] = reminded.untold.get(party.name, 0) + 1
        return
    told = tell(users, Notification.Kind.ACTION_OVERDUE, item)
    if not told:  # nobody who may see it yet: reminded of once someone may
        return
    reminded.told += told
    told_to = ", ".join(notification.recipient.username for notification in told)
    ActionReminder.objects.create(action_item=item, recipients=told_to)
    reminded.items += 1
