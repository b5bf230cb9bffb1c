"""Small pages of the site itself, and the error pages: HTML for people, JSON under /api/."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views import defaults

API_PREFIX = "/api/"


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (downloads, error pages).
    Resolved per request, since in production the file's name carries its hash."""
    return redirect(static("workplan/favicon.svg"), permanent=False)


def _api_error(request, detail: str, status: int):
    """A program calling the API reads errors as JSON, the same shape DRF gives its own."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=status)
    return None


def bad_request(request, exception):
    answer = _api_error(request, "Bad request.", 400)
    return answer or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    answer = _api_error(request, "You may not do this.", 403)
    return answer or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    answer = _api_error(request, "Not found.", 404)
    return answer or defaults.page_not_found(request, exception)


def server_error(request):
    answer = _api_error(request, "Something went wrong on the server; it is logged.", 500)
    return answer or defaults.server_error(request)
