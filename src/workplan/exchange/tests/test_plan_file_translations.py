"""A plan file gives the plan's title, its areas and its commitments in Japanese and Bahasa
Indonesia (`translations`); a bad translation is named by its item and nothing is loaded."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from workplan.exchange.default_plan import DEFAULT_PLAN_FILE
from workplan.plans.models import WorkPlan

SAMPLE = DEFAULT_PLAN_FILE.parent / "sample_china_plan.yaml"


def test_the_default_plan_gives_its_words_in_every_language(plan):
    assert plan.translations["ja"]["short_title"] == "SOMTC+日本作業計画 2023～2027"
    for area in plan.areas.prefetch_related("commitments"):
        for language in ("ja", "id"):
            assert set(area.translations[language]) == {"name", "description"}
            for commitment in area.commitments.all():
                assert commitment.translations[language]["text"]
    assert plan.areas.get(key="sea-piracy").translations["id"]["name"] == "Pembajakan di laut"


def test_it_loads_the_translations_of_a_file(plan, tmp_path):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["plan"]["translations"] = {"ja": {"title": "SOMTC+中国作業計画（サンプル）"}}
    area = data["priority_areas"][0]
    area["translations"] = {"id": {"name": "Perdagangan gelap narkoba"}}
    area["commitments"][0] = {
        "text": area["commitments"][0],
        "translations": {"ja": {"text": "協力"}},
    }
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    call_command("load_plan", str(good))

    second = WorkPlan.objects.exclude(pk=plan.pk).get()
    first_area = second.areas.order_by("position").first()
    assert second.translations == {"ja": {"title": "SOMTC+中国作業計画（サンプル）"}}
    assert first_area.translations == {"id": {"name": "Perdagangan gelap narkoba"}}
    assert first_area.commitments.order_by("position").first().translations["ja"] == {
        "text": "協力"
    }


def test_a_bad_translation_is_named_by_its_item_and_nothing_is_loaded(plan, tmp_path, capsys):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["plan"]["translations"] = {"fr": {"title": "Plan de travail"}}
    area = data["priority_areas"][1]
    area["translations"] = {"ja": {"name": "サイバー犯罪", "keywords": "サイバー"}}
    area["commitments"][0] = {"text": area["commitments"][0], "translations": {"id": {"text": " "}}}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was loaded: 3 problems"):
        call_command("load_plan", str(bad))

    assert capsys.readouterr().err.splitlines() == [
        "- plan: translations: “fr” is not one of en, ja, id.",
        f"- priority area {area['name']}: translations: Translations give only name, "
        "description, not keywords.",
        f"- priority area {area['name']}, commitment 1: translations: The Bahasa Indonesia "
        "texts must be words, none empty.",
    ]
    assert WorkPlan.objects.count() == 1
