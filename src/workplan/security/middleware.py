"""Session limits and required two-step sign-in, checked on every request; the headers that
keep a signed-in user's data out of shared caches and the browser's devices off."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from workplan.security import audit, mfa

OPEN_WHILE_SETTING_UP = ("/accounts/two-step/", "/accounts/logout/", "/static/")


class SessionLimitsMiddleware:
    """Ends a session past its absolute lifetime, whatever the activity; inactivity is ended
    by the session cookie's age, renewed on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._too_old(request):
            audit.record(audit.Kind.SESSION_EXPIRED, request, user=user)
            logout(request)
            messages.info(request, _("Your session has ended; please sign in again."))
            return redirect(f"{reverse('login')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _too_old(request) -> bool:
        signed_in_at = request.session.get("signed_in_at")
        limit = settings.SESSION_MAX_HOURS * 3600
        return signed_in_at is None or time.time() - signed_in_at > limit


class TwoStepRequiredMiddleware:
    """Sends an account whose role requires two-step sign-in to set it up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        must_verify = user is not None and mfa.required_for(user) and not user.is_verified()
        if must_verify and not request.path.startswith(OPEN_WHILE_SETTING_UP):
            return redirect("security:two_step")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """First in the chain, so it sees every response, static files included.

    - `Permissions-Policy` on every response: no page of ours uses the camera, microphone,
      location, payment or USB, so no script that got in may ask for them.
    - A response to a signed-in user (session, or API token: DRF sets `request.user`), or to
      a request that carries a token at all, is `private, no-store`: what their role lets them
      read must not stay in a shared cache or on a shared computer. Static files and
      signed-out answers keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self._signed_in(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        return signed_in or "HTTP_AUTHORIZATION" in request.META
