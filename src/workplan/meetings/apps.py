from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "workplan.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from workplan.meetings import access, notices, panels  # noqa: F401  (registers the rules)

        notices.register()
        panels.register()
