from django.urls import path

from workplan.meetings import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/calendar/", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/bodies/new/", views.body_create, name="body_create"),
    path("meetings/bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("meetings/<int:pk>/amendments/new/", views.amendment_create, name="amendment_create"),
    path("meetings/<int:pk>/pack.<str:extension>", views.meeting_pack, name="meeting_pack"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("agenda/<int:pk>/actions/new/", views.action_item_create, name="action_item_create"),
    path("actions/<int:pk>/", views.action_item_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("amendments/<int:pk>/adopt/", views.amendment_adopt, name="amendment_adopt"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
