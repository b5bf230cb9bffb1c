"""The kinds of record the search box finds: how each reads as text, and how a result shows.

The text of a record is its own words only (never a linked record's), so a match can name only
what the access rules let its reader open: the record itself.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_label
from workplan.meetings.models import ActionItem, AgendaItem, Decision, Meeting, MeetingDocument
from workplan.plans.models import Activity
from workplan.reporting.models import ProgressUpdate
from workplan.statements.models import Statement


@dataclass(frozen=True)
class Kind:
    """One kind of searchable record."""

    key: str
    heading: str
    model: type[Model]
    text: Callable[[Model], str]  # the words the index holds (and the snippet shows)
    title: Callable[[Model], str]  # the result's link text
    url: Callable[[Model], str]
    related: tuple[str, ...] = ()  # what `text`, `title` and `url` read, in the same query
    order: tuple[str, ...] = ("-pk",)


def _words(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _meeting_url(meeting_id: int, item_id: int | None = None) -> str:
    url = reverse("meetings:meeting_detail", args=[meeting_id])
    return f"{url}#item-{item_id}" if item_id else url


KINDS = [
    Kind(
        "activity", _("Activities"), Activity,
        text=lambda a: _words(a.code, a.title, a.description),
        title=lambda a: f"{a.code} {a.title}",
        url=lambda a: a.get_absolute_url(),
        order=("code", "pk"),
    ),
    Kind(
        "meeting", _("Meetings"), Meeting,
        text=lambda m: _words(m, m.body.name, m.city, m.note),
        title=lambda m: f"{m}, {date_label(m.start_date)}",
        url=lambda m: m.get_absolute_url(),
        related=("body",),
        order=("-start_date", "-pk"),
    ),
    Kind(
        "agenda_item", _("Agenda items"), AgendaItem,
        text=lambda i: _words(i.title, i.noted),
        title=lambda i: f"{i.meeting}: {i}",
        url=lambda i: _meeting_url(i.meeting_id, i.pk),
        related=("meeting__body",),
    ),
    Kind(
        "decision", _("Decisions"), Decision,
        text=lambda d: d.text,
        title=lambda d: f"{d.agenda_item.meeting}: {d.agenda_item}",
        url=lambda d: _meeting_url(d.agenda_item.meeting_id, d.agenda_item_id),
        related=("agenda_item__meeting__body",),
    ),
    Kind(
        "action_item", _("Action items"), ActionItem,
        text=lambda a: a.text,
        title=lambda a: f"{a.agenda_item.meeting}: {a}",
        url=lambda a: a.get_absolute_url(),
        related=("agenda_item__meeting__body",),
    ),
    Kind(
        "update", _("Progress updates"), ProgressUpdate,
        text=lambda u: u.narrative,
        title=lambda u: f"{u.activity.code} {u.activity.title} · {u.party.name} · {u.period}",
        url=lambda u: u.get_absolute_url(),
        related=("activity", "party", "period"),
    ),
    Kind(
        "document", _("Meeting documents"), MeetingDocument,
        text=lambda d: d.original_name,
        title=lambda d: f"{d.original_name} ({d.meeting})",
        url=lambda d: reverse("meetings:document_download", args=[d.pk]),
        related=("meeting__body",),
    ),
    Kind(
        "statement", _("Statements"), Statement,
        text=lambda s: _words(s.title, s.text),
        title=lambda s: s.title,
        url=lambda s: s.get_absolute_url(),
    ),
]  # fmt: skip
BY_KEY = {kind.key: kind for kind in KINDS}
BY_MODEL = {kind.model: kind for kind in KINDS}
