"""How the records a notification is about read in it, resolved for its reader.

A notification keeps ids. Each app says once how its records read in a notification
(`describe`, called from its `notices.py`); `resolve` loads the records of a list of
notifications through the reader's access rules, one query per kind of record, and words each
notification. A record the reader may not see (any more) is never named: the notification
says "a record you cannot see" and links nowhere.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workplan.core import access
from workplan.notifications.models import Notification

Kind = Notification.Kind

SENTENCES = {
    Kind.UPDATE_SUBMITTED: gettext_lazy("Update submitted for review: %(subject)s"),
    Kind.UPDATE_RETURNED: gettext_lazy("Update returned to your party: %(subject)s"),
    Kind.UPDATE_ACCEPTED: gettext_lazy("Update accepted: %(subject)s"),
    Kind.UPDATE_MESSAGE: gettext_lazy("New message on the update %(subject)s"),
    Kind.ACTION_ASSIGNED: gettext_lazy("Action item given to your party: %(subject)s"),
    Kind.UPDATE_DUE_SOON: gettext_lazy("Progress update due: %(subject)s, %(context)s"),
    Kind.UPDATE_OVERDUE: gettext_lazy("Progress update overdue: %(subject)s, %(context)s"),
    Kind.ACTION_OVERDUE: gettext_lazy("Action item overdue: %(subject)s"),
}
# Kinds whose record carries words for the reader: the reviewer's comment, the message.
DETAILED = {Kind.UPDATE_RETURNED, Kind.UPDATE_MESSAGE}


def _absolute_url(obj) -> str:
    return obj.get_absolute_url()


def _nothing(obj) -> str:
    return ""


@dataclass(frozen=True)
class Description:
    """How records of one model read: the relations its label needs, its label, the page it
    opens, and the words it carries (a comment's text)."""

    related: tuple[str, ...] = ()
    label: Callable[[Model], str] = str
    url: Callable[[Model], str] = _absolute_url
    detail: Callable[[Model], str] = _nothing


_descriptions: dict[type[Model], Description] = {}


def describe(model: type[Model], **how) -> None:
    _descriptions[model] = Description(**how)


@dataclass
class Shown:
    """A notification as its reader may read it."""

    notification: Notification
    visible: bool
    text: str
    url: str = ""
    detail: str = ""


def resolve(notifications: list[Notification], user) -> list[Shown]:
    """Each notification worded for `user`, naming only records `user` may see now."""
    found = _visible_records(notifications, user)
    return [_shown(notification, found) for notification in notifications]


def _visible_records(notifications, user) -> dict[tuple[int, int], Model]:
    wanted = defaultdict(set)
    for notification in notifications:
        wanted[notification.subject_type_id].add(notification.subject_id)
        if notification.context_type_id:
            wanted[notification.context_type_id].add(notification.context_id)
    found = {}
    for type_id, ids in sorted(wanted.items()):
        model = ContentType.objects.get_for_id(type_id).model_class()
        how = _descriptions.get(model)
        if how is None:
            continue  # a kind of record nobody described is never named
        rows = model._default_manager.select_related(*how.related).filter(pk__in=ids)
        found.update({(type_id, obj.pk): obj for obj in access.restrict(rows, user)})
    return found


def _shown(notification: Notification, found: dict) -> Shown:
    sentence = SENTENCES[notification.kind]
    subject = found.get((notification.subject_type_id, notification.subject_id))
    context = None
    if notification.context_type_id:
        context = found.get((notification.context_type_id, notification.context_id))
    if subject is None or (notification.context_type_id and context is None):
        text = _("%(kind)s: a record you cannot see") % {"kind": notification.get_kind_display()}
        return Shown(notification, visible=False, text=text)
    how = _descriptions[type(subject)]
    text = sentence % {
        "subject": how.label(subject),
        "context": _descriptions[type(context)].label(context) if context is not None else "",
    }
    detail = how.detail(subject) if notification.kind in DETAILED else ""
    return Shown(notification, visible=True, text=text, url=how.url(subject), detail=detail)
