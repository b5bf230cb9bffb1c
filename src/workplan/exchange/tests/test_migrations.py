"""A database loaded before parties had aliases and areas had keywords, or the plan's words
translations, gets those of the default plan's data file when it migrates, so the reader and
the import know them as before and readers of Japanese and Indonesian read the plan's words."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from workplan.exchange.default_plan import read_default_plan

BEFORE = [("parties", "0001_initial"), ("plans", "0004_visibility_index"), ("exchange", None)]


def migrate(targets=None):
    """Migrates to `targets`, or (by default) to the latest migration of every app, so the
    database is left as the rest of the suite expects it."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_it_gives_the_default_plans_rows_the_aliases_and_keywords_of_its_data_file():
    data = read_default_plan()
    apps = migrate(BEFORE)
    party, plan, area = (apps.get_model(*name.split(".")) for name in
                         ("parties.Party", "plans.WorkPlan", "plans.PriorityArea"))  # fmt: skip
    party.objects.create(code="VNM", name="Viet Nam", kind="member_state")
    party.objects.create(code="BGD", name="Bangladesh", kind="dialogue_partner")
    day = datetime.date(2023, 1, 1)
    for title in (data["plan"]["title"], "Another plan"):
        made = plan.objects.create(title=title, short_title=title, start_date=day, end_date=day)
        area.objects.create(plan=made, key="terrorism", name="Terrorism", code_prefix="TER")

    apps = migrate()

    aliases = dict(apps.get_model("parties", "Party").objects.values_list("code", "aliases"))
    assert aliases == {"VNM": data["parties"][9]["aliases"], "BGD": []}
    areas = apps.get_model("plans", "PriorityArea").objects
    assert dict(areas.values_list("plan__title", "keywords")) == {
        data["plan"]["title"]: data["priority_areas"][0]["keywords"],
        "Another plan": [],
    }


@pytest.mark.django_db(transaction=True)
def test_it_gives_the_default_plans_words_their_translations_and_keeps_a_deployments_own():
    data = read_default_plan()
    apps = migrate([("plans", "0008_translations"), ("exchange", "0001_default_plan_vocabulary")])
    plan = apps.get_model("plans", "WorkPlan")
    area = apps.get_model("plans", "PriorityArea")
    commitment = apps.get_model("plans", "Commitment")
    day = datetime.date(2023, 1, 1)
    title = data["plan"]["title"]
    made = plan.objects.create(title=title, short_title=title, start_date=day, end_date=day)
    kept = {"ja": {"name": "テロ"}}
    area.objects.create(
        plan=made, key="terrorism", name="Terrorism", code_prefix="TER", translations=kept
    )
    piracy = area.objects.create(plan=made, key="sea-piracy", name="Sea piracy", code_prefix="SEA")
    commitment.objects.create(area=piracy, text="Maintain maritime security")

    apps = migrate()

    areas = apps.get_model("plans", "PriorityArea").objects
    assert (
        apps.get_model("plans", "WorkPlan").objects.get().translations
        == data["plan"]["translations"]
    )
    assert areas.get(key="terrorism").translations == kept
    assert areas.get(key="sea-piracy").translations["ja"]["name"] == "海賊行為"
    row = apps.get_model("plans", "Commitment").objects.get()
    assert row.translations["id"] == {"text": "Menjaga keamanan maritim"}
