from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "workplan.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from workplan.search import index

        index.connect()
