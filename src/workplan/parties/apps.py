from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "workplan.parties"
    label = "parties"
    verbose_name = _("Parties")

    def ready(self):
        from workplan.parties import access  # noqa: F401  (registers the rules)
