"""The notification list and the profile read in the reader's language."""

from django.urls import reverse


def test_the_notification_list_asked_in_japanese_is_in_japanese(client, idn):
    client.force_login(idn)
    page = client.get(
        reverse("notifications:notification_list"), HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>通知</h1>" in page
    assert "まだ通知はありません。" in page


def test_the_profile_asked_in_indonesian_is_in_indonesian(client, idn):
    client.force_login(idn)
    page = client.get(reverse("notifications:profile"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Profil Anda</h1>" in page
    assert "Kirim surel kepada saya tentang" in page
    assert "Laporan kemajuan yang diajukan untuk ditinjau" in page
