"""A URL configuration with one view that fails, to see what a visitor is shown."""

from django.urls import include, path


def failing_view(request):
    raise RuntimeError("SELECT secret FROM /srv/workplan/settings.py")


urlpatterns = [path("boom/", failing_view), path("", include("workplan.urls"))]
