"""The reader on texts written for these tests (texts/README.md): joint statements, press
releases, news reports from 2005 to 2025, each compared with what a person reads in it."""

import pytest

from workplan.statements.tests.helpers import read_statement
from workplan.statements.tests.scoring import (
    Score,
    expected_texts,
    published_of,
    score,
    text_of,
)

TUNED = expected_texts("expected.yaml")
HELD_OUT = expected_texts("held-out.yaml")
CASES = TUNED + HELD_OUT
FLOOR = 0.95  # fields right out of fields expected, over each set of texts


def reading_of(case):
    return read_statement(text_of(case), published=published_of(case)).as_json()


def meeting_fields(meeting: dict) -> tuple:
    keys = ("body", "number", "start_date", "end_date", "city", "country")
    return tuple(meeting[key] for key in keys)


def test_it_has_at_least_eight_texts_of_its_own_from_2005_to_2025():
    own = [case for case in CASES if case["file"] != "seed-article.txt"]
    years = {int(case["file"][:4]) for case in own}
    assert len(own) >= 8
    assert min(years) <= 2005
    assert max(years) >= 2025


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_it_reads_each_meeting_of_the_text(case):
    found = sorted(map(meeting_fields, reading_of(case)["meetings"]), key=str)
    assert found == sorted(map(meeting_fields, case["meetings"]), key=str)


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_it_reads_the_parties_and_areas_of_the_text(case):
    found = reading_of(case)
    assert set(found["parties"]) == set(case["parties"])
    assert {area["key"] for area in found["priority_areas"]} == set(case["priority_areas"])


@pytest.mark.parametrize(("name", "cases"), [("tuned", TUNED), ("held-out", HELD_OUT)])
def test_it_scores_above_the_floor_on_each_set_of_texts(name, cases, capsys):
    total = Score()
    for case in cases:
        total.add(score(case, reading_of(case)))
    with capsys.disabled():
        print(f"\nStatement reader, {name} texts: {total.right}/{total.total} fields right "
              f"({total.right / total.total:.1%}) on {len(cases)} texts")  # fmt: skip
        for miss in total.misses:
            print(f"  missed: {miss}")
    assert total.right / total.total >= FLOOR
