"""Every error page is the app's own: the header to go elsewhere, what happened, what to do."""

from django.test import Client
from django.urls import reverse

NAVIGATION = '<nav aria-label="Main">'


def test_a_page_not_found_keeps_the_header_and_offers_a_way_on(client, plan, idn):
    client.force_login(idn)
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert NAVIGATION in page
    assert "What you can do" in page


def test_a_refusal_says_why(client, plan, idn):
    client.force_login(idn)
    response = client.get(reverse("reporting:period_create", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert NAVIGATION in page
    assert "You may not" in page
    assert "focal point of Indonesia" in page


def test_a_form_too_large_to_read_is_answered_413_with_what_to_do(client, plan, idn, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(idn)
    response = client.post(reverse("notifications:profile"), {"email": "x" * 5000})
    page = response.content.decode()
    assert response.status_code == 413
    assert NAVIGATION in page
    assert "too large to save" in page
    assert "evidence file" in page


def test_a_request_that_cannot_be_read_is_answered_400_with_the_header(client, plan, idn, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    client.force_login(idn)
    response = client.post(reverse("notifications:profile"), {f"f{n}": "x" for n in range(10)})
    page = response.content.decode()
    assert response.status_code == 400
    assert NAVIGATION in page
    assert "could not read what was sent" in page


def test_an_expired_form_is_explained(plan, idn):
    client = Client(enforce_csrf_checks=True)
    client.force_login(idn)
    response = client.post(reverse("notifications:profile"), {"email": "idn@example.org"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in page
    assert NAVIGATION in page


def test_a_server_error_keeps_the_header_and_hides_the_details(client, plan, idn, settings):
    settings.ROOT_URLCONF = "workplan.security.tests.urls_failing"
    client.raise_request_exception = False
    client.force_login(idn)
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert NAVIGATION in page
    assert "Something went wrong" in page
    assert "SELECT" not in page
