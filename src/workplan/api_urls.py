"""The REST API under /api/: each app's viewsets, the OpenAPI description and its docs page."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from workplan.core.api_docs import ApiDocsView, ApiSchemaView
from workplan.core.changes_api import ChangeViewSet
from workplan.meetings.api import (
    ActionItemViewSet,
    AgendaItemViewSet,
    BodyViewSet,
    DecisionViewSet,
    MeetingViewSet,
    PartyOwesView,
)
from workplan.parties.api import PartyViewSet
from workplan.plans.api import (
    ActivityViewSet,
    AreaViewSet,
    CommitmentViewSet,
    IndicatorViewSet,
    PlanActivityViewSet,
    WorkPlanViewSet,
)
from workplan.reporting.api import PeriodViewSet, PlanTrackerView, UpdateViewSet

router = DefaultRouter()
router.register("parties", PartyViewSet, basename="party")
router.register("plans", WorkPlanViewSet, basename="plan")
router.register(r"plans/(?P<plan_id>\d+)/activities", PlanActivityViewSet, basename="plan-activity")
router.register("areas", AreaViewSet, basename="area")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("activities", ActivityViewSet, basename="activity")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("periods", PeriodViewSet, basename="period")
router.register("updates", UpdateViewSet, basename="update")
router.register("bodies", BodyViewSet, basename="body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("changes", ChangeViewSet, basename="change")

app_name = "api"
urlpatterns = [
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("plans/<int:plan_id>/tracker/", PlanTrackerView.as_view(), name="plan-tracker"),
    path("parties/<str:code>/owes/", PartyOwesView.as_view(), name="party-owes"),
    path("", include(router.urls)),
]
