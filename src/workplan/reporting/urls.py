from django.urls import path

from workplan.reporting import views

app_name = "reporting"
urlpatterns = [
    path("plans/<int:plan_id>/periods/", views.period_list, name="period_list"),
    path("plans/<int:plan_id>/tracker/", views.tracker_page, name="tracker"),
    path("plans/<int:plan_id>/periods/new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("activities/<int:activity_pk>/updates/new/", views.update_start, name="update_start"),
    path("updates/<int:pk>/", views.update_detail, name="update_detail"),
    path("updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
    path("updates/<int:pk>/accept/", views.update_accept, name="update_accept"),
    path("updates/<int:pk>/return/", views.update_return, name="update_return"),
    path("updates/<int:pk>/reopen/", views.update_reopen, name="update_reopen"),
    path("updates/<int:pk>/comments/", views.update_comment, name="update_comment"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
]
