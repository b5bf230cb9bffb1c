"""Meetings and places in a statement: where the text names a meeting ("the 17th AMMTC", "the
ASEAN-Japan Summit", "the Third AMMTC Plus Three Consultation"), where it refers back to one
("The Meeting"), and where it names a place ("in Labuan Bajo", "Vientiane, Lao PDR").
`meeting_finder.py` decides which date and place belong to which meeting.
"""

import functools
import re
from dataclasses import dataclass, field

from workplan.statements.dates import ORDINAL_WORD, DateFound, ordinal_number
from workplan.statements.gazetteer import (
    BACK_REFERENCES,
    CAPITALS,
    CITIES,
    CITY_SPELLINGS,
    COUNTRY_NAMES,
    CRIME_BODIES,
    CRIME_BODY_NAMES,
    KNOWN_BODIES,
    MEETING_NOUNS,
    MONTHS,
    OTHER_BODIES,
    PARTNERS,
    WEEKDAYS,
    BodyInfo,
)
from workplan.statements.lexicon import Lexicon

Span = tuple[int, int]


@dataclass(frozen=True)
class Place:
    """A place in the text: a city and its country, a country alone, or "here"."""

    span: Span
    city: str | None
    country: str | None
    here: bool = False


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
    same_day: bool = False  # "held on the same day" as the meeting named before
    days: int | None = None  # "the two-day meeting"
    spans: list[Span] = field(default_factory=list)  # words that gave the date and place

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
NUMBER_AFTER = rf"(?:[\s-](?P<after>\d{{1,2}})\b(?![\s,]+(?:{MONTH_NAMES})\b)(?![.,]?\d))?"
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
ORDINAL_BEFORE = re.compile(rf"(?P<ordinal>{ORDINAL})\s+$")
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
    chosen += _without_overlaps(
        [m for m in _generic_mentions(text) if not any(_overlap(m.span, c.span) for c in chosen)]
    )
    return sorted(chosen, key=lambda mention: mention.span)


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
            references.append(Mention(match.span(), None, referent=earlier[-1], days=days))
    return references


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


def host_country(text: str, mention: Mention) -> Place | None:
    """ "Indonesia to host the Sixth SOMTC", "the offer of Brunei Darussalam to convene the
    Seventh AMMTC": the country that hosts the meeting named right after."""
    match = HOST_BEFORE.search(text, max(0, mention.span[0] - 100), mention.span[0])
    if not match:
        return None
    return Place(match.span("country"), None, _country(match.group("country")))


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
        for mention in _mentions(
            text, match, KNOWN_BODIES[key], _paren_number(match.group("paren") or ""), None
        )
    ]


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
    before = ORDINAL_BEFORE.search(text, max(0, match.start() - 30), match.start())
    if before is None:
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


# Places

CITY_NAMES = {**{city: city for city in CITIES}, **CITY_SPELLINGS}
CITY_LOOKUP = {name.upper(): city for name, city in CITY_NAMES.items()}
COUNTRY_LOOKUP = {
    " ".join(name.upper().split()): code for code, names in COUNTRY_NAMES.items() for name in names
}
CITY = _words(CITY_NAMES)
COUNTRY = rf"(?:the\s+)?(?:{_words([n for names in COUNTRY_NAMES.values() for n in names])})"
NOT_A_CITY = _words(list(MONTHS) + list(WEEKDAYS) + ["The", "ASEAN", "Southeast", "Asia"])
UNKNOWN_CITY = rf"(?!(?:{NOT_A_CITY})\b)[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){{0,2}}"
REGION = r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}(?:\s*\([A-Z]{2,5}\))?"
CAPITAL_OF = (
    r"(?:the\s+(?:[A-Z][a-z]+\s+)?capital(?:\s+city)?(?:\s+of|,)?\s+|capital\s+city\s+of\s+)"
)
PLACE_AFTER_WORD = re.compile(
    r"\b(?:in|In|at|At|hosted\s+by|venue\s+of)\s+"
    rf"(?:{CAPITAL_OF})?"
    rf"(?:(?P<owner>{COUNTRY})['’]s?\s+(?:capital(?:\s+city)?(?:\s+of)?,?\s+)?"
    rf"(?P<owned>(?<![A-Za-z])(?:{CITY})|{UNKNOWN_CITY})"
    rf"|(?P<city>(?<![A-Za-z])(?:{CITY}))(?![\w-])"
    rf"|(?P<unknown>{UNKNOWN_CITY})(?=,\s*{COUNTRY}(?![\w-]))"
    rf"|(?P<country>{COUNTRY})(?![\w-]))"
    rf"(?:,\s*(?:{REGION},\s*)*?(?P<country2>{COUNTRY})(?![\w-]))?"
)


@functools.lru_cache(maxsize=16)
def _in_the_capital(owners: tuple[str, ...]) -> re.Pattern:
    """ "in the Myanmar capital", "in the Thai capital": a country's name or adjective."""
    return re.compile(
        rf"\b(?:in|In|at|At)\s+the\s+(?P<owner>{_words(owners)})"
        r"\s+capital\b(?!\s+(?:city\s+)?of\b)(?!,?\s+[A-Z])"
    )


CITY_AND_COUNTRY = re.compile(rf"(?<![\w-])(?P<city>{CITY}),\s*(?P<country2>{COUNTRY})(?![\w-])")
HERE = re.compile(
    r"\b(?:held|convened|hosted|met|meeting|took\s+place|opened|closed|gathered|began|ended)"
    r"\s+here\b"
)
HOST_BEFORE = re.compile(
    rf"(?P<country>{COUNTRY})\s+(?:(?:will|would|to|also|has|had|offered|agreed|is|was)\s+){{0,3}}"
    r"(?:host|hosts|hosted|hosting|convene|convenes|convened)\s+(?:the\s+)?$"
)
DATELINE_CITY = re.compile(rf"(?m)^[^\w\n]*(?P<city>{CITY})\s*(?:,|\(|--|–|—)")
DATELINE_WITHIN = 600
DATELINE_GAP = 25  # from the city to the date of a dateline
DATELINE_STORY = 40  # a dateline is followed on its line by the story


def find_places(text: str, lexicon: Lexicon) -> list[Place]:
    """Every place written in the text, in order; "held here" is the dateline's city."""
    in_the_capital = _in_the_capital(lexicon.spellings(CAPITALS))
    places = [_capital(match, lexicon) for match in in_the_capital.finditer(text)]
    for pattern in (PLACE_AFTER_WORD, CITY_AND_COUNTRY):
        taken = [place.span for place in places]
        places += [
            _place(match)
            for match in pattern.finditer(text)
            if not any(_overlap(match.span(), span) for span in taken)
        ]
    home = dateline_city(text)
    if home:
        places += [Place(m.span(), home.city, home.country, here=True) for m in HERE.finditer(text)]
    return sorted((place for place in places if place.city or place.country), key=_span_of)


def dateline_city(text: str) -> Place | None:
    """The city a report is filed from, starting a line near the top: "BANGKOK, Sept. 17
    (Xinhua) --", "Vientiane (VNA) –"."""
    match = DATELINE_CITY.search(text[:DATELINE_WITHIN])
    if not match:
        return None
    city = CITY_LOOKUP.get(" ".join(match.group("city").upper().split()))
    return Place(match.span("city"), city, CITIES[city]) if city else None


def line_city(text: str, start: int, end: int) -> Place | None:
    """A known city starting a heading or a dateline line: "Hanoi, 8-9 April 2010"."""
    match = DATELINE_CITY.match(text, start, end)
    if not match:
        return None
    city = CITY_LOOKUP[" ".join(match.group("city").upper().split())]
    return Place(match.span("city"), city, CITIES[city])


def dateline_dates(text: str, dates: list) -> list:
    """The date of a news dateline ("HANOI, May 3 (VNA) – ..."): when the report was filed,
    not when a meeting was held."""
    home = dateline_city(text)
    if home is None:
        return []
    line_end = text.find("\n", home.span[1])
    line_end = len(text) if line_end == -1 else line_end
    return [
        date
        for date in dates
        if home.span[1] <= date.span[0] <= home.span[1] + DATELINE_GAP
        and line_end - date.span[1] > DATELINE_STORY
    ]


def _capital(match: re.Match, lexicon: Lexicon) -> Place:
    code = lexicon.parties.code_of(match.group("owner"))
    return Place(match.span(), CAPITALS.get(code), code)


def _place(match: re.Match) -> Place:
    groups = match.groupdict()
    written_city = groups.get("owned") or groups.get("city") or groups.get("unknown")
    city = CITY_LOOKUP.get(" ".join(written_city.upper().split())) if written_city else None
    country = _country(groups.get("country2") or groups.get("owner") or groups.get("country"))
    if city is None and written_city:
        city = " ".join(written_city.split())
    if country is None and city in CITIES:
        country = CITIES[city]
    start = match.start("owner") if groups.get("owner") else _first_group_start(match)
    return Place((start, match.end()), city, country)


def _first_group_start(match: re.Match) -> int:
    return min(match.start(name) for name, value in match.groupdict().items() if value)


def _country(written: str | None) -> str | None:
    if not written:
        return None
    name = " ".join(written.upper().split())
    return COUNTRY_LOOKUP.get(name) or COUNTRY_LOOKUP.get(name.removeprefix("THE "))


def _span_of(item) -> Span:
    return item.span
