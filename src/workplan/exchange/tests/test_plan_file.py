"""`workplan load-plan FILE.yaml`: a plan file in the default plan's format loads a second
plan beside the first; a file with problems names each one and loads nothing."""

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from workplan.exchange.default_plan import DEFAULT_PLAN_FILE, plan_file_problems
from workplan.meetings.models import Body
from workplan.parties.models import Party
from workplan.plans.models import WorkPlan

SAMPLE = DEFAULT_PLAN_FILE.parent / "sample_china_plan.yaml"


def test_it_loads_a_second_plan_beside_the_default(plan, capsys):
    call_command("load_plan", str(SAMPLE))
    second = WorkPlan.objects.exclude(pk=plan.pk).get()
    assert second.title.endswith("(Sample)")
    assert "CHN" in second.parties.values_list("code", flat=True)
    assert list(second.areas.values_list("code_prefix", flat=True)) == ["DRG", "CYB", "TIP"]
    assert second.periods.count() == 10  # two a year, as the default plan's
    assert Body.objects.filter(key="SOMTC+CHN").exists()
    assert "Loaded plan: SOMTC + China" in capsys.readouterr().out


def test_loading_the_same_file_again_keeps_the_plan(plan):
    call_command("load_plan", str(SAMPLE))
    call_command("load_plan", str(SAMPLE))
    assert WorkPlan.objects.count() == 2


def test_a_file_with_problems_names_each_one_and_loads_nothing(plan, tmp_path, capsys):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["plan"]["parties"].append("XYZ")  # an unknown party
    data["plan"]["end_date"] = data["plan"]["start_date"].replace(year=2020)  # ends first
    del data["priority_areas"][1]["name"]  # an area missing its name
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was loaded: 3 problems"):
        call_command("load_plan", str(bad))

    problems = capsys.readouterr().err.splitlines()
    assert problems == [
        "- The plan ends (2020-01-01) before it starts (2024-01-01).",
        "- plan: unknown party XYZ; list it under parties first.",
        "- priority area online-scams: name is missing.",
    ]
    assert WorkPlan.objects.count() == 1
    assert not Party.objects.filter(code="CHN").exists()


def test_a_file_without_areas_is_refused(plan, tmp_path, capsys):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["priority_areas"] = []
    bad = tmp_path / "no-areas.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem in the file"):
        call_command("load_plan", str(bad))
    assert "no priority areas" in capsys.readouterr().err


def test_a_rule_of_the_model_is_reported_and_nothing_loaded(plan, tmp_path, capsys):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["priority_areas"][0]["keywords"] = ["(unclosed"]
    bad = tmp_path / "bad-keyword.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_plan", str(bad))
    assert "is not a regular expression" in capsys.readouterr().err
    assert WorkPlan.objects.count() == 1
    assert not Party.objects.filter(code="CHN").exists()


def test_a_file_that_is_not_yaml_is_refused(db, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_plan", str(bad))
    assert "cannot be read" in capsys.readouterr().err


def test_a_file_with_problems_is_named_in_the_readers_language(plan):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["plan"]["end_date"] = data["plan"]["start_date"].replace(year=2020)
    del data["priority_areas"][1]["name"]

    with translation.override("ja"):
        problems = plan_file_problems(data)

    assert problems == [
        "作業計画の終了日（2020-01-01）が開始日（2024-01-01）より前になっています。",
        "優先分野 online-scams: name がありません。",
    ]
