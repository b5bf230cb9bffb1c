"""Overdue action items, e-mailed once to the focal points of their owner parties; each is
told only of the items they may see (an owner need not be a party of the plan)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from workplan.accounts.models import User
from workplan.core import access
from workplan.meetings import cycle
from workplan.meetings.models import ActionItem, ActionReminder


def send_action_reminders(today: datetime.date | None = None) -> int:
    """Sends one e-mail per focal point listing its parties' newly overdue action items."""
    today = today or timezone.localdate()
    with transaction.atomic():
        sent = ActionReminder.objects.values("action_item_id")
        items = list(
            cycle.overdue(ActionItem.objects.exclude(pk__in=sent), today)
            .select_related("agenda_item__meeting__body")
            .prefetch_related("owners")
        )
        by_user = _seen_by_focal_points(items)
        recipients_of = defaultdict(list)  # an item nobody may see yet is not marked as sent
        for user, user_items in by_user.items():
            for item in user_items:
                recipients_of[item.pk].append(user)
        ActionReminder.objects.bulk_create(
            ActionReminder(action_item_id=pk, recipients=", ".join(u.email for u in users))
            for pk, users in recipients_of.items()
        )
        messages = [_message(user, user_items) for user, user_items in by_user.items()]
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(messages)


def _seen_by_focal_points(items: list[ActionItem]) -> dict[User, list[ActionItem]]:
    by_user = defaultdict(list)
    for item in items:
        for user in _focal_points(item):
            by_user[user].append(item)
    seen = {user: _visible_to(user, user_items) for user, user_items in by_user.items()}
    return {user: user_items for user, user_items in seen.items() if user_items}


def _visible_to(user: User, items: list[ActionItem]) -> list[ActionItem]:
    ids = [item.pk for item in items]
    visible = set(
        access.restrict(ActionItem.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
    )
    return [item for item in items if item.pk in visible]


def _focal_points(item: ActionItem):
    owners = [party.pk for party in item.owners.all()]
    return User.objects.filter(
        party_id__in=owners, role=User.Role.FOCAL_POINT, is_active=True
    ).exclude(email="")


def _message(user: User, items: list[ActionItem]) -> tuple:
    lines = [f"Dear {user.get_full_name() or user.username},", ""]
    lines.append("These action items owned by your party are overdue in Work Plan Monitor:")
    lines.append("")
    for item in items:
        due = f"{item.due_on:%-d %b %Y}"
        lines.append(f"- {item.text[:120]} (from the {item.agenda_item.meeting}, due {due})")
        lines.append(f"  {settings.SITE_URL}{item.get_absolute_url()}")
    lines += ["", "Open each item to add a progress note or mark it done.", ""]
    lines.append("This reminder is sent once for each item.")
    subject = f"Work Plan Monitor: {len(items)} action item{'s' if len(items) > 1 else ''} overdue"
    return subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email]
