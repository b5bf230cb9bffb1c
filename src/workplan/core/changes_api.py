"""The API of the change history: who changed what and when, for records the user may see."""

import datetime

import django_filters
from django.utils.translation import gettext_lazy
from rest_framework import serializers, viewsets

from workplan.core.api import AccessViewSetMixin, FeedPagination
from workplan.core.filters import IdFilter
from workplan.core.history import name_links
from workplan.core.models import ChangeLog

LINKS_HELP = 'Linked records by name; one you may not see reads "a record you cannot see".'


class ChangeListSerializer(serializers.ListSerializer):
    """Names the linked records of a whole page for its reader at once."""

    def to_representation(self, data):
        return super().to_representation(name_links(data, self.context["request"].user))


class ChangeSerializer(serializers.ModelSerializer):
    model = serializers.SerializerMethodField(
        help_text='The kind of record, e.g. "plans.activity".'
    )
    actor = serializers.CharField(source="actor_label")
    before = serializers.JSONField(source="shown_before", read_only=True, help_text=LINKS_HELP)
    after = serializers.JSONField(source="shown_after", read_only=True, help_text=LINKS_HELP)

    class Meta:
        model = ChangeLog
        fields = [
            "id", "timestamp", "actor", "model", "object_id", "object_repr", "object_version",
            "kind", "message", "before", "after", "request_id",
        ]  # fmt: skip
        list_serializer_class = ChangeListSerializer

    def to_representation(self, change):
        if "seen_links" not in vars(change):  # one row alone, not a page
            name_links([change], self.context["request"].user)
        return super().to_representation(change)

    def get_model(self, change) -> str:
        return f"{change.content_type.app_label}.{change.content_type.model}"


class ChangeFilter(django_filters.FilterSet):
    model = django_filters.CharFilter(
        method="of_model", label=gettext_lazy('Kind of record: "plans.activity"')
    )
    object_id = IdFilter(label=gettext_lazy("Id of the record"))
    since = django_filters.IsoDateTimeFilter(
        method="changed_since", label=gettext_lazy("Changed at or after")
    )

    class Meta:
        model = ChangeLog
        fields = ["model", "object_id", "kind", "request_id", "since"]

    def changed_since(self, queryset, name, value):
        """In UTC: a database need not accept every offset a client may write (+21:40)."""
        try:
            return queryset.filter(timestamp__gte=value.astimezone(datetime.UTC))
        except OverflowError:
            return queryset.none()

    def of_model(self, queryset, name, value):
        app_label, _, model = value.lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class ChangeViewSet(AccessViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The change history: who changed what and when (UTC), with the values before and after;
    only changes to records the user may see, newest first. An import or a page's save shares
    one `request_id`. Pages follow `next` (a cursor); there is no total count."""

    queryset = ChangeLog.objects.select_related("content_type").order_by("-timestamp", "-id")
    serializer_class = ChangeSerializer
    filterset_class = ChangeFilter
    pagination_class = FeedPagination
