"""The statement pages in the reader's language, chosen by the browser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [("ja", "<h1>声明</h1>", "声明の読み込み"), ("id", "<h1>Pernyataan</h1>", "Baca pernyataan")],
)
def test_the_statement_list_reads_in_the_browsers_language(client, asec, language, heading, button):
    client.force_login(asec)

    page = client.get(reverse("statements:statement_list"), HTTP_ACCEPT_LANGUAGE=language)

    text = page.content.decode()
    assert f'<html lang="{language}"' in text
    assert heading in text
    assert button in text


def test_the_reading_page_reads_in_japanese(client, asec):
    client.force_login(asec)

    page = client.get(reverse("statements:statement_read"), HTTP_ACCEPT_LANGUAGE="ja")

    assert "<h1>声明の読み込み</h1>" in page.content.decode()
    assert "声明の本文" in page.content.decode()  # the form's label


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ja", "big.txt のサイズは 5.0 MB です。声明のファイルは 5 MB 未満にしてください。"),
        ("id", "big.txt berukuran 5,0 MB; berkas pernyataan harus lebih kecil dari 5 MB."),
    ],
)
def test_a_refused_file_is_named_in_the_readers_language(client, asec, language, message):
    client.force_login(asec)
    big = SimpleUploadedFile("big.txt", b"The 17th AMMTC. " * 312_500)

    page = client.post(
        reverse("statements:statement_read"), {"file": big}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert message in page.content.decode()
