"""The one way to ask for action items (and meetings): shared by the API and the exports."""

import django_filters
from django.utils.translation import gettext_lazy as _

from workplan.core.filters import IdFilter, YesNoFilter
from workplan.meetings.models import ActionItem, Body, Meeting, serves_q
from workplan.parties.models import Party


class ActionItemFilter(django_filters.FilterSet):
    """Action items by meeting, body, owner party (code), status, and overdue."""

    meeting = IdFilter(field_name="agenda_item__meeting", label=_("Meeting (id)"))
    body = django_filters.ModelChoiceFilter(
        field_name="agenda_item__meeting__body",
        queryset=Body.objects.all(),
        to_field_name="key",
        label=_("Body (key, e.g. SOMTC+JPN)"),
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owners",
        queryset=Party.objects.all(),
        to_field_name="code",
        label=_("Owner party"),
    )
    status = django_filters.ChoiceFilter(choices=ActionItem.Status.choices, label=_("Status"))
    overdue = YesNoFilter(method="only_overdue", label=_("Overdue only"))

    class Meta:
        model = ActionItem
        fields = ["meeting", "body", "owner", "status", "overdue"]

    def only_overdue(self, queryset, name, value):
        """Open after the day it was due (`overdue`, annotated by `cycle.with_overdue`)."""
        return queryset.filter(overdue=value)


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), to_field_name="key", label=_("Body (key)")
    )
    plan = IdFilter(
        method="serving_plan", label=_("Plan (id): the meetings that review or note it")
    )

    class Meta:
        model = Meeting
        fields = ["body", "plan", "status"]

    def serving_plan(self, queryset, name, value):
        """A meeting serves the plan it reviews and each plan it also notes."""
        return queryset.filter(serves_q(value))
