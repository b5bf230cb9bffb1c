"""Signing in (password, then a two-step code when set up), two-step set-up, and sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from workplan.security import audit, mfa
from workplan.security.forms import CodeForm, ThrottledAuthenticationForm
from workplan.security.models import UserSession

Kind = audit.Kind
PENDING = "two_step_pending"
PENDING_SECONDS = 300
CODE_TRIES = 5


class SignInView(auth_views.LoginView):
    """The password step; an account with two-step sign-in goes on to the code step."""

    form_class = ThrottledAuthenticationForm

    def form_valid(self, form):
        user = form.get_user()
        if not mfa.has_two_step(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "tries": 0,
            "next": self.get_redirect_url(),
        }
        return redirect("security:verify")


def verify(request):
    """The code step: the session holds who passed the password step, for five minutes."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.error(request, _("Sign in again: the two-step sign-in took too long."))
        return redirect("login")
    user = get_user_model().objects.get(pk=pending["user"])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = mfa.wait_seconds(mfa.authenticators(user))
        device = None if wait else mfa.verify(user, form.cleaned_data["code"])
        if device is not None:
            return _finish_sign_in(request, user, device, pending)
        audit.record(Kind.MFA_FAILED, request, user=user)
        pending["tries"] += 1
        request.session[PENDING] = pending
        if pending["tries"] >= CODE_TRIES:
            request.session.pop(PENDING, None)
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("login")
        form.add_error(
            "code", _too_soon(wait) or _("This code is not right, or it was already used.")
        )
    return render(request, "security/verify.html", {"form": form})


def _finish_sign_in(request, user, device, pending):
    request.session.pop(PENDING, None)
    login(request, user, backend=pending["backend"])
    otp_login(request, device)
    target = pending.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = settings.LOGIN_REDIRECT_URL
    return redirect(target or settings.LOGIN_REDIRECT_URL)


def _show_recovery_codes(request, codes):
    """The codes, once, with ways to keep them: download, copy, print."""
    heading = _("Work Plan Monitor recovery codes for %(username)s") % {
        "username": request.user.username
    }
    text = "{}\r\n{}\r\n".format(heading, "\r\n".join(codes))
    return render(request, "security/recovery_codes.html", {"codes": codes, "codes_text": text})


def _too_soon(wait: int) -> str:
    """What happened when a code came too soon after a wrong one (it was not even checked)."""
    if not wait:
        return ""
    return ngettext(
        "Too soon after a wrong code: this code was not checked. Wait %(seconds)s second, "
        "then type the code your app shows now.",
        "Too soon after a wrong code: this code was not checked. Wait %(seconds)s seconds, "
        "then type the code your app shows now.",
        wait,
    ) % {"seconds": wait}


class PasswordChangeView(auth_views.PasswordChangeView):
    """The app's own page (the admin's same-named template would otherwise win, and link to
    /admin/); Django signs out the browsers that used the old password."""

    template_name = "security/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(Kind.PASSWORD_CHANGED, self.request, user=self.request.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "security/password_change_done.html"


@login_required
def two_step(request):
    """Turns two-step sign-in on (scan, confirm with a code, receive recovery codes)."""
    user = request.user
    if mfa.has_two_step(user):
        context = {
            "remaining": mfa.remaining_recovery_codes(user),
            "required": mfa.required_for(user),
        }
        return render(request, "security/two_step_on.html", context)
    device = mfa.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    wait = mfa.wait_seconds([device]) if request.method == "POST" else 0
    if request.method == "POST" and form.is_valid() and wait:
        form.add_error("code", _too_soon(wait))
    elif request.method == "POST" and form.is_valid():
        if mfa.confirm(device, form.cleaned_data["code"]):
            codes = mfa.new_recovery_codes(user)
            otp_login(request, device)
            audit.record(Kind.MFA_ENABLED, request, user=user)
            return _show_recovery_codes(request, codes)
        form.add_error(
            "code",
            _(
                "This code is not right. Type the six digits your app shows now for Work Plan "
                "Monitor; if the right code keeps failing, set your phone's clock to automatic."
            ),
        )
    context = {"form": form, "qr": mfa.qr_svg(device), "key": device.bin_key.hex(),
               "base32": _base32(device), "required": mfa.required_for(user)}  # fmt: skip
    return render(request, "security/two_step_setup.html", context)


@require_POST
@login_required
def recovery_codes(request):
    codes = mfa.new_recovery_codes(request.user)
    audit.record(Kind.RECOVERY_CODES, request, user=request.user)
    return _show_recovery_codes(request, codes)


@require_POST
@login_required
def two_step_off(request):
    if mfa.required_for(request.user):
        raise PermissionDenied(_("Two-step sign-in is required for your role."))
    mfa.turn_off(request.user)
    audit.record(Kind.MFA_DISABLED, request, user=request.user)
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("security:two_step")


@login_required
def sessions(request):
    """Where the user is signed in; each session can be ended."""
    if request.method == "POST":
        _end_session(request, request.POST.get("session", ""))
        return redirect("security:sessions")
    rows = UserSession.objects.filter(user=request.user, ended_at__isnull=True)
    context = {"sessions": rows, "current": request.session.session_key}
    return render(request, "security/sessions.html", context)


def _end_session(request, pk: str) -> None:
    session = UserSession.objects.filter(user=request.user, pk=pk if pk.isdigit() else 0).first()
    if session is None:
        messages.error(request, _("That session is not open."))
        return
    audit.end_session(session)
    audit.record(Kind.SESSION_ENDED, request, user=request.user)
    messages.success(request, _("That session is ended: its browser is signed out."))


def _base32(device) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")
