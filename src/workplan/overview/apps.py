from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "workplan.overview"
    label = "overview"
    verbose_name = "Overview"
