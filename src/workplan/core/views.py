"""Small pages of the site itself, and the error pages: HTML for people, JSON under /api/."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views import defaults

logger = logging.getLogger(__name__)

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
    """400, or 413 when the form's text was larger than the server reads
    (DATA_UPLOAD_MAX_MEMORY_SIZE): each says what happened and what to do next."""
    if isinstance(exception, RequestDataTooBig):
        answer = _api_error(request, "The request is too large.", 400)
        return answer or render(request, "413.html", _limits(), status=413)
    answer = _api_error(request, "Bad request.", 400)
    return answer or render(request, "400.html", status=400)


def _limits() -> dict:
    return {
        "text_limit_mb": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1),
        "file_limit_mb": settings.EVIDENCE_MAX_MB,
    }


def permission_denied(request, exception):
    answer = _api_error(request, "You may not do this.", 403)
    return answer or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    answer = _api_error(request, "Not found.", 404)
    return answer or defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """A form sent from a page opened before signing in again, or held open for hours."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """The app's own page with its header; if that cannot be drawn (the database is down),
    the same words on a page that needs nothing."""
    answer = _api_error(request, "Something went wrong on the server; it is logged.", 500)
    if answer:
        return answer
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The error page could not be drawn; sending the plain one")
        return HttpResponseServerError(loader.get_template("500_plain.html").render())
