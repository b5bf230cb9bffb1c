"""E-mail of notifications, sent after the change they tell of is committed.

Each e-mail is worded for its recipient at the moment it is sent, through the same access
rules as the list in the app (`subjects.resolve`): a record the recipient may no longer see is
left out. It is written in the recipient's language (the one they last chose in the app;
English if they never chose), whoever's action sent it. Only active users with an address
who keep the notification's topic get e-mail; everyone else is told in the app only.
"""

import dataclasses
import itertools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workplan.notifications.models import EmailPreference, Notification
from workplan.notifications.subjects import Shown, resolve

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Digest:
    """One e-mail per recipient listing all of their notifications (the reminders): its
    subject line from the items shown, the sentence before them and the one after."""

    title: Callable[[list[Shown]], str]
    intro: str  # lazy texts, written when the e-mail is, in its recipient's language
    closing: str


def send(notification_ids: list[int], *, digest: Digest | None = None) -> int:
    """Sends the e-mail of these notifications not sent yet; returns how many e-mails left."""
    rows = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    notifications = list(rows.select_related("recipient").order_by("recipient_id", "pk"))
    muted = set(
        EmailPreference.objects.filter(
            user__in={n.recipient_id for n in notifications}, by_email=False
        ).values_list("user_id", "topic")
    )
    messages, sent = [], []
    for user, group in itertools.groupby(notifications, key=lambda n: n.recipient):
        wanted = [n for n in group if _wants(user, n, muted)]
        with translation.override(user.language or settings.LANGUAGE_CODE):
            shown = [item for item in resolve(wanted, user) if item.visible]
            if digest and shown:
                messages.append(_digest(user, shown, digest))
            else:
                messages += [_single(user, item) for item in shown]
        sent += [item.notification.pk for item in shown]
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
        log.debug("E-mailed %d notification(s) in %d e-mail(s).", len(sent), len(messages))
    return len(messages)


def _wants(user, notification: Notification, muted: set) -> bool:
    return bool(user.email) and user.is_active and (user.pk, notification.topic) not in muted


def _single(user, shown: Shown) -> EmailMessage:
    topic = shown.notification.topic
    body = render_to_string("notifications/email/single.txt", _context(user, [shown], topic))
    return _message(user, shown.text, body)


def _digest(user, shown: list[Shown], digest: Digest) -> EmailMessage:
    topic = shown[0].notification.topic
    context = _context(user, shown, topic) | {
        "intro": str(digest.intro),
        "closing": str(digest.closing),
    }
    body = render_to_string("notifications/email/digest.txt", context)
    return _message(user, digest.title(shown), body)


def _context(user, shown: list[Shown], topic) -> dict:
    return {
        "user": user,
        "name": user.get_full_name() or user.username,
        "items": shown,
        "site": settings.SITE_URL,
        "topic": topic.label,
        "profile_url": settings.SITE_URL + reverse("notifications:profile"),
    }


def _message(user, title: str, body: str) -> EmailMessage:
    subject = _("Work Plan Monitor: %(title)s") % {"title": title}
    subject = " ".join(subject.split())  # a header holds no line break
    if len(subject) > 150:
        subject = subject[:149].rstrip() + "…"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
