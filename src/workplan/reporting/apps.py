from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "workplan.reporting"
    label = "reporting"
    verbose_name = "Progress reporting"

    def ready(self):
        from workplan.reporting import access, notices, panels  # noqa: F401  (registers the rules)

        panels.register()
        notices.register()
