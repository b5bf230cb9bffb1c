"""The reader's score on the corpus of real statements (corpus/README.md).

    python -m workplan.statements.tests.corpus_score dev --misses
    python -m workplan.statements.tests.corpus_score test

Four figures, each over all the texts of a split (counts added up, then divided):
- meetings F1: a found meeting matches an expected one of the same body and number (for an
  expected meeting without a number: the same body, no number, the same start date first);
- parties F1: states only (the grouping "ASEAN" and the Secretariat are left out);
- areas F1: the plan's priority areas the text discusses;
- dates and cities: of the matched meetings, the share of start date, end date, city and
  country that are right.
The overall score is their mean. The test split prints its figures only, never its misses: its
texts are not read while rules are written.
"""

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
PLACE_AND_DATE = ("start_date", "end_date", "city", "country")
NOT_STATES = {"ASEAN", "ASEC"}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one kind of finding."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 1.0 if denominator == 0 else 2 * self.tp / denominator


@dataclass
class CorpusScore:
    meetings: Counts = field(default_factory=Counts)
    parties: Counts = field(default_factory=Counts)
    areas: Counts = field(default_factory=Counts)
    fields_right: int = 0
    fields_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def dates_and_cities(self) -> float:
        return 1.0 if not self.fields_total else self.fields_right / self.fields_total

    @property
    def overall(self) -> float:
        parts = (self.meetings.f1, self.parties.f1, self.areas.f1, self.dates_and_cities)
        return sum(parts) / len(parts)

    def figures(self) -> dict[str, float]:
        return {
            "meetings F1": self.meetings.f1,
            "parties F1": self.parties.f1,
            "areas F1": self.areas.f1,
            "dates and cities": self.dates_and_cities,
            "overall": self.overall,
        }


def cases(split: str) -> list[dict]:
    """The annotated texts of a split ("dev", "test" or "all")."""
    expected = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
    if split == "all":
        return expected
    chosen = set(json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[split])
    return [case for case in expected if case["file"] in chosen]


def text_and_date(case: dict):
    """The text as published (below the citation header) and the page's publication date."""
    raw = (CORPUS / case["file"]).read_text(encoding="utf-8")
    header, _, text = raw.partition("\n---\n")
    published = None
    for line in header.splitlines():
        if line.startswith("# published:"):
            import datetime

            published = datetime.date.fromisoformat(line.split(":", 1)[1].strip())
    return text, published


def score_case(case: dict, found: dict, total: CorpusScore) -> None:
    name = case["file"]
    _meetings(name, case["meetings"], found["meetings"], total)
    states = [code for code in found["parties"] if code not in NOT_STATES]
    _codes(name, "party", case["parties"], states, total.parties, total.misses)
    areas = [area["key"] for area in found["priority_areas"]]
    _codes(name, "area", case["priority_areas"], areas, total.areas, total.misses)


def _meetings(name: str, expected: list, found: list, total: CorpusScore) -> None:
    unmatched = list(found)
    for want in expected:
        match = _match(want, unmatched)
        label = f"{name}: {want['body']} {want['number']}"
        if match is None:
            total.meetings.fn += 1
            total.misses.append(f"{label} not found")
            continue
        unmatched.remove(match)
        total.meetings.tp += 1
        for key in PLACE_AND_DATE:
            total.fields_total += 1
            if match[key] == want[key]:
                total.fields_right += 1
            else:
                total.misses.append(f"{label} {key}: {match[key]!r}, expected {want[key]!r}")
    for extra in unmatched:
        total.meetings.fp += 1
        total.misses.append(
            f"{name}: unexpected {extra['body']} {extra['number']} «{extra['name']}»"
        )


def _match(want: dict, found: list) -> dict | None:
    same = [m for m in found if m["body"] == want["body"] and m["number"] == want["number"]]
    dated = [m for m in same if m["start_date"] == want["start_date"]]
    return (dated or same or [None])[0]


def _codes(name, kind, expected, found, counts: Counts, misses: list) -> None:
    for code in expected:
        if code in found:
            counts.tp += 1
        else:
            counts.fn += 1
            misses.append(f"{name}: {kind} {code} not found")
    for code in dict.fromkeys(found):
        if code not in expected:
            counts.fp += 1
            misses.append(f"{name}: unexpected {kind} {code}")


def score_split(split: str) -> CorpusScore:
    from workplan.statements.tests.helpers import read_statement

    total = CorpusScore()
    for case in cases(split):
        text, published = text_and_date(case)
        score_case(case, read_statement(text, published=published).as_json(), total)
    return total


def main(argv: list[str]) -> None:
    import django

    django.setup()
    split = argv[0] if argv else "dev"
    total = score_split(split)
    for label, value in total.figures().items():
        print(f"{label:>17}: {value:.3f}")
    if "--misses" in argv and split != "test":
        for miss in total.misses:
            print("  -", miss)


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workplan.settings")
    main(sys.argv[1:])
