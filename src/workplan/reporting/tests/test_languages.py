"""Progress reporting in the reader's language: pages, messages and the review's steps in
Japanese or Bahasa Indonesia, while the record keeps the site's language."""

import datetime

import pytest
from django.urls import reverse

from workplan.core.changelog import history_of
from workplan.reporting import actions
from workplan.reporting.models import ProgressUpdate


@pytest.fixture
def draft(make_activity, plan, jpn):
    activity = make_activity(
        lead="JPN", partners=["IDN"], status="ongoing", actual_start=datetime.date(2024, 3, 2)
    )
    return actions.start_update(activity, plan.periods.get(name="H1 2024"), actor=jpn)


@pytest.mark.parametrize(
    ("language", "heading", "returned"),
    [
        ("ja", "自分のタスク", "差し戻された進捗報告はありません。"),
        ("id", "Tugas saya", "Tidak ada yang dikembalikan."),
    ],
)
def test_it_shows_my_tasks_in_the_language_the_browser_asks_for(
    client, jpn, language, heading, returned
):
    client.force_login(jpn)
    page = client.get(reverse("reporting:my_tasks"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}"' in page
    assert f"<h1>{heading}</h1>" in page
    assert returned in page


def test_it_shows_the_tracker_in_japanese(client, plan, make_activity, asec):
    make_activity(lead="JPN", partners=["IDN"], actual_start=datetime.date(2024, 3, 2))
    client.force_login(asec)
    url = reverse("reporting:tracker", args=[plan.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<h1>報告状況トラッカー</h1>" in page
    assert '<span class="badge badge-update-missing">未作成 1</span>' in page


def test_it_submits_in_japanese_and_records_the_step_in_the_sites_language(client, draft, jpn):
    client.force_login(jpn)
    data = {
        "version": draft.version, "narrative": "研修を実施しました。", "percent_complete": 40,
        "reported_status": "ongoing", "links": "", "submit": "1",
    }  # fmt: skip
    url = reverse("reporting:update_edit", args=[draft.pk])
    page = client.post(url, data, HTTP_ACCEPT_LANGUAGE="ja", follow=True).content.decode()
    assert "進捗報告を審査に提出しました。" in page
    assert "<strong>審査に提出</strong>" in page
    last = history_of(draft).order_by("timestamp", "id").last()
    assert (last.message, last.after["status"]) == ("Submitted for review", "Submitted")


def test_it_says_in_indonesian_what_is_missing_before_submitting(client, draft, jpn):
    client.force_login(jpn)
    data = {"version": draft.version, "narrative": "", "links": "", "submit": "1"}
    url = reverse("reporting:update_edit", args=[draft.pk])
    page = client.post(url, data, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Uraikan apa yang terjadi pada periode ini sebelum mengajukan." in page
    draft.refresh_from_db()
    assert draft.status == ProgressUpdate.Status.DRAFT
