"""The API of plans and their register: plans, priority areas and commitments (read), activities
and indicators (read and write, through `plans.actions`)."""

import django_filters
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from workplan.core import access
from workplan.core.access import ADD_ACTIVITY, LEAD, PUBLISH, RESTORE
from workplan.core.api import (
    AccessViewSetMixin,
    AddMixin,
    CodeField,
    EditMixin,
    RestrictedRelatedField,
    RestrictedSlugField,
    RetrieveMixin,
    StrictSerializer,
    TextField,
    expected_version,
)
from workplan.core.filters import IdFilter
from workplan.core.viewsets import RecordViewSet
from workplan.parties.models import Party
from workplan.plans import actions
from workplan.plans.filters import ActivityFilter
from workplan.plans.models import (
    Activity,
    Commitment,
    FundingSource,
    Indicator,
    PriorityArea,
    WorkPlan,
)

for _name in ("commitment", "partner_party", "year"):  # ids and a year, for the description
    extend_schema_field(OpenApiTypes.INT)(ActivityFilter.base_filters[_name])
VERSION_HINT = "The version changes only by saving; send the one you read in If-Match."


# Plans, areas, commitments


class AreaInputSerializer(serializers.Serializer):
    """A priority area given with a new plan, as in the plan file's `priority_areas`."""

    key = serializers.CharField(max_length=50)
    name = serializers.CharField(max_length=100)
    code_prefix = serializers.CharField(max_length=5)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    keywords = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    commitments = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )


class WorkPlanSerializer(StrictSerializer):
    parties = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), many=True, help_text="Party codes."
    )
    priority_areas = AreaInputSerializer(
        many=True,
        write_only=True,
        required=False,
        help_text="The plan's areas with their keywords and commitments (on creation; more "
        "are added later on the plan's page).",
    )
    read_only_hints = {
        "is_public": "Publish or withdraw with POST …/publish/.",
        "version": VERSION_HINT,
    }

    class Meta:
        model = WorkPlan
        fields = [
            "id", "title", "short_title", "start_date", "end_date", "parties", "rooted_in",
            "rooted_in_date", "rooted_in_place", "agreed_at", "adopted_at", "adopted_on",
            "monitoring", "is_public", "priority_areas", "version",
        ]  # fmt: skip
        read_only_fields = ["is_public", "version"]

    def get_fields(self):
        """Areas come with a new plan; later ones are added with POST /api/areas/."""
        fields = super().get_fields()
        if self.instance is not None:
            fields.pop("priority_areas")
        return fields


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(
        help_text="true: on the public site and in the IATI open data; false: taken off."
    )


class WorkPlanViewSet(
    AccessViewSetMixin, RetrieveMixin, EditMixin, AddMixin, viewsets.ReadOnlyModelViewSet
):
    """The work plans the user may see; the Secretariat creates one (with its parties, and
    its priority areas in `priority_areas`) and edits its facts and parties (PUT, PATCH with
    If-Match)."""

    queryset = WorkPlan.objects.prefetch_related("parties").order_by("-start_date", "pk")
    serializer_class = WorkPlanSerializer

    @extend_schema(request=PublishSerializer, responses=WorkPlanSerializer)
    @action(detail=True, methods=["post"], access_action=PUBLISH)
    def publish(self, request, *args, **kwargs):
        """Publishes the plan (its public activities, at /public/plans/<id>/ and as IATI XML)
        or withdraws it; the Secretariat."""
        asked = PublishSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        published = asked.validated_data["published"]
        plan = actions.publish_plan(self.get_object(), published=published, actor=request.user)
        return Response(self.get_serializer(plan).data)

    def perform_add(self, data):
        parties = data.pop("parties", [])
        areas = data.pop("priority_areas", [])
        return actions.create_plan(data, parties=parties, areas=areas, actor=self.request.user)

    def perform_edit(self, plan, data, version):
        parties = data.pop("parties", None)
        return actions.update_plan(
            plan, data, parties=parties, expected_version=version, actor=self.request.user
        )


class AreaSerializer(StrictSerializer):
    plan = RestrictedRelatedField(queryset=WorkPlan.objects.all())
    commitments = serializers.ListField(
        child=serializers.CharField(max_length=300),
        write_only=True,
        required=False,
        default=list,
        help_text="On creation: the area's commitments, texts in order.",
    )
    read_only_hints = {
        "position": "New areas come after the plan's last one.",
        "version": VERSION_HINT,
    }
    write_once = ("plan",)

    class Meta:
        model = PriorityArea
        fields = [
            "id", "plan", "key", "name", "description", "code_prefix", "position", "keywords",
            "commitments", "version",
        ]  # fmt: skip
        read_only_fields = ["position", "version"]

    def get_fields(self):
        """Commitments come with a new area; later ones through /api/commitments/."""
        fields = super().get_fields()
        if self.instance is not None:
            fields.pop("commitments")
        return fields


class AreaFilter(django_filters.FilterSet):
    # ids, not choices: a choice would tell an unknown plan from one the user may not see
    plan = IdFilter(field_name="plan")

    class Meta:
        model = PriorityArea
        fields = ["plan"]


class AreaViewSet(
    AccessViewSetMixin, RetrieveMixin, EditMixin, AddMixin, viewsets.ReadOnlyModelViewSet
):
    """Priority areas of the plans the user may see; `?plan=` narrows to one plan. The
    Secretariat adds one to a plan (with its commitments) and edits it (PUT, PATCH with
    If-Match)."""

    queryset = PriorityArea.objects.order_by("plan", "position", "pk")
    serializer_class = AreaSerializer
    filterset_class = AreaFilter

    def perform_add(self, data):
        plan = data.pop("plan")
        return actions.add_area(plan, data, actor=self.request.user)

    def perform_edit(self, area, data, version):
        return actions.update_area(area, data, expected_version=version, actor=self.request.user)


class CommitmentSerializer(StrictSerializer):
    area = RestrictedRelatedField(queryset=PriorityArea.objects.all())
    read_only_hints = {
        "position": "A new commitment comes after its area's last one.",
        "version": VERSION_HINT,
    }
    write_once = ("area",)

    class Meta:
        model = Commitment
        fields = ["id", "area", "text", "position", "version"]
        read_only_fields = ["position", "version"]


class CommitmentFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="area__plan")
    area = IdFilter(field_name="area")

    class Meta:
        model = Commitment
        fields = ["plan", "area"]


class CommitmentViewSet(
    AccessViewSetMixin, RetrieveMixin, EditMixin, AddMixin, viewsets.ReadOnlyModelViewSet
):
    """What the parties promised under each area; the Secretariat adds one to an area and
    edits its words (PUT, PATCH with If-Match)."""

    queryset = Commitment.objects.order_by("area__plan", "area__position", "position", "pk")
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter

    def perform_add(self, data):
        return actions.add_commitment(data["area"], data["text"], actor=self.request.user)

    def perform_edit(self, commitment, data, version):
        text = data.get("text", commitment.text)
        return actions.update_commitment(
            commitment, text, expected_version=version, actor=self.request.user
        )


# Activities


class ActivitySerializer(StrictSerializer):
    area = RestrictedRelatedField(queryset=PriorityArea.objects.all())
    commitments = RestrictedRelatedField(
        queryset=Commitment.objects.all(), many=True, required=False
    )
    lead_party = RestrictedSlugField(
        slug_field="code",
        queryset=Party.objects.all(),
        required=False,
        help_text="The party's code. A focal point's activities are led by its own party "
        "(the default when left out).",
    )
    partner_parties = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), many=True, required=False
    )
    funding_source = CodeField(
        slug_field="key", queryset=FundingSource.objects.all(), required=False, allow_null=True
    )
    code = TextField(
        max_length=30,
        required=False,
        allow_blank=True,
        help_text="Left out or blank: proposed from the area and start year, e.g. TER-2024-03.",
    )
    read_only_hints = {
        "version": VERSION_HINT,
        "archived_at": "Archive with DELETE; the Secretariat restores with POST …/restore/.",
    }

    class Meta:
        model = Activity
        fields = [
            "id", "plan", "code", "title", "description", "area", "commitments", "lead_party",
            "partner_parties", "modality", "planned_start", "planned_end", "actual_start",
            "actual_end", "status", "classification", "funding_source", "budget_amount",
            "budget_currency", "weight", "is_sample", "archived_at", "version", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "plan", "is_sample", "archived_at", "version", "created_at", "updated_at",
        ]  # fmt: skip

    def validate_code(self, value):
        return (value or "").strip().upper()

    def validate_lead_party(self, party):
        user = self.context["request"].user
        if not access.can(user, LEAD, Activity(lead_party=party)):
            raise serializers.ValidationError(
                f"Only the Secretariat gives an activity to another party to lead; "
                f"yours are led by {user.party}."
            )
        return party


class PlanActivityViewSet(
    AccessViewSetMixin,
    AddMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """A plan's activity register: the same filters and query string as its page
    (`/plans/<id>/activities/?q=…&area=…&lead_party=…&status=…&year=…&state=…`)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    queryset = Activity.objects.all()
    parent_access_actions = {"create": ADD_ACTIVITY}
    lookup_value_regex = r"\d+"

    @cached_property
    def plan(self) -> WorkPlan:
        # its parties are read by the filters and the tallies' reader rule: fetched once here
        return access.get_visible_or_404(
            WorkPlan.objects.prefetch_related("parties"),
            self.request.user,
            pk=self.kwargs["plan_id"],
        )

    def get_parent(self):
        return self.plan

    def base_queryset(self):
        return _activities().filter(plan=self.plan)

    def known_count(self) -> int | None:
        """The register's kept count for these filters (`ActivityFilter.known_count`)."""
        queryset = self.base_queryset()
        filterset = ActivityFilter(self.request.query_params, queryset=queryset, plan=self.plan)
        return filterset.known_count(self.request.user)

    def filterset_kwargs(self):
        return {"plan": self.plan}

    def perform_add(self, data):
        user = self.request.user
        if not access.can(user, LEAD, Activity):
            data.setdefault("lead_party", user.party)
        return actions.create_activity(self.plan, data, actor=user)


class ActivityViewSet(
    AccessViewSetMixin,
    RetrieveMixin,
    EditMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One activity: read, edit (with If-Match), archive (DELETE) and restore."""

    serializer_class = ActivitySerializer
    queryset = Activity.objects.all()

    def base_queryset(self):
        return _activities()

    def perform_edit(self, activity, data, version):
        return actions.update_activity(
            activity, data, expected_version=version, actor=self.request.user
        )

    def destroy(self, request, *args, **kwargs):
        """Archives the activity; nothing is deleted. If-Match is checked when sent."""
        activity = self.get_object()
        if request.headers.get("If-Match"):
            expected_version(request, activity)
        actions.archive_activity(activity, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=ActivitySerializer)
    @action(detail=True, methods=["post"], access_action=RESTORE)
    def restore(self, request, *args, **kwargs):
        """Brings an archived activity back into the register (the Secretariat)."""
        restored = actions.restore_activity(self.get_object(), actor=request.user)
        return self.with_etag(Response(self.get_serializer(self.fresh(restored)).data), restored)


def _activities():
    return Activity.objects.select_related("area", "lead_party", "funding_source").prefetch_related(
        "partner_parties", "commitments"
    )


# Indicators


class IndicatorSerializer(StrictSerializer):
    activity = RestrictedRelatedField(queryset=Activity.objects.all())
    read_only_hints = {
        "version": VERSION_HINT,
        "activity": "An indicator stays with the activity it was made for.",
    }

    class Meta:
        model = Indicator
        fields = [
            "id", "activity", "name", "unit", "baseline", "target", "direction", "position",
            "archived_at", "version",
        ]  # fmt: skip
        read_only_fields = ["position", "archived_at", "version"]

    write_once = ("activity",)


class IndicatorFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="activity__plan")
    activity = IdFilter(field_name="activity")

    class Meta:
        model = Indicator
        fields = ["plan", "activity"]


class IndicatorViewSet(RecordViewSet):
    """Measures of activities' results; kept by whoever may change the activity."""

    queryset = Indicator.objects.order_by("activity", "position", "pk")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def perform_add(self, data):
        activity = data.pop("activity")
        return actions.add_indicator(activity, data, actor=self.request.user)

    def perform_edit(self, indicator, data, version):
        return actions.update_indicator(
            indicator, data, expected_version=version, actor=self.request.user
        )
