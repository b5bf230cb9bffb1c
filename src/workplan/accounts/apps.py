from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "workplan.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from workplan.accounts import access  # noqa: F401  (registers the rules)
