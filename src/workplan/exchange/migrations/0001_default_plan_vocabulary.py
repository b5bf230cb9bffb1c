"""Gives a database loaded before parties had aliases and areas had keywords those of the
default plan's data file, so the statement reader and the import know them as before. Only
empty lists are filled: a deployment's own names are kept."""

from pathlib import Path

import yaml
from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "default_plan.yaml"


def fill_from_the_data_file(apps, schema_editor):
    with DATA_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    party_model = apps.get_model("parties", "Party")
    for entry in data["parties"]:
        party_model.objects.filter(code=entry["code"], aliases=[]).update(
            aliases=entry.get("aliases", [])
        )
    area_model = apps.get_model("plans", "PriorityArea")
    for entry in data["priority_areas"]:
        area_model.objects.filter(
            plan__title=data["plan"]["title"], key=entry["key"], keywords=[]
        ).update(keywords=entry.get("keywords", []))


class Migration(migrations.Migration):
    dependencies = [
        ("parties", "0002_party_aliases"),
        ("plans", "0005_area_keywords"),
    ]

    operations = [migrations.RunPython(fill_from_the_data_file, migrations.RunPython.noop)]
