"""The register in the reader's language: Japanese and Indonesian readers read its pages and
messages in their language, while the files it writes keep the labels every reader's file uses."""

import pytest
from django.urls import reverse

from workplan.plans.actions import update_activity
from workplan.plans.models import Activity


@pytest.mark.parametrize(
    ("language", "heading", "status"),
    [("ja", "<h1>活動</h1>", "予定"), ("id", "<h1>Kegiatan</h1>", "Direncanakan")],
)
def test_it_shows_the_register_in_the_readers_language(
    client, plan, idn, make_activity, language, heading, status
):
    make_activity()
    client.force_login(idn)
    url = reverse("plans:activity_list", args=[plan.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert status in html


def test_it_names_the_areas_of_the_plan_in_the_readers_language(client, plan, idn, make_activity):
    area = plan.areas.get(key="sea-piracy")
    area.translations = {"ja": {"name": "海賊行為"}}
    area.save()
    activity = make_activity()
    client.force_login(idn)
    html = client.get(activity.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f"{activity.code} · 海賊行為" in html


def test_it_refuses_a_plan_that_ends_before_it_starts_in_japanese(client, asec, parties):
    client.force_login(asec)
    data = {
        "title": "Test plan",
        "short_title": "Test",
        "start_date": "2025-01-01",
        "end_date": "2024-01-01",
        "parties": [parties["IDN"].pk],
    }
    response = client.post(reverse("plans:plan_create"), data, HTTP_ACCEPT_LANGUAGE="ja")
    assert "計画の終了日を開始日より前にすることはできません。" in response.content.decode()


def test_a_japanese_readers_export_keeps_the_labels_files_are_read_with(
    client, plan, idn, make_activity
):
    make_activity(status=Activity.Status.PLANNED, modality=Activity.Modality.JOINT_EXERCISE)
    client.force_login(idn)
    url = reverse("exchange:activity_export", args=[plan.pk, "csv"])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Planned" in csv
    assert "Joint exercise" in csv
    assert "予定" not in csv


@pytest.mark.parametrize(
    ("language", "title", "start"),
    [("ja", "タイトル", "予定開始日"), ("id", "Judul", "Rencana mulai")],
)
def test_an_activitys_history_names_its_fields_in_the_readers_language(
    client, idn, make_activity, language, title, start
):
    activity = make_activity(lead="IDN")
    changes = {"title": "Renamed course", "planned_start": activity.planned_start.replace(day=2)}
    update_activity(activity, changes, expected_version=1, actor=idn)
    client.force_login(idn)

    page = client.get(
        reverse("plans:activity_detail", args=[activity.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    history = page.content.decode().split('class="history"')[1]
    assert f'<th scope="row">{title}</th>' in history
    assert f'<th scope="row">{start}</th>' in history
