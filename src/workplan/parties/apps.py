from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "workplan.parties"
    label = "parties"
    verbose_name = "Parties"

    def ready(self):
        from workplan.parties import access  # noqa: F401  (registers the rules)
