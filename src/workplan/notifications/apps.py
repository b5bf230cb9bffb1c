from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "workplan.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from workplan.notifications import access  # noqa: F401  (registers the rule)
