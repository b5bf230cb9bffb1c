"""Every write of notifications: telling people, marking what they have read, their e-mail
choices.

The actions of the apps whose records change tell people (their `notices.py`), inside their
own transaction: a recipient who may not see the record is not told. E-mail leaves after the
transaction commits (`email_after_commit`), per the recipient's address and choices. Reading
marks are the reader's own state, like the time they last signed in, and stay out of the
change log; e-mail choices are account settings and are recorded.
"""

import contextlib
import contextvars

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workplan.accounts.actions import change_email
from workplan.accounts.models import User
from workplan.core import access, changelog
from workplan.core.access import CHANGE, VIEW
from workplan.core.models import ChangeLog
from workplan.notifications import mail
from workplan.notifications.models import EmailPreference, Notification, Topic

_email_paused = contextvars.ContextVar("workplan_email_paused", default=False)


def notify(recipients, kind: str, subject, *, context=None, actor=None) -> list[Notification]:
    """Tells each recipient about `subject` in the app, and by e-mail after the commit."""
    told = tell(recipients, kind, subject, context=context, actor=actor)
    email_after_commit(told)
    return told


def tell(recipients, kind: str, subject, *, context=None, actor=None) -> list[Notification]:
    """In-app notifications for each recipient who may see `subject` (and `context`) now;
    never for the actor, who knows."""
    told = [
        Notification(recipient=user, kind=kind, actor=_person(actor), **_about(subject, context))
        for user in _distinct(recipients)
        if user != actor and _may_see(user, subject, context)
    ]
    Notification.objects.bulk_create(told)
    count_unread({notification.recipient_id for notification in told})
    return told


def email_after_commit(notifications: list[Notification], *, digest=None) -> None:
    """Queues the e-mail of these notifications for when the transaction commits: one e-mail
    each, or with a `mail.Digest` one per recipient listing all of theirs. An e-mail that
    fails is logged; the change it tells of stands."""
    if notifications and not _email_paused.get():
        ids = [notification.pk for notification in notifications]

        def send_email():  # a named function: Django logs a failure by its name
            mail.send(ids, digest=digest)

        transaction.on_commit(send_email, robust=True)


@contextlib.contextmanager
def email_paused():
    """Inside the block people are told in the app only (the demo's sample history)."""
    token = _email_paused.set(True)
    try:
        yield
    finally:
        _email_paused.reset(token)


def _about(subject, context) -> dict:
    about = {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}
    if context is not None:
        about.update(context_type=ContentType.objects.get_for_model(context), context_id=context.pk)
    return about


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _distinct(users) -> list[User]:
    seen = {}
    for user in users:
        if user.is_active:
            seen.setdefault(user.pk, user)
    return list(seen.values())


def _may_see(user, subject, context) -> bool:
    return access.can(user, VIEW, subject) and (context is None or access.can(user, VIEW, context))


def count_unread(user_ids) -> None:
    """Sets each user's unread count from their notifications, in one statement, so that a
    count is never off by a concurrent write."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    if user_ids:
        User.objects.filter(pk__in=user_ids).update(
            unread_notifications=Coalesce(Subquery(unread), 0)
        )


# Reading


@transaction.atomic
def mark_read(notification: Notification, *, actor) -> Notification:
    access.require(actor, CHANGE, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        count_unread([actor.pk])
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Marks every unread notification of the actor as read; returns how many."""
    marked = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    count_unread([actor.pk])
    return marked


# E-mail choices


def email_topics(user) -> set[str]:
    """The topics `user` is e-mailed about: all but those turned off."""
    off = EmailPreference.objects.filter(user=user, by_email=False).values_list("topic", flat=True)
    return set(Topic.values) - set(off)


@transaction.atomic
def update_profile(user, *, email: str, topics, actor) -> None:
    """Sets the user's e-mail address and the topics they are e-mailed about."""
    if actor != user:
        raise PermissionDenied(_("Each user sets their own profile."))
    unknown = set(topics) - set(Topic.values)
    if unknown:
        raise ValidationError(
            {"topics": _("Unknown topics: %(topics)s.") % {"topics": ", ".join(sorted(unknown))}}
        )
    change_email(user, email, actor=actor)
    before = sorted(email_topics(user))
    for topic in Topic.values:
        EmailPreference.objects.update_or_create(
            user=user, topic=topic, defaults={"by_email": topic in topics}
        )
    after = sorted(email_topics(user))
    if after != before:
        changelog.record(
            user, ChangeLog.Kind.UPDATE, actor=actor,
            before={"e-mailed about": _labels(before)}, after={"e-mailed about": _labels(after)},
        )  # fmt: skip


def _labels(topics) -> list[str]:
    """In the site's language, whatever the writer's: the change log is one record for all."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(Topic(topic).label) for topic in topics]
