"""Sentences and paragraphs of a statement, as character positions in the text as given.

Text pasted from a PDF breaks lines in the middle of sentences, so a line break ends a paragraph
only when the line before it ends a sentence or is short (a heading, a dateline), or when the
next line starts a list item; otherwise it is read as a space.
"""

import re
from dataclasses import dataclass

SHORT_LINE = 60
# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "insp", "pol", "prof",
    "st", "no", "nos", "vol", "jr", "sr", "hon", "h.e", "e.g", "i.e", "etc", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "p.d.r", "co", "ltd", "inc", "dept", "govt", "brig", "adm", "cmdr", "supt", "sgt", "rep",
    "sen", "pres", "a.m", "p.m", "art", "para", "fig", "approx", "assoc",
}  # fmt: skip
LIST_ITEM = re.compile(r"[ \t]*(?:[-•*–·]|\(?\d{1,3}[.)]|\(?[a-z]{1,3}[.)]|\([ivx]+\))\s")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
LINE_END = re.compile(r"[.!?:;\"'”’)]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence at text[start:end]; `paragraph` counts paragraphs from 0."""

    start: int
    end: int
    paragraph: int

    def text_of(self, text: str) -> str:
        return " ".join(text[self.start : self.end].split())


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    for number, (start, end) in enumerate(paragraphs(text)):
        sentences.extend(Sentence(s, e, number) for s, e in _sentences_in(text, start, end))
    return sentences


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, leading and trailing blanks left out."""
    blocks, start = [], 0
    for match in re.finditer(r"\n", text):
        if _ends_paragraph(text, match.start(), match.end()):
            blocks.append((start, match.start()))
            start = match.end()
    blocks.append((start, len(text)))
    return [trimmed for block in blocks if (trimmed := _trim(text, *block))]


def _ends_paragraph(text: str, newline: int, next_start: int) -> bool:
    previous = text[text.rfind("\n", 0, newline) + 1 : newline]
    stop = text.find("\n", next_start)
    following = text[next_start : stop if stop != -1 else len(text)]
    return (
        not previous.strip()
        or not following.strip()
        or bool(LINE_END.search(previous))
        or len(previous.strip()) < SHORT_LINE
        or bool(LIST_ITEM.match(following))
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentences_in(text: str, start: int, end: int):
    begin = start
    for match in SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, begin, match.start()):
            continue
        if trimmed := _trim(text, begin, match.end()):
            yield trimmed
        begin = match.end()
    if trimmed := _trim(text, begin, end):
        yield trimmed


def _is_abbreviation(text: str, begin: int, stop: int) -> bool:
    """Is the full stop at `stop` part of "Mr.", "H.E.", an initial, or a list number?"""
    if text[stop] != ".":
        return False
    word = re.search(r"[\w.]*$", text[begin:stop]).group().lower()
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return word.isdigit() and text[begin:stop].strip(" (\t") == word
