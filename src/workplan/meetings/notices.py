"""Who is told about the meeting cycle, and how its records read in a notification.

- An action item given to a party (when it is recorded, or when the party is added to its
  owners): the focal points of that party.
- Overdue action items: see reminders.py.
"""

from django.utils.translation import gettext as _

from workplan.meetings.models import ActionItem
from workplan.notifications import recipients
from workplan.notifications.actions import notify
from workplan.notifications.models import Notification
from workplan.notifications.subjects import describe

Kind = Notification.Kind
TEXT_SHOWN = 120


def register() -> None:
    describe(ActionItem, related=("agenda_item__meeting__body",), label=_action_label)


def _action_label(action: ActionItem) -> str:
    text = " ".join(action.text.split())
    if len(text) > TEXT_SHOWN:
        text = text[: TEXT_SHOWN - 1].rstrip() + "…"
    return _("“%(text)s” (from the %(meeting)s)") % {
        "text": text,
        "meeting": action.agenda_item.meeting,
    }


def action_given(action: ActionItem, party_ids, *, actor) -> None:
    """Tells the focal points of the parties newly given the action item."""
    if party_ids:
        notify(recipients.focal_points(party_ids), Kind.ACTION_ASSIGNED, action, actor=actor)
