"""Dates as statements write them, read as precisely as the text says."""

import datetime

import pytest

from workplan.statements.dates import PartialDate, context_year, dateline, find_dates

PUBLISHED = datetime.date(2023, 8, 24)  # a Thursday


def read(text, year=2023, reference=PUBLISHED):
    dates = find_dates(text)
    assert len(dates) == 1, [text[d.span[0] : d.span[1]] for d in dates]
    start, end = dates[0].resolved(year, reference)
    return start.iso(), end.iso() if end else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("held on 28-29 June 2006 in Hanoi", ("2006-06-28", "2006-06-29")),
        ("from 20 to 23 August 2023", ("2023-08-20", "2023-08-23")),
        ("on 28 August 2024", ("2024-08-28", None)),
        ("from August 20 to 23.", ("2023-08-20", "2023-08-23")),
        ("on November 12, 2014, in Myanmar", ("2014-11-12", None)),
        ("in June of this year", ("2023-06", None)),
        ("in June last year", ("2022-06", None)),
        ("in June 2021", ("2021-06", None)),
        ("in 2014", ("2014", None)),
        ("on 30 August - 2 September 2023", ("2023-08-30", "2023-09-02")),
        ("from 30 December to 2 January 2024", ("2023-12-30", "2024-01-02")),
        ("August 30 to September 2, 2019", ("2019-08-30", "2019-09-02")),
        ("from Oct 7-9", ("2023-10-07", "2023-10-09")),
        ("Sept. 17 (Xinhua)", ("2023-09-17", None)),
        ("on Tuesday, 22 August 2023", ("2023-08-22", None)),
        ("on the 5th of May 2010", ("2010-05-05", None)),
        ("22/08/2023", ("2023-08-22", None)),
        ("2023-08-22", ("2023-08-22", None)),
        ("in the fourth quarter of 2021", ("2021", None)),
        ("the Twentieth Day of September in the Year Two Thousand and Seventeen",
         ("2017-09-20", None)),
        ("the Twenty-Third Day of July, Two Thousand Twenty-Three", None),
        ("on 5 AND 6 MARCH 2015", ("2015-03-05", "2015-03-06")),
        ("on Tuesday", ("2023-08-22", None)),
        ("yesterday", ("2023-08-23", None)),
        ("next year", ("2024", None)),
    ],
)  # fmt: skip
def test_it_reads_each_form_of_date(text, expected):
    if expected is None:
        assert all(
            d.resolved(2023, PUBLISHED) is None or d.start.day is None for d in find_dates(text)
        )
    else:
        assert read(text) == expected


def test_it_cannot_place_a_weekday_without_a_publication_date():
    (tuesday,) = find_dates("on Tuesday")
    assert tuesday.resolved(2023, None) is None


def test_it_leaves_a_date_without_year_unplaced_when_no_year_is_known():
    (date,) = find_dates("from August 20 to 23")
    assert date.resolved(None, None) is None


@pytest.mark.parametrize("text", ["by 30 June 2025", "until 31 December 2027", "since 12 May 2014"])
def test_it_marks_deadlines_and_starting_points(text):
    assert [date.deadline for date in find_dates(text)] == [True]


def test_it_marks_the_day_a_meeting_opened():
    (date,) = find_dates("The two-day meeting opened on Tuesday")
    assert date.opening


@pytest.mark.parametrize(
    "text", ["May 2023 was busy; they may meet", "the 17th AMMTC", "2023-2027"]
)
def test_it_finds_no_date_where_there_is_none_or_reads_only_the_date(text):
    assert all(d.start.year in (2023, None) for d in find_dates(text))
    assert len(find_dates(text)) <= 1


def test_it_ignores_a_day_that_does_not_exist():
    assert find_dates("on 31 February 2023")[0].resolved(2023, None) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("the 2023-2027 work plan, from the 2014 declaration", 2023),
        ("the plan runs until 2030; the meeting of 2019", 2019),
        ("ASEAN Community Vision 2025, adopted in 2015", 2015),
        ("no year here", None),
    ],
)
def test_it_takes_the_latest_year_written_as_the_year_of_the_text(text, year):
    assert context_year(text, find_dates(text)) == year


def test_it_reads_a_dateline_near_the_top_as_the_date_of_the_text():
    text = "JAKARTA, 10 June 2021 – The meeting was held yesterday."
    assert dateline(text, find_dates(text)) == datetime.date(2021, 6, 10)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-08-20", PartialDate(2023, 8, 20)), ("2023-08", PartialDate(2023, 8)),
     ("2014", PartialDate(2014)), ("2023-02-30", None), ("June 2023", None), ("", None)],
)  # fmt: skip
def test_it_parses_a_date_as_the_page_writes_it(value, expected):
    assert PartialDate.parse(value) == expected


def test_it_knows_the_last_day_of_a_month_and_a_year():
    assert PartialDate(2024, 2).last_day() == datetime.date(2024, 2, 29)
    assert PartialDate(2023).last_day() == datetime.date(2023, 12, 31)
    assert PartialDate(2023, 12).last_day() == datetime.date(2023, 12, 31)
