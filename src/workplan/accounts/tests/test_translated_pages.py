"""The sign-in page and the API token pages read in the reader's language."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_sign_in_page_asked_in_japanese_is_in_japanese(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>サインイン</h1>" in page
    assert "Sign in" not in page


@pytest.mark.django_db
def test_the_sign_in_page_asked_in_indonesian_is_in_indonesian(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Masuk</h1>" in page


def test_the_token_list_names_the_role_in_the_readers_language(client, idn):
    client.force_login(idn)
    page = client.get(reverse("accounts:token_list"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<h1>API トークン</h1>" in page
    assert "窓口担当者" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Work Plan Monitor keeps work plans against transnational crime"),
        ("ja", "国境を越える犯罪に対処する作業計画を"),
        ("id", "menyimpan rencana kerja untuk memberantas kejahatan lintas negara"),
    ],
)
def test_the_sign_in_page_names_no_one_plan(client, language, sentence):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert sentence in page
    assert not any(one in page for one in ("ASEAN–Japan work plan", "ASEAN・日本", "ASEAN–Jepang"))
