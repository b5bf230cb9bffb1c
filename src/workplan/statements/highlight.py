"""The words that justify a proposal, marked in the text with <mark>.

A mark is (start, end, kind, label): kind names the CSS class ("meeting", "party", "area",
"commitment"), label says in words what the words support, so colour is never the only sign.
"""

from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

Mark = tuple[int, int, str, str]
CONTEXT = 90


def highlight(text: str, marks: list[Mark]) -> SafeString:
    """The whole text as HTML; where marks overlap, one <mark> carries all their kinds."""
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    opening: dict[int, list[Mark]] = {}
    closing: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark[0] < mark[1]:
            opening.setdefault(mark[0], []).append(mark)
            closing.setdefault(mark[1], []).append(mark)
    active: list[Mark] = []
    parts = []
    for start, end in pairwise(cuts):
        for mark in closing.get(start, []):
            active.remove(mark)
        active.extend(opening.get(start, []))
        parts.append(_piece(text[start:end], active))
    return mark_safe("".join(parts))  # noqa: S308  (every piece is escaped)


def snippet(text: str, marks: list[Mark], whole: tuple[int, int] | None = None) -> SafeString:
    """The marked words with the text around them: the `whole` span (a sentence) when given,
    else some words either side, cut at word boundaries."""
    if whole:
        left, right = whole
    else:
        left, right = _window(text, min(m[0] for m in marks), max(m[1] for m in marks))
    local = [(start - left, end - left, kind, label) for start, end, kind, label in marks]
    return format_html(
        "{}{}{}",
        "…" if left > 0 and not whole else "",
        highlight(text[left:right], local),
        "…" if right < len(text) and not whole else "",
    )


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - CONTEXT)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    right = min(len(text), end + CONTEXT)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    return left, right


def _piece(words: str, active: list[Mark]) -> str:
    if not active:
        return escape(words)
    kinds = " ".join(sorted({f"hl-{mark[2]}" for mark in active}))
    labels = "; ".join(dict.fromkeys(mark[3] for mark in active))
    return format_html('<mark class="{}" title="{}">{}</mark>', kinds, labels, words)
