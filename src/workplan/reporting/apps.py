from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "workplan.reporting"
    label = "reporting"
    verbose_name = _("Progress reporting")

    def ready(self):
        from workplan.core import changelog, extensions
        from workplan.plans.filters import ACTIVITY_COUNT
        from workplan.reporting import access, notices, panels, tally  # noqa: F401  (registers the rules)

        panels.register()
        notices.register()
        changelog.recorded.connect(tally.follow_writes, dispatch_uid="reporting.tally")
        extensions.add_counter(ACTIVITY_COUNT, tally.register_count)
