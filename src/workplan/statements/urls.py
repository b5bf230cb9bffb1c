from django.urls import path

from workplan.statements import views

app_name = "statements"
urlpatterns = [
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/read/", views.statement_read, name="statement_read"),
    path("statements/confirm/", views.statement_confirm, name="statement_confirm"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
]
