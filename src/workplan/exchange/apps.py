from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "workplan.exchange"
    label = "exchange"
    verbose_name = "Data exchange"
