"""Places in a statement: where the text names one ("in Labuan Bajo", "Vientiane, Lao PDR",
"in the central city of Da Nang", "hosted by the Philippines"), the city a report is filed from,
the publication dates that are not meetings' dates, and the country thanked for hosting a
meeting. `meeting_finder.py` decides which place belongs to which meeting.
"""

import functools
import re
from dataclasses import dataclass

from workplan.statements.gazetteer import (
    CAPITALS,
    CITIES,
    CITY_SPELLINGS,
    COUNTRY_ADJECTIVES,
    COUNTRY_NAMES,
    MONTHS,
    WEEKDAYS,
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


def _words(words) -> str:
    """An alternation of words as written and in capitals, the longest first."""
    variants = set(words) | {word.upper() for word in words}
    return "|".join(re.escape(word) for word in sorted(variants, key=len, reverse=True))


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


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
    r"(?:the\s+(?:[A-Z][a-z]+\s+)?capital(?:\s+city)?(?:\s+of|,)?\s+|capital\s+city\s+of\s+"
    r"|the\s+(?:[A-Za-z]+\s+){0,2}?(?:city|town|island|province)\s+of\s+)"
)
PLACE_AFTER_WORD = re.compile(
    r"\b(?:in|In|at|At|(?i:hosted\s+by)|venue\s+of)\s+"
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


def _city_in_its_country(match: re.Match) -> bool:
    """ "Hanoi, Viet Nam", not a list of countries: "Singapore, Thailand"."""
    if match.re is not CITY_AND_COUNTRY:
        return True
    city = CITY_LOOKUP.get(" ".join(match.group("city").upper().split()))
    return CITIES.get(city) == _country(match.group("country2"))


HERE = re.compile(
    r"\b(?:held|convened|hosted|met|meeting|took\s+place|opened|closed|gathered|began|ended)"
    r"\s+here\b"
)
HOST_BEFORE = re.compile(
    rf"(?P<country>{COUNTRY})\s+(?:(?:will|would|to|also|has|had|offered|agreed|is|was)\s+){{0,3}}"
    r"(?:host|hosts|hosted|hosting|convene|convenes|convened)\s+(?:the\s+)?$"
)
# "the Thai Government for hosting this 13th AMMTC": thanks to a country (by its name or
# adjective) for hosting the meeting named right after.
HOST_VERB_BEFORE = re.compile(
    r"\b(?:host|hosts|hosted|hosting|convene|convening)\s+(?:the\s+|this\s+)?(?:virtual\s+)?$"
)
HOST_COUNTRY = re.compile(
    rf"(?<![\w-])(?P<country>{COUNTRY}|{_words(COUNTRY_ADJECTIVES)})(?![\w-])"
)
HOST_WITHIN = 130
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
            and _city_in_its_country(match)
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


PUBLISHED = re.compile(
    r"(?im)^[^\w\n]*(?:published|issued|posted|updated|release\s+date|date\s+of\s+issue)"
    r"(?:\s+on)?\s*:?\s*$"
)


def publication_dates(text: str, dates: list) -> list:
    """ "Published: 31 October 2018", "Published on 19 Sep 2018": when the page was published,
    not when a meeting was held."""
    found = []
    for date in dates:
        line_start = text.rfind("\n", 0, date.span[0]) + 1
        if PUBLISHED.match(text[line_start : date.span[0]]):
            found.append(date)
    return found


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


def host_country(text: str, mention) -> Place | None:
    """ "Indonesia to host the Sixth SOMTC", "the offer of Brunei Darussalam to convene the
    Seventh AMMTC": the country that hosts the meeting named right after."""
    match = HOST_BEFORE.search(text, max(0, mention.span[0] - 100), mention.span[0])
    if match:
        return Place(match.span("country"), None, _country(match.group("country")))
    verb = HOST_VERB_BEFORE.search(text, max(0, mention.span[0] - 40), mention.span[0])
    if verb is None:
        return None
    start = max(0, verb.start() - HOST_WITHIN)
    start = max(start, *(text.rfind(mark, start, verb.start()) + 1 for mark in ".;\n"))
    countries = list(HOST_COUNTRY.finditer(text, start, verb.start()))
    if not countries:
        return None
    written = countries[-1].group("country")
    code = COUNTRY_ADJECTIVES.get(written) or _country(written)
    return Place(countries[-1].span("country"), None, code) if code else None
