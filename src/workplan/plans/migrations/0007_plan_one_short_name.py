"""The default plan's short name, as the plan's pages, breadcrumbs and reports write it: the
official title shortened, instead of a second, different long name."""

from django.db import migrations

OLD = "ASEAN-Japan Work Plan on Combating Transnational Crime 2023-2027"
NEW = "SOMTC + Japan Work Plan 2023-2027"


def rename(apps, schema_editor):
    apps.get_model("plans", "WorkPlan").objects.filter(short_title=OLD).update(short_title=NEW)


def rename_back(apps, schema_editor):
    apps.get_model("plans", "WorkPlan").objects.filter(short_title=NEW).update(short_title=OLD)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_activity_stored_figures")]

    operations = [migrations.RunPython(rename, rename_back)]
