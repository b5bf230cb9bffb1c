"""Scores a reading against what a person reads in the text (texts/expected.yaml), field by
field: each expected meeting has six fields (found under its body and number, then its start,
end, city and country), each expected party and area one, each expected commitment two (found,
and its area). A meeting, party or area the reader proposes that is not expected counts as one
wrong field."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TEXTS = Path(__file__).parent / "texts"
MEETING_FIELDS = ("start_date", "end_date", "city", "country")


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(miss)

    def add(self, other: "Score") -> None:
        self.right += other.right
        self.total += other.total
        self.misses += other.misses


def expected_texts(name: str = "expected.yaml") -> list[dict]:
    with (TEXTS / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def text_of(case: dict) -> str:
    return (TEXTS / case["file"]).read_text(encoding="utf-8")


def published_of(case: dict) -> datetime.date | None:
    return case.get("published")


def score(case: dict, found: dict) -> Score:
    result = Score()
    _meetings(case, found["meetings"], result)
    _codes(case["file"], "party", case["parties"], found["parties"], result)
    areas = [area["key"] for area in found["priority_areas"]]
    _codes(case["file"], "area", case["priority_areas"], areas, result)
    _commitments(case, found["commitments"], result)
    return result


def _meetings(case: dict, found: list[dict], result: Score) -> None:
    unmatched = list(found)
    for expected in case["meetings"]:
        name = f"{case['file']}: {expected['body']} {expected['number']}"
        match = next((m for m in unmatched if _same_meeting(expected, m)), None)
        result.check(match is not None, f"{name} not found")
        if match is None:
            result.total += len(MEETING_FIELDS) + 1
            result.misses.append(f"{name}: its fields")
            continue
        unmatched.remove(match)
        result.check(match["number"] == expected["number"], f"{name} number {match['number']}")
        for name_of_field in MEETING_FIELDS:
            got, want = match[name_of_field], expected[name_of_field]
            result.check(got == want, f"{name} {name_of_field}: {got!r}, expected {want!r}")
    for extra in unmatched:
        result.check(False, f"{case['file']}: unexpected meeting {extra['name']}")


def _same_meeting(expected: dict, found: dict) -> bool:
    if found["body"] != expected["body"]:
        return False
    if expected["number"] is not None:
        return found["number"] == expected["number"]
    return found["start_date"] == expected["start_date"]


def _codes(file: str, kind: str, expected: list, found: list, result: Score) -> None:
    for code in expected:
        result.check(code in found, f"{file}: {kind} {code} not found")
    for code in found:
        if code not in expected:
            result.check(False, f"{file}: unexpected {kind} {code}")


def _commitments(case: dict, found: list[dict], result: Score) -> None:
    for expected in case["commitments"]:
        phrase = expected["contains"].lower()
        match = next((c for c in found if phrase in c["text"].lower()), None)
        result.check(match is not None, f"{case['file']}: commitment “{phrase}” not found")
        if match is not None:
            area = match["priority_area"]
            ok = area == expected["priority_area"]
            result.check(ok, f"{case['file']}: “{phrase}” area {area}")
        else:
            result.total += 1
