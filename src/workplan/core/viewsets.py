"""The API's viewset of a domain record, composed once from the plumbing in `core.api` (which
must not import DRF's viewsets: DRF reads the settings that name it while they load)."""

from rest_framework import mixins, viewsets

from workplan.core.api import AccessViewSetMixin, AddMixin, EditMixin, RetrieveMixin


class RecordViewSet(
    AccessViewSetMixin,
    RetrieveMixin,
    EditMixin,
    AddMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """List, read (with its version as ETag), add and edit (with If-Match) a record; the
    subclass names its queryset, serializer and FilterSet, and `perform_add` and
    `perform_edit`, which call the app's actions."""
