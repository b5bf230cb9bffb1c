"""Who may read the change log: a row is seen by whoever may see the object it is about.

Rows about a model without an access rule (accounts, funding sources), or whose rule keeps its
history private (`history_visible = False`, as for API tokens), are shown to nobody here; the
Django admin, for superusers, shows them all.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

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
            # the kind of record first, then a check of that row alone: the newest page stops
            # at its last row instead of first gathering every visible id of every model
            kind = Q(content_type=ContentType.objects.get_for_model(model))
            seen = rule.visible(model._default_manager.filter(pk=OuterRef("object_id")), user)
            about_visible |= kind & Q(Exists(seen))
        return queryset.filter(about_visible)


access.register(ChangeLog, ChangeLogRule())
