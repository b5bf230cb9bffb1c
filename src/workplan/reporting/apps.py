from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "workplan.reporting"
    label = "reporting"
    verbose_name = _("Progress reporting")

    def ready(self):
        from workplan.reporting import access, notices, panels  # noqa: F401  (registers the rules)

        panels.register()
        notices.register()
