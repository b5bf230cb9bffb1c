"""The account security pages and their messages read in the reader's language."""

from django.urls import reverse


def test_the_sessions_page_asked_in_japanese_is_in_japanese(client, idn):
    client.force_login(idn)
    page = client.get(reverse("security:sessions"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>サインイン中の場所</h1>" in page
    assert ">2段階サインイン</a>" in page


def test_the_sessions_page_asked_in_indonesian_is_in_indonesian(client, idn):
    client.force_login(idn)
    page = client.get(reverse("security:sessions"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Tempat Anda masuk</h1>" in page


def test_ending_a_session_that_is_not_open_is_told_in_indonesian(client, idn):
    client.force_login(idn)
    response = client.post(
        reverse("security:sessions"), {"session": "999999"}, HTTP_ACCEPT_LANGUAGE="id", follow=True
    )
    assert "Sesi tersebut tidak terbuka." in response.content.decode()
