from django.urls import path

from workplan.publication import views

app_name = "publication"
urlpatterns = [
    path("public/", views.plan_list, name="plan_list"),
    path("public/plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("public/plans/<int:plan_id>/iati-activities.xml", views.iati_activities, name="iati"),
]
