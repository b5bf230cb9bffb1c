from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "workplan.security"
    label = "security"
    verbose_name = "Account security"

    def ready(self):
        from workplan.security import signals  # noqa: F401  (connects the receivers)
