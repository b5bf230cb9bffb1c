from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the system: serve, back up and restore; no domain of its own."""

    name = "workplan.operations"
    label = "operations"
    verbose_name = "Operations"
