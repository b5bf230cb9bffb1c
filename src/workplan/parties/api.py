"""The API's parties: read-only, like the pages (administrators change them)."""

from rest_framework import serializers, viewsets

from workplan.core.api import AccessViewSetMixin
from workplan.parties.models import Party


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "code", "name", "kind", "member_since"]


class PartyViewSet(AccessViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Member states, dialogue partners and the ASEAN Secretariat."""

    queryset = Party.objects.order_by("name")
    serializer_class = PartySerializer
