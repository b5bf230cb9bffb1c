"""How dates, ranges and numbers read on every page, in the reader's language:
"20 Aug 2023" / "2023年8月20日" / "20 Agu 2023", "20–23 Aug 2023", "1,500" / "1.500"."""

import datetime
import decimal
import re

from django.utils.translation import get_language

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
}
LONG_MONTHS_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
# Thousands and decimal marks: Indonesian writes 1.500,75 where English and Japanese write 1,500.75.
SEPARATORS = {"id": (".", ",")}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _month(value: datetime.date, language: str) -> str:
    return MONTHS.get(language, MONTHS["en"])[value.month - 1]


def date_label(value: datetime.date | None) -> str:
    if value is None:
        return ""
    language = _language()
    if language == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_month(value, language)} {value.year}"


def month_label(value: datetime.date) -> str:
    """Aug 2023 / 2023年8月."""
    language = _language()
    if language == "ja":
        return f"{value.year}年{value.month}月"
    return f"{_month(value, language)} {value.year}"


def date_range_label(start: datetime.date | None, end: datetime.date | None) -> str:
    """A range written the short way: 20–23 Aug 2023, 30 Aug – 2 Sep 2023, 2023年8月20日～23日."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return date_label(start or end)
    if _language() == "ja":
        return _japanese_range(start, end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month_label(end)}"
    if start.year == end.year:
        return f"{start.day} {_month(start, _language())} – {end.day} {month_label(end)}"
    return f"{date_label(start)} – {date_label(end)}"


def _japanese_range(start: datetime.date, end: datetime.date) -> str:
    if start.year != end.year:
        return f"{date_label(start)}～{date_label(end)}"
    if start.month != end.month:
        return f"{date_label(start)}～{end.month}月{end.day}日"
    return f"{date_label(start)}～{end.day}日"


def number_label(value) -> str:
    """A number as people write it: 200 (never 2E+2), 1,500, 2.5, 12,000.75; "" for none."""
    if value is None or value == "":
        return ""
    number = decimal.Decimal(str(value))
    if number == number.to_integral_value():
        written = f"{number:,.0f}"
    else:
        written = f"{number.normalize():,f}"
    thousands, point = SEPARATORS.get(_language(), (",", "."))
    return written.translate(str.maketrans({",": thousands, ".": point}))


def fixed_label(value: float, places: int) -> str:
    """A number with a fixed count of decimals, as the reader's language writes it: 1.0, 1,500.5
    / 1.500,5."""
    thousands, point = SEPARATORS.get(_language(), (",", "."))
    return f"{value:,.{places}f}".translate(str.maketrans({",": thousands, ".": point}))


_JAPANESE_DAY = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def english_day(typed: str) -> str:
    """A day typed the way a page in any of our languages writes it, rewritten the way the date
    fields read (2023年8月20日 → 2023-08-20; 20 Agustus 2023 → 20 Aug 2023); others unchanged."""
    japanese = _JAPANESE_DAY.match(typed)
    if japanese:
        year, month, day = japanese.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    words = typed.split()
    if len(words) == 3 and not words[1].isdigit():
        month = _indonesian_month(words[1])
        if month:
            return f"{words[0]} {MONTHS['en'][month - 1]} {words[2]}"
    return typed


def _indonesian_month(word: str) -> int | None:
    word = word.rstrip(".").casefold()
    for number, (short, long) in enumerate(zip(MONTHS["id"], LONG_MONTHS_ID, strict=True), 1):
        if word in (short.casefold(), long.casefold()):
            return number
    return None


def moment_label(value: datetime.datetime | None) -> str:
    """A moment in UTC: 20 Aug 2023, 14:05 UTC / 2023年8月20日 14:05 UTC."""
    if value is None:
        return ""
    value = value.astimezone(datetime.UTC)
    separator = " " if _language() == "ja" else ", "
    return f"{date_label(value.date())}{separator}{value:%H:%M} UTC"


def long_month_label(value: datetime.date) -> str:
    """A calendar's month: August 2023 / 2023年8月 / Agustus 2023."""
    language = _language()
    if language == "ja":
        return month_label(value)
    if language == "id":
        return f"{LONG_MONTHS_ID[value.month - 1]} {value.year}"
    return f"{value:%B %Y}"
