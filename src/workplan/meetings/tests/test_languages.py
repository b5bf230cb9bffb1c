"""The meeting pages in the reader's language: Japanese and Bahasa Indonesia, chosen by the
browser, with their dates and weekdays written the reader's way."""

import datetime

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "heading", "dates"),
    [("ja", "議題", "2024年6月10日～11日"), ("id", "Agenda", "10–11 Jun 2024")],
)
def test_a_meeting_page_reads_in_the_browsers_language(
    client, asec, make_meeting, language, heading, dates
):
    meeting = make_meeting()
    client.force_login(asec)

    page = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'<html lang="{language}"' in page
    assert f'id="agenda-heading">{heading}</h2>' in page
    assert dates in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ja", ["<h1>会合</h1>", "今後の会合", "カレンダー表示"]),
        ("id", ["<h1>Pertemuan</h1>", "Akan datang", "Tampilan kalender"]),
    ],
)
def test_the_meeting_list_reads_in_the_browsers_language(client, vnm, language, words):
    client.force_login(vnm)

    page = client.get(reverse("meetings:meeting_list"), HTTP_ACCEPT_LANGUAGE=language)

    for word in words:
        assert word in page.content.decode()


@pytest.mark.parametrize(
    ("language", "month", "weekday", "day"),
    [
        ("ja", "<h1>2024年9月</h1>", ">月</th>", "2024年9月1日（日曜日）"),
        ("id", "<h1>September 2024</h1>", ">Sen</th>", "Minggu, 1 Sep 2024"),
        ("en", "<h1>September 2024</h1>", ">Mon</th>", "Sunday 1 Sep 2024"),
    ],
)
def test_the_calendar_names_its_month_and_weekdays_in_the_readers_language(
    client, vnm, action_for_vnm, language, month, weekday, day
):
    client.force_login(vnm)
    url = reverse("meetings:meeting_calendar") + "?month=2024-09"

    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert month in page
    assert weekday in page
    assert day in page
    assert action_for_vnm.due_date == datetime.date(2024, 9, 1)
