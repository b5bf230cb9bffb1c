"""Gives a database loaded before the plan's words had translations those of the default plan's
data file: its title, its areas' names and descriptions and its commitments' texts in Japanese
and Bahasa Indonesia. Only empty translations are filled: a deployment's own are kept."""

from pathlib import Path

import yaml
from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "default_plan.yaml"


def fill_from_the_data_file(apps, schema_editor):
    with DATA_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    plan = apps.get_model("plans", "WorkPlan").objects.filter(title=data["plan"]["title"]).first()
    if plan is None:
        return
    _fill(plan, data["plan"])
    for entry in data["priority_areas"]:
        area = plan.areas.filter(key=entry["key"]).first()
        if area is None:
            continue
        _fill(area, entry)
        for commitment in entry.get("commitments", []):
            if isinstance(commitment, dict):
                for row in area.commitments.filter(text=commitment["text"]):
                    _fill(row, commitment)


def _fill(record, entry: dict) -> None:
    if not record.translations and entry.get("translations"):
        record.translations = entry["translations"]
        record.save(update_fields=["translations"])


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0001_default_plan_vocabulary"),
        ("plans", "0008_translations"),
    ]

    operations = [migrations.RunPython(fill_from_the_data_file, migrations.RunPython.noop)]
