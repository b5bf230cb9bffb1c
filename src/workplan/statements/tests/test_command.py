"""`workplan read-statement FILE --json`: the JSON shape of the README, and its errors."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from workplan.cli import main
from workplan.statements.tests.helpers import SEED


def run(*args) -> str:
    out = io.StringIO()
    call_command("read_statement", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seed_file(tmp_path, plan):
    path = tmp_path / "seed-article.txt"
    path.write_text(SEED, encoding="utf-8")
    return path


def test_it_prints_the_reading_as_json_in_the_documented_shape(seed_file):
    found = json.loads(run(str(seed_file), "--json"))
    assert set(found) == {"meetings", "parties", "priority_areas", "commitments"}
    assert found["meetings"][0] == {
        "name": "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC)",
        "body": "AMMTC", "number": 17, "start_date": "2023-08-20", "end_date": "2023-08-23",
        "city": "Labuan Bajo", "country": "IDN",
    }  # fmt: skip
    assert {"key", "evidence"} == set(found["priority_areas"][0])
    assert {"text", "priority_area"} == set(found["commitments"][0])
    assert {"ASEAN", "IDN", "JPN"} <= set(found["parties"])


def test_it_writes_null_where_the_text_does_not_say(seed_file):
    summit = json.loads(run(str(seed_file), "--json"))["meetings"][1]
    assert (summit["number"], summit["city"]) == (None, None)


def test_it_reads_dates_without_a_year_in_the_publication_year(seed_file):
    found = json.loads(run(str(seed_file), "--json", "--published", "2024-03-01"))
    assert found["meetings"][0]["start_date"] == "2024-08-20"


def test_it_prints_a_summary_without_json(seed_file):
    output = run(str(seed_file))
    assert "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC) [AMMTC 17]: " \
           "2023-08-20 to 2023-08-23; Labuan Bajo, IDN" in output  # fmt: skip


def test_it_reads_standard_input(monkeypatch, plan):
    monkeypatch.setattr(sys, "stdin", io.StringIO("The 5th SOMTC was held in Hanoi in 2005."))
    (meeting,) = json.loads(run("-", "--json"))["meetings"]
    assert (meeting["body"], meeting["start_date"], meeting["city"]) == ("SOMTC", "2005", "Hanoi")


def test_it_is_spelled_with_a_hyphen_on_the_command_line(seed_file, capsys):
    main(["workplan", "read-statement", str(seed_file), "--json"])
    assert json.loads(capsys.readouterr().out)["meetings"][0]["number"] == 17


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--json"], "missing.txt: no such file."),
        (["{binary}", "--json"], "photo.png is not a text (.txt), Word (.docx) or PDF file"),
        (["{seed}", "--published", "24/08/2023"], "--published '24/08/2023' is not a date"),
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_clear_message(tmp_path, seed_file, args, message):
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    args = [a.format(binary=binary, seed=seed_file) for a in args]
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)


def test_it_reads_for_the_plan_named_and_asks_for_one_when_there_are_several(
    seed_file, plan, laundering_plan
):
    with pytest.raises(CommandError, match="Name the plan to read for with --plan ID"):
        run(str(seed_file), "--json")

    def areas(read_for):
        found = json.loads(run(str(seed_file), "--json", "--plan", str(read_for.pk)))
        return [area["key"] for area in found["priority_areas"]]

    assert areas(plan)[0] == "terrorism"
    assert areas(laundering_plan) == []
