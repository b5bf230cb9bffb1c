"""Reminder e-mails to focal points about updates due soon and overdue, each sent once.

For every plan: the lead party's missing updates for the period falling due within `days`
days ("due soon") and for the last period whose due date has passed ("overdue"). Each
(activity, party, period, stage) is mailed once; running again sends nothing new. Each focal
point gets one e-mail listing all of their party's new items that they may see (a lead party
need not be a party of the plan any more); an item nobody may see is not marked as sent.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from workplan.accounts.models import User
from workplan.core import access
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import obligations
from workplan.reporting.models import Reminder

Stage = Reminder.Stage


def send_reminders(days: int, today: datetime.date | None = None) -> int:
    """Sends the reminders not yet sent; returns how many e-mails went out."""
    today = today or timezone.localdate()
    with transaction.atomic():
        items = [item for plan in WorkPlan.objects.all() for item in _new_items(plan, days, today)]
        by_party = defaultdict(list)
        for activity, period, stage in items:
            by_party[activity.lead_party_id].append((activity, period, stage))
        messages = []
        for party_id, party_items in by_party.items():
            # nobody to tell yet: sent once a focal point has an address and may see the item
            seen_by = _seen_by_focal_points(party_id, party_items)
            messages += [_message(user, seen, today) for user, seen in seen_by.items()]
            Reminder.objects.bulk_create(
                Reminder(
                    activity=activity, party_id=party_id, period=period, stage=stage,
                    recipients=", ".join(recipients),
                )
                for (activity, period, stage), recipients in _recipients(seen_by).items()
            )  # fmt: skip
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(messages)


def _new_items(plan, days: int, today: datetime.date) -> list[tuple]:
    stages = []
    soon = obligations.next_due(plan, today)
    if soon and soon.due_date <= today + datetime.timedelta(days=days):
        stages.append((soon, Stage.DUE_SOON))
    late = obligations.last_past_due(plan, today)
    if late:
        stages.append((late, Stage.OVERDUE))
    items = []
    for period, stage in stages:
        sent = Reminder.objects.filter(period=period, stage=stage).values("activity_id")
        missing = obligations.missing(Activity.objects.all(), period).exclude(pk__in=sent)
        items += [(activity, period, stage) for activity in missing.select_related("lead_party")]
    return items


def _seen_by_focal_points(party_id, items: list[tuple]) -> dict[User, list[tuple]]:
    seen_by = {user: _visible_to(user, items) for user in _focal_points(party_id)}
    return {user: seen for user, seen in seen_by.items() if seen}


def _visible_to(user: User, items: list[tuple]) -> list[tuple]:
    ids = [activity.pk for activity, _period, _stage in items]
    visible = access.restrict(Activity.objects.filter(pk__in=ids), user)
    seen = set(visible.values_list("pk", flat=True))
    return [item for item in items if item[0].pk in seen]


def _recipients(seen_by: dict[User, list[tuple]]) -> dict[tuple, list[str]]:
    recipients = defaultdict(list)
    for user, items in seen_by.items():
        for item in items:
            recipients[item].append(user.email)
    return recipients


def _focal_points(party_id) -> list[User]:
    users = User.objects.filter(
        party_id=party_id, role=User.Role.FOCAL_POINT, is_active=True
    ).exclude(email="")
    return list(users)


def _message(user: User, items: list[tuple], today: datetime.date) -> tuple:
    overdue = [item for item in items if item[2] == Stage.OVERDUE]
    subject = f"Work Plan Monitor: {len(items)} progress update{'s' if len(items) > 1 else ''}"
    subject += " overdue" if overdue else " due soon"
    lines = [f"Dear {user.get_full_name() or user.username},", ""]
    lines.append(f"{user.party.name} has progress updates to submit in Work Plan Monitor:")
    lines.append("")
    for activity, period, stage in items:
        when = "overdue since" if stage == Stage.OVERDUE else "due"
        url = f"{settings.SITE_URL}{activity.get_absolute_url()}"
        lines.append(
            f"- {activity.code} {activity.title}: {period.name}, {when} {period.due_date:%-d %b %Y}"
        )
        lines.append(f"  {url}")
    lines += ["", 'Sign in, open the activity and choose "Write an update".', ""]
    lines.append("This reminder is sent once for each update and stage.")
    return subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email]
