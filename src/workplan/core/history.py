"""Who may read the change log: a row is seen by whoever may see the object it is about.

Rows about a model without an access rule (accounts, funding sources), or whose rule keeps its
history private (`history_visible = False`, as for API tokens), are shown to nobody here; the
Django admin, for superusers, shows them all.
"""

from django.db.models import Q

from workplan.core import access
from workplan.core.models import ChangeLog


class ChangeLogRule(access.Rule):
    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        about_visible = Q(pk__in=[])
        for model, rule in access.registered_rules().items():
            if model is ChangeLog or not getattr(rule, "history_visible", True):
                continue
            rows = rule.visible(model._default_manager.all(), user).values("pk")
            about_visible |= Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=rows,
            )
        return queryset.filter(about_visible)


access.register(ChangeLog, ChangeLogRule())
