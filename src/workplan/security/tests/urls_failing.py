"""A URL configuration with one view that fails, to see what a visitor is shown."""

from django.urls import include, path

from workplan.urls import handler400, handler403, handler404, handler500  # noqa: F401


def failing_view(request):
    raise RuntimeError("SELECT secret FROM /srv/workplan/settings.py")


urlpatterns = [
    path("boom/", failing_view),
    path("api/boom/", failing_view),
    path("", include("workplan.urls")),
]
