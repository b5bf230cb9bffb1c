from django.urls import path

from workplan.security import views

app_name = "security"
urlpatterns = [
    path("accounts/verify/", views.verify, name="verify"),
    path("accounts/two-step/", views.two_step, name="two_step"),
    path("accounts/two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("accounts/two-step/off/", views.two_step_off, name="two_step_off"),
    path("accounts/sessions/", views.sessions, name="sessions"),
]
