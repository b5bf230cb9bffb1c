from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "workplan.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from workplan.core import history  # noqa: F401  (registers the change log's rule)
