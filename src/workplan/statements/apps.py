from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "workplan.statements"
    label = "statements"
    verbose_name = "Statements"

    def ready(self):
        from workplan.statements import access, panels  # noqa: F401  (registers the rules)

        panels.register()
