"""Reads a statement and proposes what it finds: the meetings it mentions, the parties, the
plan's priority areas it discusses and the commitments it states, each with the character
spans (start, end) of the words that justify it, so that a page can highlight them.

Offline and deterministic: plain rules over the tables of `gazetteer.py` and the names and
areas of the register (`lexicon.py`; no model, nothing downloaded). The same text, publication
date and lexicon always give the same reading.

- Meetings: see `meeting_finder.py`.
- Year of dates written without one: the publication year when it is given; otherwise the
  year of a full date at the top of the text (a dateline); otherwise the latest year the text
  writes, leaving out range ends, deadlines and visions (`dates.context_year`). A bare weekday
  ("on Tuesday") is placed only from a publication date or a dateline.
- Parties: every name or alias of a party in the register (`Party.aliases`: "Viet Nam",
  "Vietnam", "Vietnamese"; not those of two letters), and of the countries of
  `gazetteer.OTHER_COUNTRIES` that are not in it; "ASEAN" stands for the grouping as a whole
  and "ASEC" for the ASEAN Secretariat; "+3" and "Plus Three" name China, Japan and the
  Republic of Korea.
- Priority areas: those of the plan read for, in its order; the sentences that use one of an
  area's keywords (`PriorityArea.keywords`) or its name.
- Commitments: a sentence with a phrase that commits ("agreed to", "are committed to",
  "will", "reaffirmed their commitment to", "Agree to ..." in a list); the commitment is what
  follows the phrase. Its area is the one area its sentence names (of several: the one its
  action names, else the one named before the phrase), else the one area of its paragraph, else
  that of the heading above it, else the one area of the text, else none; holding a meeting
  ("agreed to convene the 15th AMMTC") belongs to an area only when its sentence names one,
  holding a training does not count as holding a meeting.
- Parties: a country named only as a venue is not one; "the ASEAN 10" and "all ASEAN Member
  States" name every member state (of the day of the text); "except ..." leaves countries out.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

from workplan.statements.dates import context_year, dateline, find_dates
from workplan.statements.gazetteer import (
    CITIES,
    CITY_SPELLINGS,
    COMMITMENT_PHRASES,
    COUNTRY_NAMES,
    NOT_PARTIES,
    PLUS_THREE,
)
from workplan.statements.lexicon import Lexicon
from workplan.statements.meeting_finder import MeetingFound, find_meetings
from workplan.statements.sentences import Sentence, split_sentences

Span = tuple[int, int]


@dataclass
class PartyFound:
    """A party the statement names; `code` is a party code, or "ASEAN" for the grouping."""

    code: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class AreaFound:
    """A priority area the statement discusses, with the sentences that show it."""

    key: str
    evidence: list[str]
    spans: list[Span]  # the words of the area
    sentences: list[Span]  # the sentences that hold them


@dataclass
class CommitmentFound:
    """A commitment or action the statement states, tied to an area where it can be."""

    text: str
    priority_area: str | None
    spans: list[Span]


@dataclass
class Reading:
    """What the reader proposes for one statement."""

    text: str
    meetings: list[MeetingFound]
    parties: list[PartyFound]
    priority_areas: list[AreaFound]
    commitments: list[CommitmentFound]
    year: int | None  # the year given to dates written without one
    lexicon: Lexicon = field(repr=False)  # the names and areas it was read with

    def as_json(self) -> dict:
        """The shape `workplan read-statement --json` prints (see the README)."""
        return {
            "meetings": [meeting.as_json() for meeting in self.meetings],
            "parties": [party.code for party in self.parties],
            "priority_areas": [
                {"key": area.key, "evidence": area.evidence} for area in self.priority_areas
            ],
            "commitments": [
                {"text": c.text, "priority_area": c.priority_area} for c in self.commitments
            ],
        }


def read_statement(
    text: str, lexicon: Lexicon, *, published: datetime.date | None = None
) -> Reading:
    """The reading of a text with the names and areas of `lexicon` (see `Lexicon.for_plan`)."""
    text = text or ""
    sentences = split_sentences(text)
    dates = find_dates(text)
    reference = published or dateline(text, dates)
    year = reference.year if reference else context_year(text, dates)
    areas = find_areas(text, sentences, lexicon)
    return Reading(
        text=text,
        meetings=find_meetings(
            text, sentences, dates, year=year, reference=reference, lexicon=lexicon
        ),
        parties=find_parties(text, lexicon, reference),
        priority_areas=areas,
        commitments=find_commitments(text, sentences, areas),
        year=year,
        lexicon=lexicon,
    )


# Parties


def _names(words) -> str:
    """An alternation of names as written and in capitals, the longest first."""
    variants = set(words) | {word.upper() for word in words}
    return "|".join(re.escape(word) for word in sorted(variants, key=len, reverse=True))


@functools.lru_cache(maxsize=16)
def _party_pattern(spellings: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_names(spellings)})(?!\w)")


COUNTRY_PLACE_NAMES = {name for names in COUNTRY_NAMES.values() for name in names} | {
    name.removeprefix("the ") for names in COUNTRY_NAMES.values() for name in names
}
COUNTRY_CODES = {
    name.removeprefix("the "): code for code, names in COUNTRY_NAMES.items() for name in names
}
CITY_NAMES_PATTERN = "|".join(
    re.escape(city) for city in sorted({*CITIES, *CITY_SPELLINGS}, key=len, reverse=True)
)
NOT_PARTY = re.compile(rf"(?<!\w)(?:{_names(NOT_PARTIES)})(?!\w)")
PLUS_THREE_WORDS = re.compile(
    r"(?:\+\s*3|[Pp]lus\s+[Tt]hree|PLUS\s+THREE|\bAPT\b)(?![\w%.,]\d|\w|%)"
)


# "The ASEAN 10", "all ASEAN Member States", "the ten ASEAN countries", "the Member States of
# ASEAN": every member state.
_ASEAN = r"(?:ASEAN|Association\s+of\s+South\s?east\s+Asian\s+Nations)"
_MEMBERS = r"(?:member\s+)?(?:states|countries|nations)"
MEMBER_STATES = re.compile(
    rf"(?i:\bthe\s+ASEAN[\s-]?(?:10|ten)\b"
    rf"|\b(?:all|each\s+of)\s+(?:of\s+)?(?:the\s+)?(?:(?:10|ten)\s+)?{_ASEAN}\s+{_MEMBERS}"
    rf"|\b(?:10|ten)\s+{_ASEAN}\s+{_MEMBERS}"
    rf"|\b(?:all\s+|the\s+)?(?:(?:10|ten)\s+)?member\s+(?:states|countries)\s+of\s+(?:the\s+)?"
    rf"{_ASEAN})"
)
# "all ARF participants, except Cambodia, ...": the countries after "except" took no part.
EXCEPT = re.compile(r"\bexcept(?:\s+for)?\s+", re.IGNORECASE)
LIST_GAP = re.compile(r"[\s,]*(?:(?:and|the|[A-Z][\w'’.-]*)[\s,]*)*")
VENUE_BEFORE = re.compile(r"\b(?:in|at|In|At)\s+(?:the\s+)?[^.;\n]{0,60}$")


def find_parties(text: str, lexicon: Lexicon, day: datetime.date | None = None) -> list[PartyFound]:
    """The parties the text names, in the order it first names them: every name or alias, the
    member states when the text names them all as a group, the Plus Three for "+3"; not a
    country named only as a venue ("held in Hanoi, Viet Nam") nor one a list leaves out ("all
    participants except Cambodia")."""
    excluded = [match.span() for match in NOT_PARTY.finditer(text)]
    named = [
        (match.span(), lexicon.parties.code_of(match.group()))
        for match in _party_pattern(lexicon.spellings()).finditer(text)
        if not any(start <= match.start() < end for start, end in excluded)
    ]
    named += [(m.span(), code) for m in PLUS_THREE_WORDS.finditer(text) for code in PLUS_THREE]
    left_out = _left_out(text, named)
    named = [(span, code) for span, code in named if span not in left_out]
    named = _without_venues(text, named)
    members = lexicon.members_on(day)
    for match in MEMBER_STATES.finditer(text):
        gone = {
            code for span, code in left_out.items() if match.end() <= span[0] < match.end() + 200
        }
        named += [(match.span(), code) for code in members if code not in gone]
    parties: dict[str, PartyFound] = {}
    for span, code in sorted(named):
        parties.setdefault(code, PartyFound(code)).spans.append(span)
    return list(parties.values())


def _left_out(text: str, named: list) -> dict:
    """The names listed right after "except": span -> code."""
    left_out = {}
    for match in EXCEPT.finditer(text):
        position = match.end()
        for span, code in sorted(named):
            if span[0] < position:
                continue
            if not LIST_GAP.fullmatch(text, position, span[0]):
                break
            left_out[span] = code
            position = span[1]
    return left_out


def _without_venues(text: str, named: list) -> list:
    """Leaves out a country whose every mention is where a meeting took place: "in Makati
    City, the Philippines", "held in Thailand in 2016", a heading "Siem Reap, Cambodia"."""
    venue = {span: _is_venue(text, span) for span, _code in named}
    kept_codes = {code for span, code in named if not venue[span]}
    return [(span, code) for span, code in named if code in kept_codes]


def _is_venue(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span[0]) + 1
    before = text[max(line_start, span[0] - 60) : span[0]]
    if re.search(r"(?i:host(?:ed|ing|s)?\s+by|by)\s+(?:the\s+)?$", before):
        return False
    written = text[span[0] : span[1]]
    if written not in COUNTRY_PLACE_NAMES:  # an adjective ("Cambodian") or a short form
        return False
    if re.search(r"\b(?:in|at|In|At)\s+(?:the\s+)?$", before):
        return True
    city = re.search(rf"(?P<city>{CITY_NAMES_PATTERN})\s*,\s*(?:the\s+)?$", before)
    if city:  # "Hanoi, Viet Nam"; not a list of countries ("Singapore, Thailand")
        name = CITY_SPELLINGS.get(city.group("city"), city.group("city"))
        return CITIES.get(name) == COUNTRY_CODES.get(written.removeprefix("the "))
    return bool(
        re.search(
            r"\b(?:in|at)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}\s*,\s*"
            r"(?:the\s+)?$",
            before,
        )
    )


# Priority areas


def find_areas(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[AreaFound]:
    """The areas the text discusses, in the plan's order, each with its sentences."""
    areas = []
    for area in lexicon.areas:
        spans = [match.span() for match in area.pattern().finditer(text)]
        if spans:
            showing = _sentences_holding(sentences, spans)
            evidence = [sentence.text_of(text) for sentence in showing]
            sentence_spans = [(sentence.start, sentence.end) for sentence in showing]
            areas.append(AreaFound(area.key, evidence, spans, sentence_spans))
    return areas


def _sentences_holding(sentences: list[Sentence], spans: list[Span]) -> list[Sentence]:
    return [s for s in sentences if any(s.start <= start < s.end for start, _end in spans)]


# Commitments

COMMITTING = [re.compile(phrase, re.IGNORECASE) for phrase in COMMITMENT_PHRASES[:-1]] + [
    re.compile(COMMITMENT_PHRASES[-1])  # a list item starting with a verb: capitalised
]
MIN_WORDS = 2
# An action about holding a meeting belongs to no area unless its sentence names one; holding a
# training or a workshop is an activity of the area the text discusses.
PROCEDURAL = re.compile(
    r"(?i)(?:hold|convene|host|meet|attend|organi[sz]e)\b(?:\s+\S+){0,4}?\s+"
    r"(?:meetings?|consultations?|summits?|conferences?|dialogues?|sessions?|forums?|retreats?"
    r"|AMMTC|SOMTC|AMMD|ASOD|ASEANAPOL|ARF)\b"
)
HEADING_LENGTH = 80


def find_commitments(
    text: str, sentences: list[Sentence], areas: list[AreaFound]
) -> list[CommitmentFound]:
    found = []
    for sentence in sentences:
        written = text[sentence.start : sentence.end]
        phrase = _committing_phrase(written)
        if phrase is None:
            continue
        action = " ".join(written[phrase.end() :].split()).rstrip(" .;:,")
        if len(action.split()) < MIN_WORDS:
            continue
        end = sentence.start + len(written.rstrip(" .;:,"))
        where = (sentence.start + phrase.start(), sentence.start + phrase.end())
        area = _area_of(
            text, sentence, sentences, areas, where, procedural=bool(PROCEDURAL.match(action))
        )
        found.append(
            CommitmentFound(
                action[0].upper() + action[1:], area, [(sentence.start + phrase.start(), end)]
            )
        )
    return found


def _committing_phrase(written: str) -> re.Match | None:
    matches = [match for pattern in COMMITTING if (match := pattern.search(written))]
    return min(matches, key=lambda match: match.start(), default=None)


def _area_of(text, sentence, sentences, areas, phrase: Span, *, procedural: bool) -> str | None:
    """The area the commitment is about: the one area its sentence names (when it names
    several, the one its action names, else the one named before the committing phrase);
    else the one area of its paragraph; else the one of the heading above it ("Trafficking in
    Persons"); else the one area of the whole text; else none."""

    def named(start: int, end: int) -> set[str]:
        return {a.key for a in areas if any(start <= s < end for s, _ in a.spans)}

    in_sentence = named(sentence.start, sentence.end)
    if len(in_sentence) == 1:
        return in_sentence.pop()
    if in_sentence:
        for part in (named(phrase[1], sentence.end), named(sentence.start, phrase[0])):
            if len(part) == 1:
                return part.pop()
        return None
    if procedural:
        return None
    paragraph = [s for s in sentences if s.paragraph == sentence.paragraph]
    in_paragraph = named(paragraph[0].start, paragraph[-1].end)
    if len(in_paragraph) == 1:
        return in_paragraph.pop()
    if in_paragraph:
        return None
    heading = _heading_above(text, sentence, sentences)
    in_heading = named(heading.start, heading.end) if heading else set()
    if len(in_heading) == 1:
        return in_heading.pop()
    return areas[0].key if len(areas) == 1 and not in_heading else None


def _heading_above(text: str, sentence: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The nearest heading before the sentence's paragraph: a paragraph of one short line
    that does not end like a sentence."""
    for earlier in reversed([s for s in sentences if s.paragraph < sentence.paragraph]):
        alone = sum(1 for s in sentences if s.paragraph == earlier.paragraph) == 1
        line = text[earlier.start : earlier.end].strip()
        if alone and len(line) <= HEADING_LENGTH and not line.endswith((".", ";", ":", ",")):
            return earlier
    return None
