"""Who may read the change log: a row is seen by whoever may see the object it is about.

Rows about a model without an access rule (accounts, funding sources), or whose rule keeps its
history private (`history_visible = False`, as for API tokens), are shown to nobody here; the
Django admin, for superusers, shows them all.

A row names the records it links to (an agenda item's activities, a meeting's plan) only to a
reader who may see them when reading (`name_links`); to others each reads "a record you cannot
see". A model without an access rule (people, funding sources) holds nothing restricted: its
names are shown to whoever reads the row.
"""

from collections import defaultdict

from django.apps import apps
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


def name_links(entries, user) -> list[ChangeLog]:
    """The rows, each told which of its linked records `user` may see: one query for each kind
    of linked record among them, whatever their number."""
    entries = list(entries)
    wanted = defaultdict(set)
    for entry in entries:
        for link in entry.links():
            wanted[link["ref"]].add(link["id"])
    seen = frozenset(
        (label, pk) for label, ids in wanted.items() for pk in _visible_ids(label, ids, user)
    )
    for entry in entries:
        entry.seen_links = seen
    return entries


def _visible_ids(label: str, ids: set, user) -> set:
    try:
        model = apps.get_model(label)
    except LookupError:  # a kind of record since removed
        return set()
    if model not in access.registered_rules():
        return ids
    rows = access.restrict(model._default_manager.filter(pk__in=ids), user)
    return set(rows.order_by().values_list("pk", flat=True))
