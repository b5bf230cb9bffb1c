"""The API of progress reporting: reporting periods, and progress updates with their review
steps (submit, accept, return, reopen) as actions, each through `reporting.actions`."""

import django_filters
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from workplan.core import access
from workplan.core.api import (
    RestrictedRelatedField,
    StrictSerializer,
    TextField,
    expected_version,
)
from workplan.core.filters import IdFilter
from workplan.core.viewsets import RecordViewSet
from workplan.plans.api import VERSION_HINT
from workplan.plans.models import Activity, Indicator, WorkPlan
from workplan.reporting import actions, tracker
from workplan.reporting.filters import UpdateFilter
from workplan.reporting.models import (
    Evidence,
    IndicatorValue,
    ProgressUpdate,
    ReportingPeriod,
)

# Reporting periods


class PeriodSerializer(StrictSerializer):
    plan = RestrictedRelatedField(queryset=WorkPlan.objects.all())
    read_only_hints = {"version": VERSION_HINT, "plan": "A period stays in its plan."}

    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "name", "start_date", "end_date", "due_date", "version"]
        read_only_fields = ["version"]

    write_once = ("plan",)


class PeriodFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan")

    class Meta:
        model = ReportingPeriod
        fields = ["plan"]


class PeriodViewSet(RecordViewSet):
    """The stretches of a plan's time that parties report on; kept by the Secretariat."""

    queryset = ReportingPeriod.objects.order_by("plan", "start_date", "pk")
    serializer_class = PeriodSerializer
    filterset_class = PeriodFilter

    def perform_add(self, data):
        return actions.create_period(data.pop("plan"), data, actor=self.request.user)

    def perform_edit(self, period, data, version):
        return actions.update_period(
            period, data, expected_version=version, actor=self.request.user
        )


# Progress updates


class ValueSerializer(serializers.ModelSerializer):
    indicator = RestrictedRelatedField(queryset=Indicator.objects.all())
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "value"]


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, evidence) -> str:
        return self.context["request"].build_absolute_uri(evidence.get_absolute_url())


class UpdateSerializer(StrictSerializer):
    activity = RestrictedRelatedField(queryset=Activity.objects.all())
    period = RestrictedRelatedField(queryset=ReportingPeriod.objects.all())
    party = serializers.SlugRelatedField(slug_field="code", read_only=True)
    values = ValueSerializer(many=True, required=False, help_text="Indicator values; null clears.")
    evidence = EvidenceSerializer(many=True, read_only=True, source="current_evidence")
    read_only_hints = {
        "version": VERSION_HINT,
        "status": "The status changes only through POST …/submit/, …/accept/, …/return/ "
        "and …/reopen/.",
        "activity": "An update stays with its activity.",
        "period": "An update stays with its period.",
    }

    class Meta:
        model = ProgressUpdate
        fields = [
            "id", "activity", "period", "party", "narrative", "percent_complete",
            "reported_status", "links", "values", "status", "submitted_at", "reviewed_at",
            "review_comment", "evidence", "created_at", "version",
        ]  # fmt: skip
        read_only_fields = [
            "status", "submitted_at", "reviewed_at", "review_comment", "created_at", "version",
        ]  # fmt: skip

    write_once = ("activity", "period")


class CommentSerializer(serializers.Serializer):
    comment = TextField(help_text="What the party should change.")


class ReasonSerializer(serializers.Serializer):
    reason = TextField(help_text="Why the accepted update is reopened.")


class MessageSerializer(serializers.Serializer):
    text = TextField(help_text="A message in the update's discussion.")


class UpdateViewSet(RecordViewSet):
    """Progress updates, newest first: a focal point opens one (POST with activity and period),
    edits it (PUT/PATCH with If-Match) and submits it; the Secretariat accepts, returns or
    reopens it."""

    queryset = ProgressUpdate.objects.all()
    serializer_class = UpdateSerializer
    filterset_class = UpdateFilter
    # Updates pile up fastest (a dozen a year for each activity): counted up to 1,000, each
    # checked against what the reader may see, the list costs the same at any size.
    count_limit = min(settings.API_COUNT_LIMIT, 1_000)

    def base_queryset(self):
        # newest first reads the primary key's index backwards and stops at the page; ordering
        # by period and activity code sorted every update first (640 ms at 340,000 updates)
        return updates_for_listing().order_by("-pk")

    def perform_add(self, data):
        """Opens the user's party's update for the period (or finds the one already open) and
        saves any text and values sent with it, all or nothing."""
        user = self.request.user
        with transaction.atomic():
            update = actions.start_update(data.pop("activity"), data.pop("period"), actor=user)
            if data:
                update = self.perform_edit(update, data, update.version)
        return update

    def perform_edit(self, update, data, version):
        values = {value["indicator"].pk: value["value"] for value in data.pop("values", [])}
        return actions.save_update(
            update, data, values, expected_version=version, actor=self.request.user
        )

    @extend_schema(request=None, responses=UpdateSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Sends the update for review; it must be complete."""
        return self._step(lambda update: actions.submit_update(update, actor=request.user))

    @extend_schema(request=None, responses=UpdateSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        """Accepts a submitted update (the Secretariat)."""
        return self._step(lambda update: actions.accept_update(update, actor=request.user))

    @extend_schema(request=CommentSerializer, responses=UpdateSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, *args, **kwargs):
        """Returns a submitted update to its party with the reviewer's comment."""
        comment = self._body(CommentSerializer)["comment"]
        return self._step(lambda update: actions.return_update(update, comment, actor=request.user))

    @extend_schema(request=ReasonSerializer, responses=UpdateSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, *args, **kwargs):
        """Reopens an accepted update so its party can correct it (the Secretariat)."""
        reason = self._body(ReasonSerializer)["reason"]
        return self._step(lambda update: actions.reopen_update(update, reason, actor=request.user))

    @extend_schema(request=MessageSerializer, responses=UpdateSerializer)
    @action(detail=True, methods=["post"])
    def comments(self, request, *args, **kwargs):
        """Adds a message to the update's discussion."""
        text = self._body(MessageSerializer)["text"]
        return self._step(lambda update: actions.add_comment(update, text, actor=request.user))

    def _body(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _step(self, act):
        """A review step, decided by its action; If-Match is checked when sent."""
        update = self.get_object()
        if self.request.headers.get("If-Match"):
            expected_version(self.request, update)
        act(update)
        fresh = self.fresh(update)
        return self.with_etag(Response(self.get_serializer(fresh).data), fresh)


def updates_for_listing():
    """Updates with what their listing shows, in a fixed number of queries."""
    current = Evidence.objects.filter(archived_at__isnull=True)
    return ProgressUpdate.objects.select_related("activity", "party", "period").prefetch_related(
        "values", Prefetch("evidence", queryset=current, to_attr="current_evidence")
    )


# The reporting round tracker


class OwedSerializer(serializers.Serializer):
    """One update owed: the lead party's update on an activity for a period."""

    activity = serializers.IntegerField(source="activity_id")
    activity_code = serializers.CharField(source="code")
    activity_title = serializers.CharField(source="title")
    party = serializers.SerializerMethodField()
    period = serializers.IntegerField(source="period.pk")
    due_date = serializers.DateField()
    state = serializers.ChoiceField(
        choices=[(state, tracker.STATE_LABELS[state]) for state in tracker.STATES],
        help_text="The state of the update on `as_of`: accepted, submitted, returned, draft, "
        "or missing (no update the reader may see).",
    )
    overdue = serializers.BooleanField(
        help_text="Neither submitted nor accepted, and the period's due date has passed."
    )
    update = serializers.IntegerField(source="update_id", allow_null=True)

    def get_party(self, item) -> str:
        return self.context["party_codes"][item.party_id]


class TrackerPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    due_date = serializers.DateField()


class TrackerCellSerializer(serializers.Serializer):
    period = serializers.IntegerField(source="period.pk")
    expected = serializers.IntegerField(help_text="Updates owed.")
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Updates owed by state (accepted, submitted, returned, draft, missing), and "
        "`overdue` (which overlaps draft, returned and missing); states with none are left out.",
    )


class TrackerRowSerializer(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    cells = TrackerCellSerializer(many=True)


class TrackerSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    periods = TrackerPeriodSerializer(many=True)
    rows = TrackerRowSerializer(many=True)
    items = OwedSerializer(many=True)


def tracker_data(rows: tracker.Tracker) -> dict:
    context = {"party_codes": {party.pk: party.code for party in rows.parties}}
    return TrackerSerializer(rows, context=context).data


class PlanTrackerView(APIView):
    """The reporting round tracker of a plan, as the tracker page shows it: the Secretariat
    reads every party's row, anyone else their own party's; only activities the reader may
    see. `?area=<id>` keeps one priority area."""

    @extend_schema(
        parameters=[OpenApiParameter("area", int, description="A priority area's id.")],
        responses=TrackerSerializer,
    )
    def get(self, request, plan_id):
        plan = access.get_visible_or_404(WorkPlan.objects.all(), request.user, pk=plan_id)
        chosen = tracker.chosen_in(request.query_params)
        rows = tracker.for_reader(
            WorkPlan.objects.filter(pk=plan.pk), request.user, area_id=chosen["area"]
        )
        return Response(tracker_data(rows))
