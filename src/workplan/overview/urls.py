from django.urls import path

from workplan.overview import views

app_name = "overview"
urlpatterns = [
    path("plans/", views.plan_overview, name="plan_overview"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plan/<str:page>/", views.plan_page, name="plan_page"),
    path("plans/<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("parties/<str:code>/", views.party_owes, name="party"),
]
