"""How dates, ranges and numbers read on every page: "20 Aug 2023", "20–23 Aug 2023", "1,500"."""

import datetime
import decimal


def date_label(value: datetime.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def date_range_label(start: datetime.date | None, end: datetime.date | None) -> str:
    """A range written the short way: 20–23 Aug 2023, 30 Aug – 2 Sep 2023, Dec 2023 – Jan 2024."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return date_label(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{date_label(start)} – {date_label(end)}"


def number_label(value) -> str:
    """A number as people write it: 200 (never 2E+2), 1,500, 2.5, 12,000.75; "" for none."""
    if value is None or value == "":
        return ""
    number = decimal.Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number.normalize():,f}"
