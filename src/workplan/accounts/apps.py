from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "workplan.accounts"
    label = "accounts"
    verbose_name = "Accounts"
