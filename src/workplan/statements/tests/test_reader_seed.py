"""The seed article: the meetings, places, parties, areas and commitments it states."""

import datetime
from pathlib import Path

import pytest

from workplan.statements.tests.helpers import read_statement

SEED = (Path(__file__).parent / "texts" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reading():
    return read_statement(SEED)


def meeting(reading, body):
    return next(m.as_json() for m in reading.meetings if m.body.key == body)


def test_it_finds_the_17th_ammtc_in_labuan_bajo_from_20_to_23_august_2023(reading):
    assert meeting(reading, "AMMTC") == {
        "name": "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC)",
        "body": "AMMTC",
        "number": 17,
        "start_date": "2023-08-20",
        "end_date": "2023-08-23",
        "city": "Labuan Bajo",
        "country": "IDN",
    }


def test_it_finds_the_19th_somtc_plus_japan_in_yogyakarta_in_june_2023(reading):
    found = meeting(reading, "SOMTC+JPN")
    assert (found["number"], found["start_date"], found["end_date"]) == (19, "2023-06", None)
    assert (found["city"], found["country"]) == ("Yogyakarta", "IDN")


def test_it_finds_the_asean_japan_summit_of_12_november_2014_in_myanmar(reading):
    found = meeting(reading, "ASEAN-JPN-SUMMIT")
    assert (found["number"], found["start_date"], found["end_date"]) == (
        None,
        "2014-11-12",
        "2014-11-12",
    )
    assert (found["city"], found["country"]) == (None, "MMR")


def test_it_proposes_only_the_three_meetings_not_the_bodies_named_in_passing(reading):
    assert [m.body.key for m in reading.meetings] == ["AMMTC", "ASEAN-JPN-SUMMIT", "SOMTC+JPN"]


def test_it_finds_asean_indonesia_and_japan_and_not_the_secretariat(reading):
    codes = [party.code for party in reading.parties]
    assert {"ASEAN", "IDN", "JPN"} <= set(codes)
    assert "ASEC" not in codes


@pytest.mark.parametrize(
    ("key", "paragraph_start"),
    [
        ("terrorism", "On terrorism, both parties agree"),
        ("cybercrime", "The work plan also encourages ASEAN and Japan"),
        ("drug-trafficking", "Furthermore, both parties are committed"),
        ("sea-piracy", "Concerning sea piracy, the fourth priority issue"),
        ("human-trafficking", "Meanwhile, on the final priority issue"),
    ],
)
def test_it_finds_each_area_with_its_paragraph(reading, key, paragraph_start):
    area = next(area for area in reading.priority_areas if area.key == key)
    assert any(sentence.startswith(paragraph_start) for sentence in area.evidence)


def test_it_ties_each_commitment_of_an_area_paragraph_to_that_area(reading):
    areas = {c.text.split()[0]: c.priority_area for c in reading.commitments}
    assert areas == {
        "Provide": "terrorism",
        "Further": "cybercrime",
        "Enhancing": "drug-trafficking",
        "Make": "sea-piracy",
        "Focus": "sea-piracy",
        "Collaborate": "human-trafficking",
        "Monitor": None,
    }


def test_it_marks_the_words_that_justify_each_meeting(reading):
    ammtc = next(m for m in reading.meetings if m.body.key == "AMMTC")
    words = [SEED[start:end] for start, end in ammtc.spans]
    assert words == [
        "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC)",
        "Labuan Bajo",
        "August 20 to 23",
    ]


def test_it_marks_spans_that_lie_inside_the_text_for_every_proposal(reading):
    spans = [span for m in reading.meetings for span in m.spans]
    spans += [span for p in reading.parties for span in p.spans]
    spans += [span for a in reading.priority_areas for span in a.spans]
    spans += [span for c in reading.commitments for span in c.spans]
    assert spans
    assert all(0 <= start < end <= len(SEED) for start, end in spans)


def test_it_reads_a_date_without_its_year_in_the_publication_year():
    reading = read_statement(SEED, published=datetime.date(2024, 1, 5))
    somtc = next(m for m in reading.meetings if m.body.key == "SOMTC+JPN")
    assert somtc.as_json()["start_date"] == "2024-06"
    assert reading.year == 2024


def test_it_reads_the_same_text_the_same_way_every_time(reading):
    assert read_statement(SEED).as_json() == reading.as_json()
