"""The frame of every page (header, footer, error pages, refusals) reads in the language the
browser asks for."""

from django.urls import reverse


def test_a_page_not_found_asked_in_japanese_is_in_japanese(client, plan, idn):
    client.force_login(idn)
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>ページが見つかりません</h1>" in page
    assert ">ダッシュボード</a>" in page
    assert "時刻は UTC" in page
    assert "What you can do" not in page


def test_a_page_not_found_asked_in_indonesian_is_in_indonesian(client, plan, idn):
    client.force_login(idn)
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Halaman tidak ditemukan</h1>" in page
    assert ">Keluar</button>" in page
    assert "waktu dalam UTC" in page


def test_a_refusal_says_why_in_japanese(client, plan, idn):
    client.force_login(idn)
    response = client.get(
        reverse("reporting:period_create", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="ja"
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>この操作を行う権限がありません</h1>" in page
    assert "に報告期間を追加する権限がありません。" in page


def test_our_translation_wins_over_djangos_own_of_the_same_text(client, plan, idn):
    # Django's admin translates "Page not found" as "Laman tidak ditemukan".
    client.force_login(idn)
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Laman" not in page


def test_english_stays_the_language_of_a_browser_that_asks_for_none(client, plan, idn):
    client.force_login(idn)
    page = client.get("/no-such-page/").content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Page not found</h1>" in page


def test_the_switcher_names_each_language_in_itself_whatever_the_pages_language(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'lang="en" class="link-button">English</button>' in page
    assert 'lang="ja" class="link-button">日本語</button>' in page
    assert 'aria-current="true">Bahasa Indonesia</button>' in page
    assert "Inggris" not in page
