from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "workplan.plans"
    label = "plans"
    verbose_name = "Work plans"

    def ready(self):
        from workplan.plans import access, notices  # noqa: F401  (registers the rules)

        notices.register()
