"""The columns of the activity register as a spreadsheet: how an activity is written into a
row, and how a row's cells are read back into the values `plans.actions` takes.

One definition serves the export, the template (the export with no rows) and the import, so
what is exported imports back unchanged. Cells hold what people read (names and labels, not
ids); a value that is not recognised is refused with a suggestion where one exists.
"""

import datetime
import difflib
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl.utils.datetime import from_excel

from workplan.parties.models import Party
from workplan.parties.names import PartyNames, comparable
from workplan.plans.models import Activity, FundingSource, WorkPlan


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: int
    hint: str = ""  # what to write, in the reader's language (the header stays English)


COLUMNS = [
    Column(
        "code", "Code", 14, _("Blank for a new activity: a code is proposed, e.g. SEA-2024-03.")
    ),
    Column("title", "Title", 40),
    Column("description", "Description", 50),
    Column("area", "Priority area", 22, _("A name from the Lists sheet.")),
    Column("commitments", "Commitments served", 50, _("One per line, as in the Lists sheet.")),
    Column("lead_party", "Lead party", 18, _("A party's name or code.")),
    Column("partner_parties", "Partner parties", 30, _("Names or codes, separated by ;")),
    Column("modality", "Modality", 16),
    Column("planned_start", "Planned start", 13, _("A date: 2024-03-01.")),
    Column("planned_end", "Planned end", 13),
    Column("actual_start", "Actual start", 13),
    Column("actual_end", "Actual end", 13),
    Column("status", "Status", 12),
    Column("classification", "Classification", 14),
    Column("funding_source", "Funding source", 30),
    Column("budget_amount", "Budget", 14),
    Column("budget_currency", "Currency", 9, _("Three letters: USD, JPY.")),
    Column("weight", "Weight", 8, _("1 unless the activity counts more.")),
]
HEADERS = [column.header for column in COLUMNS]
RELATIONS = {"commitments", "partner_parties"}
CHOICES = {
    "modality": Activity.Modality,
    "status": Activity.Status,
    "classification": Activity.Classification,
}
DATES = {"planned_start", "planned_end", "actual_start", "actual_end"}
TEXTS = {"code", "title", "description", "budget_currency"}

# A cell a spreadsheet may run as a formula starts with one of = + - @, a tab or a carriage
# return. A cell starts at the start of the value, and after a separator when a spreadsheet reads
# a CSV file with another separator than ours (";" in much of Europe, or a tab) and splits an
# unquoted value there. Apostrophes a piece already starts with count, so that the guard comes
# off exactly as it was put on.
PIECE_START = r"(?:^|(?<=[;,\t]))"
FORMULA = r"'*[=+\-@\t\r]"
FORMULA_PIECE = re.compile(rf"{PIECE_START}(?={FORMULA})")
GUARDED_PIECE = re.compile(rf"{PIECE_START}'(?={FORMULA})")


class CellError(ValueError):
    """What is wrong with one cell, worded for the person who typed it."""


def neutralise(value):
    """A text that a spreadsheet could run as a formula, read whole or split at a separator,
    gets an apostrophe before each such piece ("Workshop;=7+7" → "Workshop;'=7+7")."""
    if isinstance(value, str) and _holds_formula_character(value):
        return FORMULA_PIECE.sub("'", value)
    return value


def _holds_formula_character(text: str) -> bool:
    """Most cells hold none; this is found four times faster than the pieces (an export of
    10,000 activities checks 180,000 cells)."""
    return "=" in text or "+" in text or "-" in text or "@" in text or "\t" in text or "\r" in text


def unneutralise(text: str) -> str:
    """The text before `neutralise`."""
    return GUARDED_PIECE.sub("", text)


@functools.lru_cache(maxsize=4096, typed=True)  # an import compares the same names each row
def normal(text) -> str:
    """How names are compared: case, spacing and curly quotes do not matter."""
    return comparable(str(text))


# Writing


def activity_row(activity: Activity, links: dict | None = None) -> list:
    """The cells of one activity, in column order, as a person reads them. `links` gives its
    commitments' texts and partners' names when read in bulk (see `register_rows`)."""
    links = links or {
        "commitments": [c.text for c in sorted(activity.commitments.all(), key=_position)],
        "partner_parties": [p.name for p in activity.partner_parties.all()],
    }
    return [_cell(activity, column.field, links) for column in COLUMNS]


def _cell(activity: Activity, field: str, links: dict):
    if field in CHOICES:
        return file_labels(CHOICES[field]).get(getattr(activity, field))
    if field == "commitments":
        return "\n".join(links["commitments"])
    if field == "partner_parties":
        return "; ".join(sorted(links["partner_parties"]))
    if field in ("area", "lead_party", "funding_source"):
        related = getattr(activity, field)
        return related.name if related else None
    return getattr(activity, field)


def _position(commitment) -> tuple:
    return (commitment.position, commitment.pk)


def register_rows(activities, chunk: int = 1000):
    """The rows of many activities: their links are read in bulk, two queries a chunk, as
    plain values (much faster than one related object per link)."""
    iterator = activities.prefetch_related(None).iterator(chunk_size=chunk)
    while batch := list(islice(iterator, chunk)):
        links = _links([activity.pk for activity in batch])
        for activity in batch:
            yield activity_row(activity, links[activity.pk])


def _links(ids: list[int]) -> dict[int, dict]:
    links = {pk: {"commitments": [], "partner_parties": []} for pk in ids}
    served = Activity.commitments.through.objects.filter(activity_id__in=ids).order_by(
        "commitment__position", "commitment_id"
    )
    for pk, text in served.values_list("activity_id", "commitment__text"):
        links[pk]["commitments"].append(text)
    partners = Activity.partner_parties.through.objects.filter(activity_id__in=ids)
    for pk, name in partners.values_list("activity_id", "party__name"):
        links[pk]["partner_parties"].append(name)
    return links


# Reading


class Vocabulary:
    """The names a plan's rows may use, loaded once per import (a few queries)."""

    def __init__(self, plan: WorkPlan):
        self.plan = plan
        self.plan_parties = {p.pk: p for p in plan.parties.all()}
        self.parties = {}
        everyone = list(Party.objects.all())
        for party in everyone:
            self.parties[normal(party.code)] = self.parties[normal(party.name)] = party
        self.names = PartyNames(everyone)
        self.areas = {}
        self.commitments = {}  # area pk -> {normal text: commitment}
        for area in plan.areas.prefetch_related("commitments"):
            for name in (area.name, area.key, area.code_prefix):
                self.areas[normal(name)] = area
            self.commitments[area.pk] = {normal(c.text): c for c in area.commitments.all()}
        self.sources = {}
        for source in FundingSource.objects.all():
            for name in (source.key, source.name, str(source)):
                self.sources[normal(name)] = source

    def party(self, text: str) -> Party:
        party = self.parties.get(normal(text))
        if party and party.pk in self.plan_parties:
            return party
        meant = None if party else self._party_meant(text)
        if meant is None:
            raise CellError(gettext("'%(text)s' is not a party of this plan.") % {"text": text})
        raise CellError(
            gettext("'%(text)s' is not a party of this plan; did you mean '%(name)s' (%(code)s)?")
            % {"text": text, "name": meant.name, "code": meant.code}
        )

    def _party_meant(self, text: str) -> Party | None:
        """An alias suggests its party (never accepted silently); else the closest name."""
        code = self.names.code_of(text)
        candidates = {normal(p.name): p for p in self.plan_parties.values()}
        if code is None:
            close = difflib.get_close_matches(normal(text), candidates, n=1, cutoff=0.6)
            code = candidates[close[0]].code if close else None
        return next((p for p in self.plan_parties.values() if p.code == code), None)

    def area(self, text: str):
        area = self.areas.get(normal(text))
        if area:
            return area
        names = sorted({a.name for a in self.areas.values()})
        facts = {"text": text, "close": closest(text, names), "names": ", ".join(names)}
        if facts["close"] is None:
            raise CellError(
                gettext("'%(text)s' is not a priority area of this plan. The areas are: %(names)s.")
                % facts
            )
        raise CellError(
            gettext(
                "'%(text)s' is not a priority area of this plan; did you mean '%(close)s'? The "
                "areas are: %(names)s."
            )
            % facts
        )

    def commitment(self, text: str, area):
        found = self.commitments.get(area.pk, {}).get(normal(text))
        if found:
            return found
        for other_pk, texts in self.commitments.items():
            if normal(text) in texts and other_pk != area.pk:
                other = texts[normal(text)].area
                raise CellError(
                    gettext("'%(text)s' is a commitment of %(other)s, not of %(area)s.")
                    % {"text": text, "other": other.name, "area": area.name}
                )
        texts = [c.text for c in self.commitments.get(area.pk, {}).values()]
        facts = {"text": text, "area": area.name, "close": closest(text, texts)}
        if facts["close"] is None:
            raise CellError(gettext("'%(text)s' is not a commitment of %(area)s.") % facts)
        raise CellError(
            gettext("'%(text)s' is not a commitment of %(area)s; did you mean '%(close)s'?") % facts
        )

    def source(self, text: str):
        source = self.sources.get(normal(text))
        if source:
            return source
        close = difflib.get_close_matches(normal(text), list(self.sources), n=1, cutoff=0.6)
        if not close:
            raise CellError(gettext("'%(text)s' is not a known funding source.") % {"text": text})
        raise CellError(
            gettext("'%(text)s' is not a known funding source; did you mean '%(close)s'?")
            % {"text": text, "close": self.sources[close[0]].name}
        )


def closest(text: str, options: list[str]) -> str | None:
    """The option `text` was most likely meant to be, if one is close enough."""
    by_normal = {normal(option): option for option in options}
    close = difflib.get_close_matches(normal(text), by_normal, n=1, cutoff=0.6)
    return by_normal[close[0]] if close else None


def read_cell(field: str, value, vocabulary: Vocabulary, area=None):
    """The value for the action's data from one cell; raises CellError."""
    if isinstance(value, str):
        value = unneutralise(value.replace("\r\n", "\n").strip())
        if value == "":
            value = None
    if field in DATES:
        return read_date(value)
    if field in CHOICES:
        return None if value is None else read_choice(value, CHOICES[field], field)
    return READERS[field](value, vocabulary, area)


def read_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float):
        return from_excel(value).date()
    for pattern in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(str(value), pattern).date()
        except ValueError:
            continue
    raise CellError(
        gettext("'%(value)s' is not a date; write it as 2024-03-01 or format the cell as a date.")
        % {"value": value}
    )


def read_choice(value, choices, field: str) -> str:
    found = _choice_names(choices).get(normal(value))
    if found is not None:
        return found
    labels = list(file_labels(choices).values())
    close = closest(value, labels)
    facts = {"value": value, "close": close, "labels": ", ".join(labels)}
    without, with_close = NOT_A_CHOICE[field]
    raise CellError(str(without if close is None else with_close) % facts)


# Why a cell is not one of a choice's labels: without a close label, and with one.
NOT_A_CHOICE = {
    "modality": (
        _("'%(value)s' is not a modality. Use one of: %(labels)s."),
        _("'%(value)s' is not a modality; did you mean '%(close)s'? Use one of: %(labels)s."),
    ),
    "status": (
        _("'%(value)s' is not a status. Use one of: %(labels)s."),
        _("'%(value)s' is not a status; did you mean '%(close)s'? Use one of: %(labels)s."),
    ),
    "classification": (
        _("'%(value)s' is not a classification. Use one of: %(labels)s."),
        _("'%(value)s' is not a classification; did you mean '%(close)s'? Use one of: %(labels)s."),
    ),
}


@functools.cache
def file_labels(choices) -> dict[str, str]:
    """A choice's label by its value as files write it: in English, whatever the language of
    the reader who downloads or uploads, so a file one reader writes imports for every other."""
    with translation.override(None):
        return {value: str(label) for value, label in choices.choices}


@functools.cache
def _choice_names(choices) -> dict[str, str]:
    """A choice's value by its value's and its label's normal form, the first choice first."""
    names = {}
    for choice_value, label in file_labels(choices).items():
        names.setdefault(normal(choice_value), choice_value)
        names.setdefault(normal(label), choice_value)
    return names


def _text(value, vocabulary, area) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def _code(value, vocabulary, area) -> str:
    return _text(value, vocabulary, area).upper()


def _currency(value, vocabulary, area) -> str:
    return _text(value, vocabulary, area).upper()


def _area(value, vocabulary, area):
    if value is None:
        raise CellError(gettext("Give the priority area."))
    return vocabulary.area(value)


def _commitments(value, vocabulary, area) -> list:
    if value is None or area is None:
        return []
    return [vocabulary.commitment(text, area) for text in _items(value)]


def _lead(value, vocabulary, area):
    if value is None:
        raise CellError(gettext("Give the lead party, by name or code."))
    return vocabulary.party(str(value))


def _partners(value, vocabulary, area) -> list:
    return [] if value is None else [vocabulary.party(text) for text in _items(value)]


def _source(value, vocabulary, area):
    return None if value is None else vocabulary.source(str(value))


def _budget(value, vocabulary, area) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise CellError(
            gettext("'%(value)s' is not an amount; type digits only, such as 25000.50.")
            % {"value": value}
        ) from None
    if not amount.is_finite():
        raise CellError(gettext("'%(value)s' is not an amount.") % {"value": value})
    return amount.quantize(Decimal("0.01"))


def _weight(value, vocabulary, area) -> int:
    if value is None:
        return 1
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value():
        raise CellError(
            gettext("'%(value)s' is not a whole number; the weight is 1, 2, 3…") % {"value": value}
        )
    return int(number)


def _items(value) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", str(value)) if item.strip()]


READERS = {
    "code": _code,
    "title": _text,
    "description": _text,
    "area": _area,
    "commitments": _commitments,
    "lead_party": _lead,
    "partner_parties": _partners,
    "funding_source": _source,
    "budget_amount": _budget,
    "budget_currency": _currency,
    "weight": _weight,
}


def current_values(activity: Activity) -> dict:
    """An activity's values in the shape `read_cell` gives, to tell what a row would change."""
    values = {}
    for column in COLUMNS:
        if column.field in RELATIONS:
            values[column.field] = list(getattr(activity, column.field).all())
        else:
            values[column.field] = getattr(activity, column.field)
    return values


def shown(field: str, value) -> str:
    """A value as the preview shows it."""
    if value is None or value == "" or value == []:
        return gettext("(empty)")
    if field in RELATIONS:
        return "; ".join(sorted(str(item) for item in value))
    if field in CHOICES:
        return str(CHOICES[field](value).label)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def same(field: str, before, after) -> bool:
    if field in RELATIONS:
        return {item.pk for item in before} == {item.pk for item in after}
    if field in ("area", "lead_party", "funding_source"):
        return getattr(before, "pk", None) == getattr(after, "pk", None)
    if field in TEXTS:
        return (before or "").strip() == (after or "").strip()
    return before == after
