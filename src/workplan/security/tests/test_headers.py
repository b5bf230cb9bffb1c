"""Headers, cookies and error pages, and a production mode that Django's deploy check passes."""

import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.accounts.actions import create_token
from workplan.reporting.actions import add_evidence, start_update


def test_it_sends_a_content_security_policy_without_inline_script(client, idn):
    client.force_login(idn)
    policy = client.get("/", follow=True)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_it_sends_the_protective_headers_on_every_page(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def _signed_in_addresses(plan, activity, evidence) -> list[str]:
    return [
        "/",
        f"/plans/{plan.pk}/activities/",
        f"/activities/{activity.pk}/",
        f"/plans/{plan.pk}/activities/export.csv",
        f"/plans/{plan.pk}/activities/export.xlsx",
        "/updates/export.json",
        evidence.get_absolute_url(),
        reverse("password_change"),
        reverse("api:schema"),
        f"/api/activities/{activity.pk}/",
        "/nonexistent/",
    ]


@pytest.fixture
def evidence(make_activity, plan, idn):
    activity = make_activity(lead="IDN")
    update = start_update(activity, plan.periods.first(), actor=idn)
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    return add_evidence(update, upload, actor=idn)


def test_it_keeps_what_a_signed_in_user_reads_out_of_shared_caches(client, plan, idn, evidence):
    client.force_login(idn)
    for address in _signed_in_addresses(plan, evidence.update.activity, evidence):
        response = client.get(address)
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control, (address, response.status_code, cache_control)
        assert "private" in cache_control, address
        assert "public" not in cache_control, address


def test_it_keeps_what_an_api_token_reads_out_of_shared_caches(idn, make_activity):
    activity = make_activity(lead="IDN")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {create_token(idn, 'MIS', actor=idn)[1]}")
    for address in ("/api/plans/", f"/api/activities/{activity.pk}/", "/api/nonexistent/"):
        assert "no-store" in client.get(address)["Cache-Control"], address


def test_it_lets_static_files_and_signed_out_answers_be_cached_as_usual(client, plan):
    static = client.get("/static/workplan/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    assert "no-store" not in client.get("/favicon.ico").get("Cache-Control", "")
    assert "no-store" not in client.get("/nonexistent/").get("Cache-Control", "")


def test_it_sends_a_permissions_policy_on_every_response(client, idn, plan):
    addresses = ["/accounts/login/", "/static/workplan/app.css", "/api/plans/", "/nonexistent/"]
    responses = [client.get(address) for address in addresses]
    client.force_login(idn)
    responses.append(client.get("/"))
    for address, response in zip([*addresses, "/"], responses, strict=True):
        policy = dict(
            part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert policy[feature] == "()", (address, feature)


def test_it_keeps_cookies_from_scripts_and_other_sites(client, settings):
    response = client.get(reverse("login"))
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY


def test_it_shows_a_plain_error_page_without_trace_or_paths(client, settings):
    settings.ROOT_URLCONF = "workplan.security.tests.urls_failing"
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page
    for leak in ("Traceback", "SELECT", "/srv/", "settings.py", "RuntimeError"):
        assert leak not in page


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="once is enough"
)
def test_the_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "WORKPLAN_PRODUCTION": "true",
        "WORKPLAN_SECRET_KEY": "k" * 30 + "-production-secret-" + "z" * 30,
        "WORKPLAN_DATA_DIR": str(tmp_path),
        "WORKPLAN_ALLOWED_HOSTS": "workplan.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "workplan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_carry_the_host_prefix_and_secure_flag(tmp_path):
    names = [
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
    ]
    code = f"from django.conf import settings as s; print({', '.join('s.' + n for n in names)})"
    env = {
        **os.environ,
        "WORKPLAN_PRODUCTION": "true",
        "WORKPLAN_SECRET_KEY": "x" * 60,
        "WORKPLAN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "workplan.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "31536000",
    ]
