"""The reporting workbook in the reader's language: its cover, checks and pages speak Japanese
or Bahasa Indonesia, while its column names and the values it reads stay the same in every
language, so a workbook downloaded in Japanese imports back (in any language)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from workplan.exchange.tests.sheets import row as register_row
from workplan.exchange.tests.sheets import workbook as register_workbook
from workplan.exchange.tests.test_updates_workbook import (
    NARRATIVE,
    PERCENT,
    STATUS,
    VALUE_1,
    _row_of,
    download,
    fill,
)
from workplan.exchange.updates_workbook import COVER, SHEET, headers
from workplan.plans.actions import add_indicator
from workplan.reporting.actions import save_update, start_update
from workplan.reporting.models import ProgressUpdate

JAPANESE = {"HTTP_ACCEPT_LANGUAGE": "ja"}


@pytest.fixture
def h1(plan):
    return plan.periods.get(name="H1 2024")


@pytest.fixture
def drill(make_activity, asec):
    activity = make_activity(lead="VNM", title="Port security drill")
    add_indicator(
        activity, {"name": "Officers trained", "unit": "number", "target": 40}, actor=asec
    )
    add_indicator(activity, {"name": "Manual adopted", "unit": "yes_no"}, actor=asec)
    return activity


def page(period, name="updates_workbook"):
    return reverse(f"exchange:{name}", args=[period.plan_id, period.pk, "vnm"])


def download_in_japanese(client, period, target):
    response = client.get(page(period, "updates_workbook_download"), **JAPANESE)
    assert response.status_code == 200
    target.write_bytes(b"".join(response.streaming_content))
    return target


def upload(client, period, path, **language):
    with path.open("rb") as handle:
        file = SimpleUploadedFile("filled.xlsx", handle.read())
    return client.post(page(period), {"file": file}, **language)


def test_a_workbook_downloaded_in_japanese_imports_back(client, vnm, h1, drill, tmp_path):
    client.force_login(vnm)
    path = download_in_japanese(client, h1, tmp_path / "vnm.xlsx")
    workbook = load_workbook(path)
    cover = [row[0] for row in workbook[COVER].iter_rows(values_only=True) if row[0]]
    assert "記入方法" in cover
    assert next(workbook[SHEET].iter_rows(values_only=True))[: len(headers(0))] == tuple(headers(0))
    row = _row_of(path, "Port security drill")
    typed = {NARRATIVE: "ハイフォン港で訓練を実施。", PERCENT: 60, STATUS: "Ongoing", VALUE_1: 25}
    fill(
        path,
        {(row, column): value for column, value in typed.items()} | {(row, VALUE_1 + 3): "Yes"},
    )

    preview = upload(client, h1, path, **JAPANESE)
    assert "新しい下書き 1件" in preview.content.decode()
    token = preview.context["token"]
    confirmed = client.post(page(h1, "updates_workbook_confirm"), {"token": token}, **JAPANESE)

    assert confirmed.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.narrative, update.percent_complete, update.reported_status) == (
        "ハイフォン港で訓練を実施。", 60, "ongoing"
    )  # fmt: skip
    assert sorted(update.values.values_list("indicator__name", "value")) == [
        ("Manual adopted", Decimal("1.00")), ("Officers trained", Decimal("25.00"))
    ]  # fmt: skip


def test_a_draft_downloaded_in_japanese_and_uploaded_in_english_changes_nothing(
    client, vnm, h1, drill, tmp_path
):
    draft = start_update(drill, h1, actor=vnm)
    data = {"narrative": "Planned.", "percent_complete": 10, "reported_status": "ongoing"}
    save_update(draft, data, {}, expected_version=1, actor=vnm)
    client.force_login(vnm)
    path = download_in_japanese(client, h1, tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    assert load_workbook(path)[SHEET].cell(row, STATUS).value == "Ongoing"

    preview = upload(client, h1, path, HTTP_ACCEPT_LANGUAGE="en")

    assert preview.context["report"].problems == []
    assert preview.context["report"].counts == {"create": 0, "change": 0, "unchanged": 1}


def test_a_bad_cell_is_named_in_indonesian(client, vnm, h1, drill, tmp_path):
    client.force_login(vnm)
    path = download_in_japanese(client, h1, tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    fill(path, {(row, PERCENT): 140})

    preview = upload(client, h1, path, HTTP_ACCEPT_LANGUAGE="id").content.decode()

    assert f"Baris {row}, Percent complete: 140 lebih dari 100." in preview
    assert '<html lang="id">' in preview
    assert ProgressUpdate.objects.count() == 0


def test_the_import_page_speaks_japanese(client, asec, plan):
    client.force_login(asec)
    response = client.get(reverse("exchange:activity_import", args=[plan.pk]), **JAPANESE)
    assert "<h1>Excelからの活動の取り込み</h1>" in response.content.decode()


def test_a_workbook_of_another_party_is_refused_in_japanese(client, vnm, asec, h1, drill, tmp_path):
    path = download(client, asec, h1, code="all", target=tmp_path / "all.xlsx")
    client.force_login(vnm)

    preview = upload(client, h1, path, **JAPANESE).content.decode()

    assert "このワークブックは全参加国のH1 2024分（" in preview
    assert "あなたはViet Namの報告を担当しています。" in preview
    assert ProgressUpdate.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused_in_indonesian(client, vnm, h1, drill, tmp_path):
    client.force_login(vnm)
    path = tmp_path / "notes.xlsx"
    path.write_text("Port security drill, 60%")

    preview = upload(client, h1, path, HTTP_ACCEPT_LANGUAGE="id").content.decode()

    assert "Berkas ini bukan buku kerja Excel (.xlsx)." in preview


def test_the_import_names_a_bad_cell_in_japanese_and_its_column_in_english(
    client, asec, plan, tmp_path
):
    client.force_login(asec)
    path = register_workbook(tmp_path / "register.xlsx", [register_row(lead_party="Indonesai")])
    url = reverse("exchange:activity_import", args=[plan.pk])
    with path.open("rb") as handle:
        file = SimpleUploadedFile("register.xlsx", handle.read())

    preview = client.post(url, {"file": file}, **JAPANESE).content.decode()

    assert (
        "2行目, Lead party: 「Indonesai」はこの作業計画の参加国ではありません。"
        "「Indonesia」（IDN）のことですか。"
    ) in preview


def test_the_import_page_explains_its_columns_in_indonesian(client, asec, plan):
    client.force_login(asec)
    response = client.get(
        reverse("exchange:activity_import", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="id"
    )
    assert "Nama atau kode pihak." in response.content.decode()
