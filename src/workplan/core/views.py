"""Small pages of the site itself."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (downloads, error pages).
    Resolved per request, since in production the file's name carries its hash."""
    return redirect(static("workplan/favicon.svg"), permanent=False)
