"""Accounts fit for government use: passwords, guessing, sessions, two-step sign-in, audit."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from workplan.security.models import SecurityEvent, UserSession
from workplan.testing.fixtures import PASSWORD

LOGIN = "/accounts/login/"
Kind = SecurityEvent.Kind


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("password", ["short-pass1", "x" * 129, "password1234"])
def test_it_refuses_passwords_that_break_the_rules(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["902834756102", "x" * 128, "lowercase only words here"])
def test_it_accepts_long_passwords_without_composition_rules(password):
    validate_password(password)


def test_it_answers_the_same_for_an_unknown_name_and_a_wrong_password(client, idn):
    unknown = sign_in(client, "nobody", "whatever-password")
    wrong = sign_in(client, "idn", "not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors


def test_it_pauses_a_name_only_from_the_address_that_guessed(client, idn):
    for _ in range(5):
        sign_in(client, "idn", "wrong-password-guess", address="203.0.113.9")
    paused = sign_in(client, "idn", address="203.0.113.9")
    assert "Too many failed sign-ins" in paused.content.decode()
    assert SecurityEvent.objects.filter(kind=Kind.LOCKOUT, username="idn").exists()
    assert sign_in(client, "idn", address="198.51.100.4").status_code == 302


def test_it_pauses_an_address_guessing_many_names(client, idn, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        sign_in(client, f"user{number}", "wrong-password-guess", address="203.0.113.7")
    assert (
        "Too many failed sign-ins" in sign_in(client, "idn", address="203.0.113.7").content.decode()
    )


def test_it_records_sign_ins_and_failures_without_secrets(client, idn):
    sign_in(client, "idn", "my-wrong-secret-guess")
    sign_in(client, "idn")
    client.post(reverse("logout"))
    kinds = list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [Kind.LOGIN_FAILED, Kind.LOGIN, Kind.LOGOUT]
    stored = " ".join(
        str(v) for v in SecurityEvent.objects.values_list("username", "user_agent", "ip")
    )
    assert "my-wrong-secret-guess" not in stored
    assert PASSWORD not in stored


def test_it_rotates_the_session_at_sign_in_and_ends_it_at_sign_out(client, idn):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    sign_in(client, "idn")
    after = client.session.session_key
    assert before != after
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=after).exists()


def test_it_ends_a_session_past_its_absolute_lifetime(client, idn, settings):
    sign_in(client, "idn")
    session = client.session
    session["signed_in_at"] = time.time() - (settings.SESSION_MAX_HOURS * 3600 + 5)
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert SecurityEvent.objects.filter(kind=Kind.SESSION_EXPIRED).exists()


def test_it_expires_idle_sessions(client, idn, settings):
    sign_in(client, "idn")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_it_lists_sessions_and_ends_one_from_another_browser(client, django_user_model, idn):
    from django.test import Client

    other = Client()
    sign_in(other, "idn", address="198.51.100.8")
    sign_in(client, "idn")
    page = client.get(reverse("security:sessions"))
    assert len(page.context["sessions"]) == 2
    far = UserSession.objects.get(ip="198.51.100.8")
    client.post(reverse("security:sessions"), {"session": far.pk})
    assert other.get("/").status_code == 302
    assert client.get("/").status_code == 302  # still signed in: redirected to the plan
    assert client.get("/").url != LOGIN


def test_it_signs_a_deactivated_user_out_everywhere(client, idn):
    sign_in(client, "idn")
    idn.is_active = False
    idn.save()
    response = client.get(reverse("reporting:my_tasks"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert SecurityEvent.objects.filter(kind=Kind.DEACTIVATED, user=idn).exists()


@pytest.fixture
def two_step_required(settings):
    settings.MFA_REQUIRED_ROLES = ["secretariat"]
    # django-otp waits longer after each wrong code; the stories here type codes quickly
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_it_makes_the_secretariat_set_up_two_step_sign_in(client, asec, two_step_required):
    sign_in(client, "asec")
    assert client.get("/").url == reverse("security:two_step")
    client.get(reverse("security:two_step"))
    response = client.post(reverse("security:two_step"), {"code": _code(asec)})
    codes = response.context["codes"]
    assert len(codes) == 10
    assert client.get("/").status_code == 302  # now on to the plan
    assert client.get("/").url != reverse("security:two_step")
    assert SecurityEvent.objects.filter(kind=Kind.MFA_ENABLED, user=asec).exists()


def test_it_asks_for_a_code_after_the_password_and_takes_a_recovery_code_once(
    client, asec, two_step_required
):
    sign_in(client, "asec")
    client.get(reverse("security:two_step"))
    codes = client.post(reverse("security:two_step"), {"code": _code(asec)}).context["codes"]
    client.post(reverse("logout"))

    assert sign_in(client, "asec").url == reverse("security:verify")
    wrong = client.post(reverse("security:verify"), {"code": "000000"})
    assert "not right" in wrong.content.decode()
    assert client.post(reverse("security:verify"), {"code": codes[0]}).status_code == 302
    assert client.get("/").url != reverse("security:two_step")
    client.post(reverse("logout"))
    sign_in(client, "asec")
    reused = client.post(reverse("security:verify"), {"code": codes[0]})
    assert "not right, or it was already used" in reused.content.decode()
    assert SecurityEvent.objects.filter(kind=Kind.MFA_FAILED).count() == 2


def test_it_keeps_two_step_on_for_the_secretariat(client, asec, two_step_required):
    sign_in(client, "asec")
    client.get(reverse("security:two_step"))
    client.post(reverse("security:two_step"), {"code": _code(asec)})
    assert client.post(reverse("security:two_step_off")).status_code == 403


def test_it_lets_a_focal_point_turn_two_step_on_and_off(client, jpn, two_step_required):
    sign_in(client, "jpn")
    client.get(reverse("security:two_step"))
    client.post(reverse("security:two_step"), {"code": _code(jpn)})
    client.post(reverse("security:two_step_off"))
    assert not TOTPDevice.objects.filter(user=jpn).exists()
    assert SecurityEvent.objects.filter(kind=Kind.MFA_DISABLED, user=jpn).exists()


def test_it_records_a_password_change(client, idn):
    sign_in(client, "idn")
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGED, user=idn).exists()


NEW_PASSWORD = "a new long passphrase"


def test_it_changes_the_password_on_the_apps_own_page(client, idn):
    sign_in(client, "idn")

    page = client.get(reverse("password_change"))

    html = page.content.decode()
    assert [t.name for t in page.templates][:2] == ["security/password_change.html", "base.html"]
    for name in ("old_password", "new_password1", "new_password2"):
        assert f'name="{name}"' in html
    assert "at least 12 characters" in html  # the validators' help
    assert "/admin/" not in html
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.templates[0].name == "security/password_change_done.html"
    assert "Your password is changed" in done.content.decode()
    assert "/admin/" not in done.content.decode()
    idn.refresh_from_db()
    assert idn.check_password(NEW_PASSWORD)
    assert client.get(reverse("security:sessions")).status_code == 200  # still signed in here


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [("not-the-password", NEW_PASSWORD, "old_password"), (PASSWORD, "short", "new_password2")],
)
def test_it_refuses_a_wrong_current_password_or_a_weak_new_one_by_field(
    client, idn, old, new, field
):
    sign_in(client, "idn")

    fields = {"old_password": old, "new_password1": new, "new_password2": new}
    response = client.post(reverse("password_change"), fields)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    idn.refresh_from_db()
    assert idn.check_password(PASSWORD)
    assert not SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGED).exists()


def test_no_template_links_to_the_django_admin():
    """Only superusers use /admin/; no page of the app sends anyone else there."""
    import re
    from pathlib import Path

    import workplan

    link = re.compile(r"""\{%\s*url\s+['"]admin:|href=["']/admin""")
    templates = Path(workplan.__file__).parent.glob("*/templates/**/*.html")
    assert [str(t) for t in templates if link.search(t.read_text())] == []


@pytest.mark.parametrize("username", ["idn", "viewer"])
def test_no_page_sends_a_non_staff_user_to_the_admin(client, plan, idn, viewer, username):
    sign_in(client, username)
    pages = [
        "/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/activities/", "/meetings/",
        reverse("password_change"), reverse("password_change_done"), "/accounts/sessions/",
        "/accounts/two-step/", "/accounts/tokens/", "/api/docs/", "/nonexistent/",
    ]  # fmt: skip
    for address in pages:
        response = client.get(address, follow=True)
        assert b"/admin/" not in response.content, address
        assert not any("/admin/" in url for url, _ in response.redirect_chain), address


def test_it_signs_out_other_browsers_when_the_password_changes(client, django_user_model, idn):
    from django.test import Client

    other = Client()
    sign_in(other, "idn", address="10.0.0.2")
    sign_in(client, "idn")
    client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert other.get(reverse("security:sessions")).url.startswith(LOGIN)
    assert client.get(reverse("security:sessions")).status_code == 200
