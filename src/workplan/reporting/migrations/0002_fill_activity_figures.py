from django.db import migrations


def fill(apps, schema_editor):
    from workplan.reporting.figures import refresh_figures

    activities = apps.get_model("plans", "Activity")
    updates = apps.get_model("reporting", "ProgressUpdate")
    ids = activities.objects.order_by("pk").values_list("pk", flat=True)
    refresh_figures(list(ids), activities=activities, updates=updates)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("plans", "0006_activity_stored_figures"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
