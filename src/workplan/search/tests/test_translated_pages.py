"""The search page and its messages read in the reader's language."""

from django.urls import reverse


def test_the_search_page_asked_in_japanese_is_in_japanese(client, idn):
    client.force_login(idn)
    page = client.get(
        reverse("search:search"), {"q": "piracy"}, HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>検索</h1>" in page
    assert "すべての語に一致するものはありません。" in page


def test_a_search_of_one_character_is_refused_in_indonesian(client, idn):
    client.force_login(idn)
    response = client.get(reverse("search:search"), {"q": "x"}, HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Pencarian</h1>" in page
    assert "Cari dengan paling sedikit 2 karakter" in page
