from django.urls import path

from workplan.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("plans/<int:plan_id>/publish/", views.plan_publish, name="plan_publish"),
    path("plans/<int:plan_id>/activities/", views.activity_list, name="activity_list"),
    path("plans/<int:plan_id>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/archive/", views.activity_archive, name="activity_archive"),
    path("activities/<int:pk>/restore/", views.activity_restore, name="activity_restore"),
    path("activities/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
]
