"""Meetings in a statement: where the text names a meeting ("the 17th AMMTC", "the
ASEAN-Japan Summit", "the Third AMMTC Plus Three Consultation"), where it refers back to one
("The Meeting"), and where it names a place ("in Labuan Bajo", "Vientiane, Lao PDR").
`meeting_finder.py` decides which date and place belong to which meeting.
"""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from workplan.statements.dates import ORDINAL_WORD, DateFound, ordinal_number
from workplan.statements.gazetteer import (
    BACK_REFERENCES,
    CITIES,
    COUNTRY_NAMES,
    CRIME_BODIES,
    CRIME_BODY_NAMES,
    KNOWN_BODIES,
    MEETING_NOUNS,
    MONTHS,
    OTHER_BODIES,
    PARTNERS,
    BodyInfo,
)
from workplan.statements.places import Place

Span = tuple[int, int]


@dataclass(eq=False)
class Mention:
    """A meeting named in the text, or a reference back to one ("The Meeting"), with the date
    and place found for it."""

    span: Span
    body: BodyInfo | None
    number: int | None = None
    partner: str | None = None
    referent: "Mention | None" = None  # set on a reference back ("The Meeting")
    date: DateFound | None = None
    place: Place | None = None
    opening: DateFound | None = None  # "The meeting opened on Tuesday"
    also: list["Mention"] = field(default_factory=list)  # "The two meetings above": the others
    same_day: bool = False  # "held on the same day" as the meeting named before
    days: int | None = None  # "the two-day meeting"
    spans: list[Span] = field(default_factory=list)  # words that gave the date and place
    respective: bool = False  # one of "the 1st and 2nd Dialogues were held in ... respectively"
    weak_date: bool = False  # a date written before the name, or a heading's: others win
    final_day: bool = False  # "held on the final day of the 18th AMMTC": its last day only

    @property
    def is_back_reference(self) -> bool:
        return self.body is None

    @property
    def is_summit(self) -> bool:
        return self.body is not None and self.body.level == "summit"


def _words(words) -> str:
    """An alternation of words as written and in capitals, the longest first."""
    variants = set(words) | {word.upper() for word in words}
    return "|".join(re.escape(word) for word in sorted(variants, key=len, reverse=True))


ORDINAL = rf"\b(?:\d{{1,3}}\s?(?i:st|nd|rd|th)|{ORDINAL_WORD})"
PARTNER_WORDS = {word.lower(): key for key, (_l, words) in PARTNERS.items() for word in words}
PARTNER = rf"(?:{_words([word for _l, words in PARTNERS.values() for word in words] + ['three'])})"
JOIN = r"\s*(?:\+|[Pp]lus\b|PLUS\b|[-–—])\s*"
MONTH_NAMES = "|".join(MONTHS)
# "AMMTC 18", "SOMTC-23": a number right after the abbreviation (not "SOMTC 20 June").
NUMBER_AFTER = rf"(?:[\s-]?(?P<after>\d{{1,2}})\b(?![\s,]+(?:{MONTH_NAMES})\b)(?![.,]?\d))?"
# The same after another body's abbreviation: "ASOD 37", "AMF-9".
ABBREVIATION_NUMBER = re.compile(NUMBER_AFTER.removesuffix("?"))
WITH = r"\s+(?:[Cc]onsultations?\s+)?with\s+"
CONSULTATION = r"(?:\s+(?:[Cc]onsultations?|CONSULTATIONS?)\b)?"


def _crime_body_pattern(key: str) -> re.Pattern:
    """ "19th Senior Officials Meeting on Transnational Crime (SOMTC) + Japan", "AMMTC+3",
    "ASEAN Plus Three Ministerial Meeting on Transnational Crime (AMMTC+3)"."""
    names = "|".join(f"(?i:{name})" for name in CRIME_BODY_NAMES[key])
    return re.compile(
        rf"(?:ASEAN{JOIN}(?P<pre>{PARTNER})(?:\s*\(APT\))?\s+)?"
        rf"(?:{names}|\b{key}\b{NUMBER_AFTER})"
        rf"(?:\s*\((?=[^()]*{key})(?P<paren>[^()]{{2,40}})\))?"
        rf"(?:(?:{JOIN}|{WITH})(?P<post>{PARTNER})(?![\w+]))?{CONSULTATION}"
    )


SUMMIT = re.compile(
    rf"(?:ASEAN{JOIN}(?P<pre>{PARTNER})|(?P<post>{PARTNER}){JOIN}ASEAN|(?P<asean>ASEAN)"
    r"|(?P<eas>East\s+Asian?))"
    r"(?:\s*\([A-Z+\s]{2,10}\))?"
    r"\s+(?:(?i:commemorative|special|informal|leaders['’]?)\s+)*(?:Summit|SUMMIT|summit)"
    r"(?:s\b|\s+(?i:meeting)\b|(?!s))"
)


def _other_body_pattern(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        rf"(?:{'|'.join(patterns)})"
        r"(?:\s*\((?P<paren>[A-Za-z+\-\s]{2,20})\))?"
    )


NOUN = "|".join(MEETING_NOUNS)
NAME_WORD = r"(?:[A-Z][\w’'&.+-]*|of|on|for|and|the|in|to|against|between)"
CAPITALISED = r"[A-Z][\w’'&.+-]*"
PLACE_NAMES = _words(list(CITIES) + [name for names in COUNTRY_NAMES.values() for name in names])
NAME_JOINT = rf"(?:and|of|on|in(?!\s+(?:{PLACE_NAMES})\b))"  # "in Persons", not "in Beijing"
NAME_TAIL = (
    rf"(?:\s+(?:on|of|for)\s+(?:the\s+)?{CAPITALISED}"
    rf"(?:\s+(?:{NAME_JOINT}\s+)?{CAPITALISED}){{0,6}})?"
)
GENERIC = re.compile(
    rf"(?P<ordinal>{ORDINAL})\s+(?P<name>{CAPITALISED}(?:\s+{NAME_WORD}){{0,10}}?"
    rf"\s+(?:{NOUN}){NAME_TAIL})\b(?:\s*\((?P<paren>[A-Z][A-Za-z0-9+&\- ]{{1,20}})\))?"
)
DAYS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
BACK_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?:(?P<days>one|two|three|four|five|six|seven|\d)-day\s+|annual\s+|said\s+)?"
    rf"(?P<noun>(?i:{'|'.join(BACK_REFERENCES)}))(?![\w-])(?!\s+(?:of|on|between)\s)"
)
# The ordinal before a body's name is looked for after the name is found: trying the many
# ordinals at every position of the text is slow.
ORDINAL_BEFORE = re.compile(
    rf"(?P<ordinal>{ORDINAL})\s+(?:(?:ASEAN|Asean)(?:['’]s)?\s+"
    r"|(?i:meeting|conference|session)\s+of\s+(?:the\s+)?)?$"
)
# "ASEAN senior officials on drug matters (ASOD) gathered at their 35th meeting": an ordinal
# written after the body, for the meeting the sentence reports.
ORDINAL_AFTER = re.compile(
    rf"^[^.;]{{0,60}}?\b(?:its|their)\s+(?P<ordinal>{ORDINAL})\s+"
    r"(?i:meeting|conference|session|consultation)s?\b"
)
PAIRED_ORDINALS_BEFORE = re.compile(
    rf"(?P<first>{ORDINAL})\s+(?:and|&)\s+(?P<second>{ORDINAL})\s+$"
)
PAREN_PARTNER = re.compile(rf"{JOIN}(?P<partner>{PARTNER})(?![\w])")
PAREN_ORDINAL = re.compile(rf"(?P<ordinal>{ORDINAL})")
PAREN_NUMBER = re.compile(r"(?:AMMTC|SOMTC)[\s-](?P<number>\d{1,2})\b")


def find_mentions(text: str) -> list[Mention]:
    """Every meeting the text names, in order; a known body wins over a guessed one."""
    known = _crime_body_mentions(text) + _summit_mentions(text) + _other_body_mentions(text)
    chosen = _without_overlaps(known)
    generic = _without_overlaps(
        [m for m in _generic_mentions(text) if not any(_overlap(m.span, c.span) for c in chosen)]
    )
    _short_names(text, generic, chosen)
    return sorted(chosen + generic, key=lambda mention: mention.span)


def _short_names(text: str, generic: list[Mention], known: list[Mention]) -> None:
    """ "The Third ASEAN Plus Three Ministerial Meeting" in a text that also names the "ASEAN
    Plus Three Ministerial Meeting on Transnational Crime": the same body, its name cut short."""
    names = [(_bare_name(text[m.span[0] : m.span[1]]), m.body) for m in known]
    for mention in generic:
        short = _bare_name(text[mention.span[0] : mention.span[1]])
        body = next((b for name, b in names if name.startswith(short) and name != short), None)
        if body is not None and len(short.split()) >= 3:
            mention.body = body


def _bare_name(written: str) -> str:
    """A meeting's name without its ordinal, in lower case, its words single-spaced."""
    return " ".join(re.sub(rf"^{ORDINAL}\s+", "", written.strip()).lower().split())


def find_back_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "The Meeting", "the two-day meeting", "the Summit": each refers to the last meeting
    named before it (the last summit, for "the Summit")."""
    references = []
    for match in BACK_REFERENCE.finditer(text):
        if any(_overlap(match.span(), mention.span) for mention in mentions):
            continue
        summit = match.group("noun").lower() == "summit"
        earlier = [m for m in mentions if m.span[1] <= match.start() and m.is_summit == summit]
        if earlier:
            days = match.group("days")
            days = int(days) if days and days.isdigit() else DAYS.get(days)
            meeting = earlier[-1].referent or earlier[-1]  # "the SOMTC" named again: the 25th
            references.append(Mention(match.span(), None, referent=meeting, days=days))
    return references


# "The two ministerial meetings above were held on September 18 in Vientiane": the meetings
# named before, as many as the text says (or those of the sentence before, for "above").
PLURAL_REFERENCE = re.compile(
    r"\b(?:[Tt]he|[Tt]hese|[Bb]oth(?:\s+the)?)\s+(?:(?P<count>two|three|four|five|\d)\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?:meetings|consultations|dialogues|conferences)\b"
    r"(?P<above>\s+(?:above|mentioned\s+above))?"
)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}


def find_plural_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "The two meetings above", "Both meetings": one reference to several meetings named
    before; it needs a count or "above"/"both", else it may mean meetings in general."""
    references = []
    for match in PLURAL_REFERENCE.finditer(text):
        count = match.group("count")
        count = int(count) if count and count.isdigit() else COUNTS.get(count or "")
        if match.group().lower().startswith("both"):
            count = count or 2
        if count is None and not match.group("above"):
            continue
        earlier = _distinct([m for m in mentions if m.span[1] <= match.start()])
        if count and len(earlier) >= count:
            chosen = earlier[-count:]
            references.append(Mention(match.span(), None, referent=chosen[0], also=chosen[1:]))
    return references


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """One mention per meeting (body and number), the first of each."""
    seen, kept = set(), []
    for mention in mentions:
        key = (mention.body.key, mention.number)
        if mention.number is not None and key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept


NEXT_MEETING = re.compile(rf"\b[Tt]he\s+next\s+(?P<noun>(?i:{'|'.join(BACK_REFERENCES)}))(?![\w-])")


def find_next_meetings(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "The next Dialogue will be held in Manila": a new meeting of the body last named (of
    the same kind: a summit for "the next Summit"), its number left to the person."""
    found = []
    for match in NEXT_MEETING.finditer(text):
        summit = match.group("noun").lower() == "summit"
        earlier = [m for m in mentions if m.span[1] <= match.start() and m.is_summit == summit]
        if earlier and not any(_overlap(match.span(), m.span) for m in mentions):
            found.append(Mention(match.span(), earlier[-1].body))
    return found


def refer_bare_mentions(mentions: list[Mention]) -> None:
    """A body named without a number after one of its meetings ("Back-to-back with the SOMTC")
    refers to that meeting."""
    for index, mention in enumerate(mentions):
        if mention.number is None:
            earlier = [m for m in mentions[:index] if m.body == mention.body and m.number]
            mention.referent = earlier[-1] if earlier else None


def _crime_body_mentions(text: str) -> list[Mention]:
    found = []
    for key in CRIME_BODIES:
        for match in CRIME_BODY_PATTERNS[key].finditer(text):
            paren = match.group("paren") or ""
            partner = _partner(match.group("post") or match.group("pre")) or _paren_partner(paren)
            body = KNOWN_BODIES[f"{key}+{partner}" if partner else key]
            number = _paren_number(paren) or _int(match.group("after"))
            found += _mentions(text, match, body, number, partner)
    return found


def _summit_mentions(text: str) -> list[Mention]:
    found = []
    for match in SUMMIT.finditer(text):
        partner = _partner(match.group("pre") or match.group("post"))
        if match.group("eas"):
            key = "EAS"
        elif partner:
            key = "APT-SUMMIT" if partner == "3" else f"ASEAN-{partner}-SUMMIT"
        else:
            key = "ASEAN-SUMMIT"
        found += _mentions(text, match, KNOWN_BODIES[key], None, partner)
    return found


def _other_body_mentions(text: str) -> list[Mention]:
    return [
        mention
        for key, pattern in OTHER_BODY_PATTERNS
        for match in pattern.finditer(text)
        for mention in _mentions(text, match, KNOWN_BODIES[key], _number_of(text, match), None)
    ]


def _number_of(text: str, match: re.Match) -> int | None:
    """ "(18th SOMTC)", "(AMF-9)", or a number right after an abbreviation: "ASOD 37"."""
    paren = match.group("paren") or ""
    number = _paren_number(paren) or _abbreviation_number(paren)
    if number is None and re.search(r"[A-Z]{2,}$", match.group()):
        after = ABBREVIATION_NUMBER.match(text, match.end())
        number = int(after.group("after")) if after else None
    return number


def _abbreviation_number(paren: str) -> int | None:
    match = re.fullmatch(r"\s*[A-Z]{2,}[\s-]?(\d{1,2})\s*", paren)
    return int(match.group(1)) if match else None


def _generic_mentions(text: str) -> list[Mention]:
    """A meeting the reader does not know, named with an ordinal: "the 3rd ASEAN Conference
    on Civil Service Matters (ACCSM)". Its key is the abbreviation, or the initials."""
    found = []
    for match in GENERIC.finditer(text):
        name = " ".join(match.group("name").split())
        short_name = match.group("paren") or name
        key = (match.group("paren") or _initials(name)).upper().replace(" ", "-")[:30]
        body = KNOWN_BODIES.get(key) or BodyInfo(key, short_name[:50], name[:200], "other")
        found.append(Mention(match.span(), body, ordinal_number(match.group("ordinal"))))
    return found


def _mentions(text: str, match: re.Match, body: BodyInfo, paren_number, partner) -> list:
    """The mention, with the ordinal written before the body's name when there is one; two
    mentions for "the 44th and 45th ASEAN Summits"."""
    pair = PAIRED_ORDINALS_BEFORE.search(text, max(0, match.start() - 60), match.start())
    if pair:
        first = Mention(pair.span("first"), body, ordinal_number(pair.group("first")), partner)
        second = ordinal_number(pair.group("second"))
        return [first, Mention((pair.start("second"), match.end()), body, second, partner)]
    before = ORDINAL_BEFORE.search(text, max(0, match.start() - 60), match.start())
    if before is None:
        after = ORDINAL_AFTER.match(text[match.end() : match.end() + 120])
        if paren_number is None and after:
            paren_number = ordinal_number(after.group("ordinal"))
        return [Mention(match.span(), body, paren_number, partner)]
    number = ordinal_number(before.group("ordinal"))
    return [Mention((before.start(), match.end()), body, number, partner)]


def _partner(words: str | None) -> str | None:
    return PARTNER_WORDS.get(" ".join(words.lower().split())) if words else None


def _paren_partner(paren: str) -> str | None:
    match = PAREN_PARTNER.search(paren)
    return _partner(match.group("partner")) if match else None


def _paren_number(paren: str) -> int | None:
    """ "(18th SOMTC)", "(AMMTC 18)"."""
    match = PAREN_ORDINAL.search(paren) or PAREN_NUMBER.search(paren)
    if not match:
        return None
    return (
        ordinal_number(match.group("ordinal"))
        if "ordinal" in match.groupdict()
        else int(match.group("number"))
    )


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _initials(name: str) -> str:
    words = re.split(r"[\s-]+", name)
    return "".join(word[0] for word in words if word[:1].isupper())


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The longest of overlapping mentions; the first when they are as long."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.span[1] - m.span[0]), m.span[0])):
        if not any(_overlap(mention.span, other.span) for other in kept):
            kept.append(mention)
    return kept


CRIME_BODY_PATTERNS = {key: _crime_body_pattern(key) for key in CRIME_BODIES}
OTHER_BODY_PATTERNS = [(key, _other_body_pattern(patterns)) for key, *_i, patterns in OTHER_BODIES]


# "The 1st, 2nd and 3rd Dialogues were held in Jun. 2006 in Tokyo; Sep. 2007 in Kuala Lumpur,
# Malaysia and Oct. 2008 in Luang Phabang, Lao PDR respectively."
ORDINAL_LIST = re.compile(
    rf"(?P<ordinals>{ORDINAL}(?:\s*,\s*{ORDINAL})*\s*,?\s*(?:and|&)\s+{ORDINAL})\s+"
    r"(?P<noun>(?i:dialogues|meetings|conferences|consultations|summits|forums|sessions))\b"
)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def respective_meetings(text, sentences, mentions, dates, places) -> list[Mention]:
    """Meetings listed by their numbers and given their dates and places "respectively": the
    n-th number takes the n-th part of the list (parts end at ";", else at each date). Their
    body is the last one named before whose name ends with the list's noun."""
    found = []
    for match in ORDINAL_LIST.finditer(text):
        sentence = next((s for s in sentences if s.start <= match.start() < s.end), None)
        if sentence is None or not RESPECTIVELY.search(text, match.end(), sentence.end):
            continue
        noun = match.group("noun").lower().removesuffix("s")
        earlier = [m for m in mentions if m.span[1] <= match.start() and m.body is not None]
        named = [m for m in earlier if m.body.name.lower().endswith(noun)]
        if not (named or earlier):
            continue
        body = (named or earlier)[-1].body
        numbers = [ordinal_number(o.group()) for o in re.finditer(ORDINAL, match.group("ordinals"))]
        parts = _parts(text, match.end(), sentence.end, dates, len(numbers))
        for number, (start, end) in zip(numbers, parts or [], strict=False):
            date = next((d for d in dates if start <= d.span[0] < end), None)
            place = next((p for p in places if start <= p.span[0] < end), None)
            mention = Mention(match.span("ordinals"), body, number, respective=True)
            mention.date, mention.place = date, place
            found.append(mention)
    return found


def _parts(text: str, start: int, end: int, dates: list, count: int) -> list[Span] | None:
    cuts = [m.end() for m in re.finditer(";", text[start:end])]
    if len(cuts) == count - 1:
        bounds = [start, *(start + cut for cut in cuts), end]
        return list(pairwise(bounds))
    starts = [d.span[0] for d in dates if start <= d.span[0] < end and not d.is_weekday]
    if len(starts) == count:
        return list(pairwise([*starts, end]))
    return None
