"""Signing in and out, changing one's password, and who may enter the admin."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.urls import reverse

from workplan.accounts.models import User
from workplan.testing.fixtures import PASSWORD

LOGIN = reverse("login")
NEW_PASSWORD = "a-fresh-passphrase-2024"


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_it_shows_the_sign_in_page(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert b"<h1>Sign in</h1>" in response.content
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_it_signs_in_and_takes_the_user_home_then_to_the_plan(client, plan, vnm):
    response = sign_in(client, "vnm")

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session[SESSION_KEY] == str(vnm.pk)

    home = client.get(response.url)

    assert home.status_code == 302
    assert home.url == plan.get_absolute_url()


def test_it_refuses_a_wrong_password_with_a_message_and_stays_signed_out(client, vnm):
    response = sign_in(client, "vnm", "not-the-password")

    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).url.startswith(LOGIN)


def test_it_signs_out_on_post_and_ends_the_session(client, vnm):
    sign_in(client, "vnm")

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == LOGIN
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).url.startswith(LOGIN)


def test_it_does_not_sign_out_on_a_plain_link(client, vnm):
    sign_in(client, "vnm")

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(vnm.pk)


def test_it_refuses_a_new_password_shorter_than_the_minimum_naming_the_minimum(client, vnm):
    client.force_login(vnm)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "abcde", "new_password2": "abcde"},
    )

    assert response.status_code == 200
    assert b"It must contain at least 12 characters." in response.content
    vnm.refresh_from_db()
    assert vnm.check_password(PASSWORD)


def test_it_changes_the_password_to_a_good_one(client, vnm):
    client.force_login(vnm)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    vnm.refresh_from_db()
    assert vnm.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(vnm.pk)  # still signed in after the change


def test_it_requires_a_party_for_a_focal_point():
    user = User(username="nobody", role=User.Role.FOCAL_POINT, party=None)

    with pytest.raises(ValidationError) as error:
        user.clean()

    assert error.value.message_dict == {"party": ["A focal point must belong to a party."]}


@pytest.mark.parametrize("role", [User.Role.SECRETARIAT, User.Role.VIEWER])
def test_it_lets_other_roles_have_no_party(role):
    User(username="nobody", role=role, party=None).clean()


def test_it_keeps_a_secretariat_officer_who_is_not_superuser_out_of_the_admin(client, asec):
    client.force_login(asec)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"


@pytest.mark.django_db
def test_it_lets_a_superuser_into_the_admin(client):
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert b"Site administration" in response.content
