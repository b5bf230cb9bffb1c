from django.urls import path

from workplan.exchange import views

app_name = "exchange"
urlpatterns = [
    path(
        "plans/<int:plan_id>/activities/export.<str:fmt>",
        views.activity_export,
        name="activity_export",
    ),
    path(
        "plans/<int:plan_id>/activities/template.xlsx",
        views.activity_template,
        name="activity_template",
    ),
    path("plans/<int:plan_id>/activities/import/", views.activity_import, name="activity_import"),
    path(
        "plans/<int:plan_id>/activities/import/confirm/",
        views.activity_import_confirm,
        name="activity_import_confirm",
    ),
    path(
        "plans/<int:plan_id>/tracker/export.<str:fmt>",
        views.tracker_export,
        name="tracker_export",
    ),
    path(
        "parties/<str:code>/owes/export.<str:fmt>",
        views.party_owes_export,
        name="party_owes_export",
    ),
    path(
        "plans/<int:plan_id>/periods/<int:period_id>/workbook/<str:code>/",
        views.updates_workbook_page,
        name="updates_workbook",
    ),
    path(
        "plans/<int:plan_id>/periods/<int:period_id>/workbook/<str:code>/updates.xlsx",
        views.updates_workbook_download,
        name="updates_workbook_download",
    ),
    path(
        "plans/<int:plan_id>/periods/<int:period_id>/workbook/<str:code>/confirm/",
        views.updates_workbook_confirm,
        name="updates_workbook_confirm",
    ),
    path(
        "plans/<int:plan_id>/periods/<int:period_id>/workbook/<str:code>/submit/",
        views.updates_workbook_submit,
        name="updates_workbook_submit",
    ),
    path("updates/export.<str:fmt>", views.update_export, name="update_export"),
    path("actions/export.<str:fmt>", views.action_export, name="action_export"),
]
