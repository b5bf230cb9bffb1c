"""The one way to ask for progress updates: shared by the API list and the exports."""

import django_filters
from django.utils.translation import gettext_lazy as _

from workplan.core import access
from workplan.core.filters import IdFilter
from workplan.parties.models import Party
from workplan.plans.models import PriorityArea, WorkPlan
from workplan.reporting.models import ProgressUpdate, ReportingPeriod


def _visible(model):
    """Choices limited to what the requesting user may see."""

    def choices(request):
        rows = model._default_manager.all()
        return access.restrict(rows, request.user) if request else rows.none()

    return choices


class UpdateFilter(django_filters.FilterSet):
    """Filters of progress updates; every choice is limited to what the user may see."""

    plan = django_filters.ModelChoiceFilter(
        field_name="activity__plan", queryset=_visible(WorkPlan), label=_("Plan")
    )
    area = django_filters.ModelChoiceFilter(
        field_name="activity__area", queryset=_visible(PriorityArea), label=_("Priority area")
    )
    period = django_filters.ModelChoiceFilter(queryset=_visible(ReportingPeriod), label=_("Period"))
    party = django_filters.ModelChoiceFilter(
        queryset=_visible(Party), to_field_name="code", label=_("Reporting party (code)")
    )
    activity = IdFilter(field_name="activity", label=_("Activity (id)"))
    status = django_filters.ChoiceFilter(choices=ProgressUpdate.Status.choices, label=_("Status"))

    class Meta:
        model = ProgressUpdate
        fields = ["plan", "area", "period", "party", "activity", "status"]
