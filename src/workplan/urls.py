from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from workplan.core import views as core_views
from workplan.overview import views as overview_views
from workplan.security import views as security_views

urlpatterns = [
    path("", overview_views.home, name="home"),
    path("accounts/login/", security_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        security_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        security_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("workplan.api_urls")),
    path("", include("workplan.accounts.urls")),
    path("", include("workplan.exchange.urls")),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("workplan.security.urls")),
    path("", include("workplan.notifications.urls")),
    path("", include("workplan.overview.urls")),
    path("", include("workplan.publication.urls")),
    path("", include("workplan.plans.urls")),
    path("", include("workplan.reporting.urls")),
    path("", include("workplan.meetings.urls")),
    path("", include("workplan.statements.urls")),
    path("", include("workplan.search.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
