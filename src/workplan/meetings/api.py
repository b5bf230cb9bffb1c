"""The API of the meeting cycle: bodies, meetings, agenda items, decisions and action items
(with owners' progress notes), each write through `meetings.actions`."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from workplan.core import access
from workplan.core.api import (
    AccessViewSetMixin,
    AddMixin,
    EditMixin,
    RestrictedRelatedField,
    RestrictedSlugField,
    RetrieveMixin,
    StrictSerializer,
    TextField,
)
from workplan.core.filters import IdFilter
from workplan.core.viewsets import RecordViewSet
from workplan.meetings import actions, cycle, owes
from workplan.meetings.access import with_plans_shown
from workplan.meetings.filters import ActionItemFilter, MeetingFilter
from workplan.meetings.models import ActionItem, AgendaItem, Body, Decision, Meeting
from workplan.parties.models import Party
from workplan.plans.api import VERSION_HINT
from workplan.plans.models import Activity, PriorityArea, WorkPlan
from workplan.reporting.api import OwedSerializer

WRITE_ONCE = "It stays where it was recorded."


def _visible_activities(user):
    return Prefetch("activities", queryset=access.restrict(Activity.objects.all(), user))


def _visible_areas(user):
    return Prefetch("areas", queryset=access.restrict(PriorityArea.objects.all(), user))


# Bodies and meetings


class BodySerializer(StrictSerializer):
    lead_party = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), required=False, allow_null=True
    )

    read_only_hints = {"version": VERSION_HINT}

    class Meta:
        model = Body
        fields = ["id", "key", "name", "short_name", "level", "lead_party", "version"]
        read_only_fields = ["version"]


class BodyViewSet(
    AccessViewSetMixin, RetrieveMixin, EditMixin, AddMixin, viewsets.ReadOnlyModelViewSet
):
    """The bodies that meet to review plans: SOMTC, AMMTC, their Japan consultations; the
    Secretariat adds one and edits it (PUT, PATCH with If-Match)."""

    queryset = Body.objects.select_related("lead_party").order_by("name")
    serializer_class = BodySerializer

    def perform_add(self, data):
        return actions.create_body(data, actor=self.request.user)

    def perform_edit(self, body, data, version):
        return actions.update_body(body, data, expected_version=version, actor=self.request.user)


class MeetingSerializer(StrictSerializer):
    body = RestrictedSlugField(slug_field="key", queryset=Body.objects.all())
    plan = RestrictedRelatedField(
        queryset=WorkPlan.objects.all(),
        required=False,
        allow_null=True,
        help_text="The plan the meeting reviews; null when it reviews none or the reader may "
        "not see it.",
    )
    noted_plans = RestrictedRelatedField(
        queryset=WorkPlan.objects.all(),
        many=True,
        required=False,
        help_text="Other plans the meeting notes (only those the reader may see).",
    )
    country = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), required=False, allow_null=True
    )
    chair = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), required=False, allow_null=True
    )
    participants = RestrictedSlugField(
        slug_field="code", queryset=Party.objects.all(), many=True, required=False
    )
    name = serializers.CharField(source="__str__", read_only=True)
    read_only_hints = {"version": VERSION_HINT}

    class Meta:
        model = Meeting
        fields = [
            "id", "name", "body", "number", "plan", "noted_plans", "start_date", "end_date",
            "date_precision", "city", "country", "chair", "status", "participants", "note",
            "version",
        ]  # fmt: skip
        read_only_fields = ["version"]

    def to_representation(self, instance):
        """Names the reviewed plan only to a reader who may see it (`with_plans_shown`)."""
        data = super().to_representation(instance)
        data["plan"] = getattr(instance, "shown_plan_id", instance.plan_id)
        return data


class MeetingViewSet(RecordViewSet):
    """Meetings of the bodies; managed by the Secretariat."""

    queryset = Meeting.objects.select_related("body", "country", "chair").prefetch_related(
        "participants"
    )
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def base_queryset(self):
        meetings = with_plans_shown(self.queryset, self.request.user)
        return meetings.order_by("-start_date", "pk")

    def perform_add(self, data):
        return actions.create_meeting(data, actor=self.request.user)

    def perform_edit(self, meeting, data, version):
        return actions.update_meeting(
            meeting, data, expected_version=version, actor=self.request.user
        )


# Agenda items and decisions


class AgendaItemSerializer(StrictSerializer):
    meeting = RestrictedRelatedField(queryset=Meeting.objects.all())
    areas = RestrictedRelatedField(queryset=PriorityArea.objects.all(), many=True, required=False)
    activities = RestrictedRelatedField(queryset=Activity.objects.all(), many=True, required=False)
    write_once = ("meeting",)
    read_only_hints = {"version": VERSION_HINT, "meeting": WRITE_ONCE}

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", "title", "areas", "activities", "noted", "version"]
        read_only_fields = ["position", "version"]


class AgendaItemFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting")

    class Meta:
        model = AgendaItem
        fields = ["meeting"]


class AgendaItemViewSet(RecordViewSet):
    """A meeting's agenda, in order; linked areas and activities only as far as the user may see
    them."""

    queryset = AgendaItem.objects.all()
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter

    def base_queryset(self):
        user = self.request.user
        items = AgendaItem.objects.prefetch_related(_visible_areas(user), _visible_activities(user))
        return items.order_by("meeting", "position", "pk")

    def perform_add(self, data):
        return actions.add_agenda_item(data.pop("meeting"), data, actor=self.request.user)

    def perform_edit(self, item, data, version):
        return actions.update_agenda_item(
            item, data, expected_version=version, actor=self.request.user
        )


class DecisionSerializer(StrictSerializer):
    agenda_item = RestrictedRelatedField(queryset=AgendaItem.objects.all())

    class Meta:
        model = Decision
        fields = ["id", "agenda_item", "text"]


class DecisionFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="agenda_item__meeting")
    agenda_item = IdFilter(field_name="agenda_item")

    class Meta:
        model = Decision
        fields = ["meeting", "agenda_item"]


class DecisionViewSet(
    AccessViewSetMixin, RetrieveMixin, AddMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Decisions as the meetings took them; recorded by the Secretariat."""

    queryset = Decision.objects.order_by("agenda_item", "pk")
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def perform_add(self, data):
        return actions.add_decision(data["agenda_item"], data["text"], actor=self.request.user)


# Action items


class ActionItemSerializer(StrictSerializer):
    agenda_item = RestrictedRelatedField(queryset=AgendaItem.objects.all())
    owners = RestrictedSlugField(slug_field="code", queryset=Party.objects.all(), many=True)
    activities = RestrictedRelatedField(queryset=Activity.objects.all(), many=True, required=False)
    due_by_next_meeting_of = RestrictedSlugField(
        slug_field="key", queryset=Body.objects.all(), required=False, allow_null=True
    )
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True)
    due_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The due date, or the next meeting's start."
    )
    overdue = serializers.BooleanField(
        read_only=True, help_text="Still open after its due day (`due_on`), as of today."
    )
    write_once = ("agenda_item",)
    read_only_hints = {"version": VERSION_HINT, "agenda_item": WRITE_ONCE}

    class Meta:
        model = ActionItem
        fields = [
            "id", "agenda_item", "meeting", "text", "owners", "due_date", "due_by_next_meeting_of",
            "due_on", "overdue", "status", "activities", "closed_on", "version",
        ]  # fmt: skip
        read_only_fields = ["closed_on", "version"]


class ProgressNoteSerializer(serializers.Serializer):
    text = TextField(help_text="What was done.")
    status = serializers.ChoiceField(choices=ActionItem.Status.choices)


class ActionItemViewSet(RecordViewSet):
    """Action items, carried from meeting to meeting until done; owners' focal points report
    progress (POST …/progress/)."""

    queryset = ActionItem.objects.all()
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter

    def base_queryset(self):
        return action_items_for_listing(self.request.user)

    def perform_add(self, data):
        return actions.add_action_item(data.pop("agenda_item"), data, actor=self.request.user)

    def perform_edit(self, item, data, version):
        return actions.update_action_item(
            item, data, expected_version=version, actor=self.request.user
        )

    @extend_schema(request=ProgressNoteSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, *args, **kwargs):
        """An owner party's focal point notes progress and sets the status."""
        note = ProgressNoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        item = self.get_object()
        text, status = note.validated_data["text"], note.validated_data["status"]
        actions.report_action_progress(item, text, status, actor=request.user)
        fresh = self.fresh(item)
        return self.with_etag(Response(self.get_serializer(fresh).data), fresh)


def action_items_for_listing(user):
    """Action items with their due day, owners and the activities the user may see."""
    items = ActionItem.objects.select_related("agenda_item", "due_by_next_meeting_of")
    items = items.prefetch_related("owners", _visible_activities(user))
    return cycle.with_overdue(items).order_by("agenda_item__meeting__start_date", "pk")


# What a party owes


class OwedActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    meeting = serializers.IntegerField(source="agenda_item.meeting_id")
    meeting_name = serializers.CharField(source="agenda_item.meeting")
    due_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionItem.Status.choices)
    overdue = serializers.BooleanField(help_text="Still open after its due day.")


class OwesSerializer(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    as_of = serializers.DateField()
    overdue = OwedSerializer(many=True, help_text="Updates overdue (not returned), earliest first.")
    returned = OwedSerializer(many=True, help_text="Updates returned to the party to correct.")
    due = OwedSerializer(many=True, help_text="Updates owed, not yet overdue.")
    actions = OwedActionSerializer(many=True, help_text="Open action items, overdue first.")


class PartyOwesView(APIView):
    """What a party owes, as its page shows it: updates overdue, returned and due for every
    period, and open action items of every meeting, overdue first. The Secretariat reads every
    party's; anyone else only their own (another party's answers 404)."""

    @extend_schema(responses=OwesSerializer)
    def get(self, request, code):
        party = owes.readable_party(request.user, code)
        owed = owes.owed_by(party, request.user)
        return Response(OwesSerializer(owed, context={"party_codes": {party.pk: party.code}}).data)
