from django.urls import path

from workplan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("language/", views.choose_language, name="choose_language"),
    path("accounts/tokens/", views.token_list, name="token_list"),
    path("accounts/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
