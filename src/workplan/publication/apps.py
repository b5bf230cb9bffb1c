from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "workplan.publication"
    label = "publication"
    verbose_name = "Publication"
