"""Choosing a language: the switcher in every header, the browser's Accept-Language, and the
account remembering the choice for e-mails and for the next browser."""

import pytest
from django.conf import settings
from django.urls import reverse

from workplan.accounts.models import User

CHOOSE = reverse("accounts:choose_language")
COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_a_page_comes_in_the_language_the_browser_asks_for(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")

    assert html_lang(response) == "ja"


@pytest.mark.django_db
def test_a_language_we_do_not_have_falls_back_to_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")

    assert html_lang(response) == "en"


@pytest.mark.django_db
def test_the_switcher_answers_with_the_same_page_in_the_chosen_language(client):
    response = client.post(CHOOSE, {"language": "id", "next": "/accounts/login/?next=/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"
    assert html_lang(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ja")) == "id"


def test_a_signed_in_official_keeps_the_choice_on_their_account(client, idn):
    client.force_login(idn)

    client.post(CHOOSE, {"language": "ja", "next": "/"})

    assert User.objects.get(pk=idn.pk).language == "ja"


def test_on_a_new_browser_the_official_reads_the_language_they_chose_before(client, idn):
    User.objects.filter(pk=idn.pk).update(language="id")
    client.force_login(idn)

    response = client.get(reverse("accounts:token_list"), HTTP_ACCEPT_LANGUAGE="ja")

    assert html_lang(response) == "id"
    assert response.cookies[COOKIE].value == "id"


@pytest.mark.django_db
def test_an_unknown_language_is_refused_and_changes_nothing(client):
    response = client.post(CHOOSE, {"language": "xx", "next": "/"})

    assert response.status_code == 400
    assert "Bahasa Indonesia" in response.content.decode()
    assert COOKIE not in response.cookies


@pytest.mark.django_db
def test_the_switcher_never_sends_the_reader_to_another_site(client):
    response = client.post(CHOOSE, {"language": "ja", "next": "https://evil.example/"})

    assert response["Location"] == "/"
