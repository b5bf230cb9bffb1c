"""Dates as statements write them, each read as precisely as the text says: a day, a month or a
year. "28-29 June 2006", "on 28 August 2024", "from August 20 to 23", "20 to 23 August 2023",
"November 12, 2014", "in June of this year", "Tuesday", "the Twentieth Day of September in the
Year Two Thousand and Seventeen". A date written without its year gets one later, from the
publication date or the text (see `context_year`).
"""

import datetime
import re
from dataclasses import dataclass, replace

from workplan.statements.gazetteer import (
    FIRST_WORDS,
    MONTHS,
    NOT_MEETING_DATE_WORDS,
    NUMBER_WORDS,
    OPENING_WORDS,
    ORDINAL_WORDS,
    TENS_WORDS,
    WEEKDAYS,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, to the month or to the day; the year may still be missing."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str | None:
        """2023-08-20, 2023-06 or 2014; None while the year is unknown."""
        if self.year is None:
            return None
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day()
        if self.month:
            following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(self.year, 12, 31)

    def exists(self) -> bool:
        try:
            self.first_day()
        except (ValueError, TypeError):
            return False
        return True

    @classmethod
    def parse(cls, value: str) -> "PartialDate | None":
        """ "2023-08-20", "2023-08" or "2023", as the page and the JSON write them."""
        match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", value or "")
        if not match:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        date = cls(year, month, day)
        return date if date.exists() else None


@dataclass(frozen=True)
class DateFound:
    """A date in the text: where it is written, its first and last day as written, and what
    must still be known to place it (a bare weekday, "this year")."""

    span: Span
    start: PartialDate
    end: PartialDate | None = None
    relative_year: int | None = None  # "this year" 0, "last year" -1, "next year" +1
    weekday: int | None = None  # a bare "Tuesday": the last one on or before the reference
    day_offset: int | None = None  # "today" 0, "yesterday" -1, "tomorrow" +1, from the reference
    deadline: bool = False  # "by 30 June": a deadline or a starting point, not a meeting's date
    opening: bool = False  # "opened on Tuesday": the first day of a meeting reported as a whole
    month_relative: int | None = None  # "last October" -1, "this October" 0, "next March" +1

    @property
    def is_weekday(self) -> bool:
        return self.weekday is not None

    def resolved(self, year: int | None, reference: datetime.date | None):
        """(start, end) with the year filled in, or None when it cannot be known."""
        if self.weekday is not None or self.day_offset is not None:
            return self._from_reference(reference)
        if self.month_relative is not None:
            return self._month_from_reference(year, reference)
        if self.relative_year is not None:
            year = None if year is None else year + self.relative_year
        start = self.start if self.start.year else replace(self.start, year=year)
        end = self.end
        if end is not None and end.year is None:
            end = replace(end, year=start.year)
        if start.year is None or not start.exists() or (end and not end.exists()):
            return None
        if end and end.first_day() < start.first_day():
            end = None
        return start, end

    def _month_from_reference(self, year: int | None, reference: datetime.date | None):
        """ "last October": the latest October before the reference's month; "next March": the
        first March after it; "this October": October of the reference's year."""
        month = self.start.month
        if reference is None:
            return (PartialDate(year, month), None) if year and self.month_relative == 0 else None
        shift = {-1: -1 if month >= reference.month else 0, 0: 0}.get(self.month_relative)
        if shift is None:
            shift = 1 if month <= reference.month else 0
        return PartialDate(reference.year + shift, month), None

    def _from_reference(self, reference: datetime.date | None):
        if reference is None:
            return None
        if self.weekday is not None:
            day = reference - datetime.timedelta(days=(reference.weekday() - self.weekday) % 7)
        else:
            day = reference + datetime.timedelta(days=self.day_offset)
        return PartialDate(day.year, day.month, day.day), None


def _alternation(words) -> str:
    """Longest first, so that "Sept" is tried before "Sep"; capitalised and upper case."""
    variants = set(words) | {word.upper() for word in words}
    return "|".join(re.escape(word) for word in sorted(variants, key=len, reverse=True))


def _month(name: str) -> str:
    return rf"\b(?P<{name}>{_alternation(MONTHS)})(?![A-Za-z])\.?"


def _day(name: str) -> str:
    return rf"(?<![\d.,/])(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/:])"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?![\d/])"


WEEKDAY = rf"(?:{_alternation(WEEKDAYS)})"
WEEKDAY_BEFORE = rf"(?:{WEEKDAY}\s*,?\s+(?:the\s+)?)?"
TO = r"\s*(?:-|–|—|(?i:to|until|till|through|and)\b|&)\s*(?:the\s+)?"
COMMA = r",?\s*"
OF = r"(?:of\s+)?"


def _ordinal_words() -> str:
    """ "first" to "sixtieth", "twenty-third" and "Twenty Third" included, ignoring case."""
    units = [word for word, number in ORDINAL_WORDS.items() if number < 10]
    compounds = [rf"{tens}[-\s]?{unit}" for tens in TENS_WORDS for unit in units]
    words = sorted([*ORDINAL_WORDS, *FIRST_WORDS], key=len, reverse=True)
    return "(?i:" + "|".join(compounds + [re.escape(word) for word in words]) + ")"


ORDINAL_WORD = _ordinal_words()
YEAR_WORDS = r"Two\s+Thousand(?:\s+and)?(?:\s+[A-Za-z]+(?:[-\s][A-Za-z]+)?)?"

# Each form of writing a date, the longest first; groups: d1, m1, y1 (first day), d2, m2, y2
# (last day), n1 (month as a number), rel (this/last/next year), wd (a weekday alone).
FORMS = [
    # 30 August - 2 September 2023; 30 December 2023 to 2 January 2024
    rf"{WEEKDAY_BEFORE}{_day('d1')}\s*{OF}{_month('m1')}(?:{COMMA}{_year('y1')})?{TO}"
    rf"{WEEKDAY_BEFORE}{_day('d2')}\s*{OF}{_month('m2')}(?:{COMMA}{_year('y2')})?",
    # 28-29 June 2006; 20 to 23 August 2023
    rf"{WEEKDAY_BEFORE}{_day('d1')}{TO}{_day('d2')}\s*{OF}{_month('m1')}(?:{COMMA}{_year('y1')})?",
    # August 30 to September 2, 2023
    rf"{WEEKDAY_BEFORE}{_month('m1')}\s*{_day('d1')}(?:{COMMA}{_year('y1')})?{TO}"
    rf"{WEEKDAY_BEFORE}{_month('m2')}\s*{_day('d2')}(?:{COMMA}{_year('y2')})?",
    # August 20-23, 2023; from August 20 to 23
    rf"{WEEKDAY_BEFORE}{_month('m1')}\s*{_day('d1')}{TO}{_day('d2')}(?:{COMMA}{_year('y1')})?",
    # 28 August 2024; 28th of August
    rf"{WEEKDAY_BEFORE}{_day('d1')}\s*{OF}{_month('m1')}(?:{COMMA}{_year('y1')})?",
    # November 12, 2014; August 22
    rf"{WEEKDAY_BEFORE}{_month('m1')}\s*{_day('d1')}(?:{COMMA}{_year('y1')})?",
    # the Twentieth Day of September in the Year Two Thousand and Seventeen
    rf"(?P<dw>{ORDINAL_WORD}|[0-3]?\d(?:st|nd|rd|th)?)\s+[Dd]ay\s+of\s+{_month('m1')}"
    rf"{COMMA}(?:in\s+)?(?:the\s+)?[Yy]ear\s+(?P<yw>{YEAR_WORDS})",
    # June 2023; June of 2023
    rf"{_month('m1')}{COMMA}{OF}{_year('y1')}",
    # June of this year; June last year
    rf"{_month('m1')}\s+(?:of\s+)?(?P<rel>this|last|next|the\s+same)\s+year\b",
    # last October, next March (placed from the publication date)
    rf"\b(?P<relm>last|next|this)\s+{_month('m1')}(?![\s,]*\d)",
    # in June (this year)
    rf"\b(?:in|In|during|During|early|late|mid-?|end\s+of)\s+{_month('m1')}"
    r"(?![.\s,]*(?:\d|of\s+(?:this|last|next)|this|last|next))",
    # in 2014
    rf"\b(?:in|In|during|During|early|late|mid-?|end\s+of|year|quarter\s+of|half\s+of)\s+"
    rf"{_year('y1')}"
    r"(?!\s*(?:[-–/]|to\s)\s*\d)",
    # 2023-08-22
    rf"(?<![\d-]){_year('y1')}-(?P<n1>[01]\d)-(?P<d1>[0-3]\d)(?!\d)",
    # 22/08/2023 (day first, as in ASEAN usage)
    rf"(?<![\d/.])(?P<d1>[0-3]?\d)/(?P<n1>[01]?\d)/{_year('y1')}",
    # this year, last year, next year (not "this year's chair")
    r"\b(?P<rel>this|last|next)\s+year\b(?!['’]s)",
    # Tuesday
    rf"\b(?P<wd>{WEEKDAY})\b",
    # today, yesterday
    r"\b(?P<offset>(?i:today|yesterday|tomorrow))\b(?!['’]s)",
]
PATTERNS = [re.compile(form) for form in FORMS]
DEADLINE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in NOT_MEETING_DATE_WORDS) + r")\s+(?:the\s+)?"
    r"(?:end\s+of\s+)?(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
OPENING = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in OPENING_WORDS) + r")"
    r"(?:\s+in\s+(?:the\s+)?[\w\s,-]{1,50}?)?\s+(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
RELATIVE = {"this": 0, "the same": 0, "last": -1, "next": 1}
DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def find_dates(text: str) -> list[DateFound]:
    """Every date written in the text, in order, the longest reading where forms overlap."""
    candidates = [match for pattern in PATTERNS for match in pattern.finditer(text)]
    candidates.sort(key=lambda match: (match.start(), -(match.end() - match.start())))
    found, end = [], -1
    for match in candidates:
        if match.start() >= end and (date := _date(match, text)) is not None:
            found.append(date)
            end = match.end()
    return found


def _date(match: re.Match, text: str) -> DateFound | None:
    groups = {name: value for name, value in match.groupdict().items() if value}
    span = (match.start(), match.end())
    before = text[max(0, span[0] - 80) : span[0]]
    flags = {"deadline": bool(DEADLINE.search(before)), "opening": bool(OPENING.search(before))}
    if "wd" in groups:
        weekday = WEEKDAYS[groups["wd"].capitalize()]
        return DateFound(span, PartialDate(None), weekday=weekday, **flags)
    if "relm" in groups:
        relative = {"last": -1, "this": 0, "next": 1}[groups["relm"]]
        month = PartialDate(None, _month_number(groups["m1"]))
        return DateFound(span, month, month_relative=relative, **flags)
    if "offset" in groups:
        offset = DAY_OFFSETS[groups["offset"].lower()]
        return DateFound(span, PartialDate(None), day_offset=offset, **flags)
    start, end = _bounds(groups)
    if start is None:
        return None
    relative = RELATIVE.get(" ".join(groups["rel"].lower().split())) if "rel" in groups else None
    return DateFound(span, start, end, relative_year=relative, **flags)


def _bounds(groups: dict) -> tuple[PartialDate | None, PartialDate | None]:
    """The first and last day a match writes; the last day borrows what the text left out."""
    month1 = _month_number(groups.get("m1") or groups.get("n1"))
    month2 = _month_number(groups.get("m2")) or month1
    year2 = _int(groups.get("y2")) or _int(groups.get("y1")) or _year_in_words(groups.get("yw"))
    year1 = _int(groups.get("y1")) or year2
    if year1 and not groups.get("y1") and month1 and month2 and month1 > month2:
        year1 -= 1  # "30 December to 2 January 2024" starts in 2023
    day1 = _int(groups.get("d1")) or _day_in_words(groups.get("dw"))
    if month1 is None and year1 is None and "rel" not in groups:
        return None, None
    start = PartialDate(year1, month1, day1)
    if not groups.get("d2"):
        return (start, None) if _plausible(start) else (None, None)
    end = PartialDate(year2, month2, _int(groups["d2"]))
    return (start, end) if _plausible(start) and _plausible(end) else (None, None)


def _plausible(date: PartialDate) -> bool:
    return (date.day is None or 1 <= date.day <= 31) and (
        date.month is None or 1 <= date.month <= 12
    )


def _int(value) -> int | None:
    return int(value) if value else None


def _month_number(value: str | None) -> int | None:
    if not value:
        return None
    if value.isdigit():
        return int(value)
    return MONTHS.get(value.rstrip(".").capitalize()) or MONTHS.get(value.rstrip("."))


def _day_in_words(value: str | None) -> int | None:
    """ "Twentieth" -> 20, "Twenty-First" -> 21, "1st" -> 1."""
    if not value:
        return None
    if value[0].isdigit():
        return int(re.match(r"\d+", value).group())
    return ordinal_number(value)


def ordinal_number(words: str) -> int | None:
    """ "seventeenth" -> 17, "Twenty-third" -> 23, "18th" -> 18."""
    text = words.strip().lower()
    if match := re.match(r"(\d+)\s*(?:st|nd|rd|th)$", text):
        return int(match.group(1))
    if text in ORDINAL_WORDS or text in FIRST_WORDS:
        return ORDINAL_WORDS.get(text) or FIRST_WORDS[text]
    parts = re.split(r"[-\s]+", text)
    if len(parts) == 2 and parts[0] in TENS_WORDS and parts[1] in ORDINAL_WORDS:
        return TENS_WORDS[parts[0]] + ORDINAL_WORDS[parts[1]]
    return None


def _year_in_words(value: str | None) -> int | None:
    """ "Two Thousand and Seventeen" -> 2017, "Two Thousand Twenty-Three" -> 2023."""
    if not value:
        return None
    words = [w for w in re.split(r"[-\s]+", value.lower()) if w not in ("two", "thousand", "and")]
    total = 0
    for word in words:
        if word in TENS_WORDS:
            total += TENS_WORDS[word]
        elif word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
        else:
            return None
    return 2000 + total


# Years in running text, for `context_year`: not the end of a range ("2023-2027") and not a
# deadline or a vision ("by 2025", "Vision 2025").
YEAR_IN_TEXT = re.compile(
    r"(?<![\d/])(?<![-–]\s)(?<![-–])(?<!\bto\s)(?<!\bVision\s)(?:19|20)\d\d(?![\d/])"
)


def context_year(text: str, dates: list[DateFound]) -> int | None:
    """The year of dates written without one, when the publication date is not known: the
    latest year the text writes, leaving out the end of a range ("2023-2027"), deadlines
    ("by 2025") and visions ("Vision 2025"). News reports give earlier events their year and
    leave it out for the current one, so the latest year is the best guess."""
    deadlines = [date.span for date in dates if date.deadline]
    years = [
        int(match.group())
        for match in YEAR_IN_TEXT.finditer(text)
        if not _preceded_by_deadline_word(text, match.start())
        and not any(start <= match.start() < end for start, end in deadlines)
    ]
    return max(years, default=None)


def _preceded_by_deadline_word(text: str, position: int) -> bool:
    return bool(DEADLINE.search(text[max(0, position - 30) : position]))


def dateline(text: str, dates: list[DateFound], within: int = 300) -> datetime.date | None:
    """A full date near the top ("Bangkok, 9 January 2007"): when the text was issued."""
    for date in dates:
        if date.span[0] > within:
            break
        if not date.is_weekday and date.start.year and date.start.day and date.start.exists():
            return date.start.first_day()
    return None
