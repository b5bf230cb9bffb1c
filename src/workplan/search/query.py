"""What a search asks for, how the index answers it, and the matched words marked in a text.

A search is words, all of which must be found. A plain word (letters and digits) is matched as
the start of a word through full-text search: PostgreSQL's `to_tsvector('simple', ...)` (no
stemming: the records are in English, Japanese and Indonesian) or SQLite's FTS5. A word with
other characters in it, such as an activity code `SP-2024-05`, is matched as written anywhere in
the text (on PostgreSQL through a trigram index).
"""

import re
from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from workplan.core.filters import SearchWordsField
from workplan.core.formats import number_label
from workplan.search.models import SearchDocument

MIN_CHARACTERS = 2
MAX_CHARACTERS = 200
PLAIN = re.compile(r"\w+")
CONTEXT = 80


class SearchForm(forms.Form):
    q = SearchWordsField(
        label=pgettext_lazy("verb", "Search"),
        error_messages={"required": gettext_lazy("Type a word to search for.")},
    )

    def clean_q(self) -> str:
        value = self.cleaned_data["q"].strip()
        if len(value) < MIN_CHARACTERS:
            raise forms.ValidationError(
                _("Search with at least %(least)s characters: one finds too much.")
                % {"least": MIN_CHARACTERS}
            )
        if len(value) > MAX_CHARACTERS:
            raise forms.ValidationError(
                _("Search with at most %(most)s characters; this search has %(count)s.")
                % {"most": MAX_CHARACTERS, "count": number_label(len(value))}
            )
        return value


@dataclass(frozen=True)
class Terms:
    """A search's words: `plain` ones go to full-text search, the `literal` ones are matched as
    written."""

    plain: tuple[str, ...]
    literal: tuple[str, ...]

    @classmethod
    def of(cls, query: str) -> "Terms":
        words = list(dict.fromkeys(query.split()))
        return cls(
            tuple(w for w in words if PLAIN.fullmatch(w)),
            tuple(w for w in words if not PLAIN.fullmatch(w)),
        )


def matching(terms: Terms, kind: str) -> QuerySet:
    """The ids of the records of `kind` whose document has every word (a subquery)."""
    documents = SearchDocument.objects.filter(kind=kind)
    for word in terms.literal:
        documents = documents.filter(text__icontains=word)
    if terms.plain:
        documents = _full_text(documents, terms.plain)
    return documents.values("object_id")


def _full_text(documents: QuerySet, words: tuple[str, ...]) -> QuerySet:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="simple")
        return documents.annotate(words=SearchVector("text", config="simple")).filter(words=query)
    # FTS5: each word quoted (nothing in it is read as syntax), as the start of a word
    match = " ".join(f'"{w}"*' for w in words)
    return documents.filter(
        id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", (match,))
    )


def snippet(text: str, terms: Terms) -> SafeString:
    """The part of `text` around the first match, every matched word in <mark>; escaped."""
    pattern = _pattern(terms)
    found = list(pattern.finditer(text)) if pattern else []
    if not found:
        return escape(_cut(text, 0, 2 * CONTEXT))
    start = max(0, found[0].start() - CONTEXT)
    end = min(len(text), found[0].end() + CONTEXT)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    stop = text.find(" ", end)
    end = len(text) if stop < 0 else stop
    parts, at = [], start
    for match in found:
        if match.start() < at or match.end() > end:
            continue
        parts += [escape(text[at : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        at = match.end()
    parts.append(escape(text[at:end]))
    before, after = ("… " if start else ""), (" …" if end < len(text) else "")
    return mark_safe(before + "".join(parts) + after)  # noqa: S308  (every piece is escaped)


def _pattern(terms: Terms) -> re.Pattern | None:
    choices = [rf"(?<!\w){re.escape(w)}\w*" for w in terms.plain]
    choices += [re.escape(w) for w in terms.literal]
    return re.compile("|".join(choices), re.IGNORECASE) if choices else None


def _cut(text: str, start: int, end: int) -> str:
    return text[start:end] + (" …" if end < len(text) else "")
