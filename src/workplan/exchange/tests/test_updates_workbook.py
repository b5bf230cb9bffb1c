"""A party's reporting workbook: downloaded, filled in offline, uploaded back, previewed,
confirmed (all or nothing) and submitted, through the same actions as the online form."""

import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from workplan.core.models import ChangeLog
from workplan.exchange import updates_workbook
from workplan.exchange.updates_import import check_workbook, import_workbook
from workplan.exchange.updates_workbook import HIDDEN, SHEET, Scope
from workplan.plans.actions import add_indicator
from workplan.reporting.actions import save_update, start_update, submit_update
from workplan.reporting.models import ProgressUpdate

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
NARRATIVE, PERCENT, STATUS, LINKS, VALUE_1 = 10, 11, 12, 13, 16  # columns of the Updates sheet


@pytest.fixture
def h1(plan):
    return plan.periods.get(name="H1 2024")


@pytest.fixture
def owed(make_activity, asec):
    """Two activities Viet Nam leads in H1 2024 (one with two indicators), one of Indonesia."""
    first = make_activity(lead="VNM", title="Port security drill")
    add_indicator(first, {"name": "Officers trained", "unit": "number", "target": 40}, actor=asec)
    add_indicator(first, {"name": "Manual adopted", "unit": "yes_no"}, actor=asec)
    second = make_activity(lead="VNM", title="Boarding course")
    make_activity(lead="IDN", title="Indonesia's own")
    return first, second


def download(client, user, period, code="vnm", target=None):
    client.force_login(user)
    url = reverse("exchange:updates_workbook_download", args=[period.plan_id, period.pk, code])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    target.write_bytes(b"".join(response.streaming_content))
    return target


def fill(path, cells: dict, saved=None):
    """Types {(row, column): value} in the Updates sheet."""
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    for (row, column), value in cells.items():
        sheet.cell(row, column).value = value
    workbook.save(saved or path)
    return saved or path


def messages(report) -> list[str]:
    return [str(problem) for problem in report.problems]


def test_the_workbook_holds_one_row_per_update_the_party_owes(client, vnm, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")

    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert workbook.sheetnames == ["Cover", "Updates", "Download", "Lists"]
    assert workbook[HIDDEN].sheet_state == "hidden"
    assert sorted(row[2] for row in rows) == ["Boarding course", "Port security drill"]
    assert sheet.protection.sheet is True
    drill = next(r for r in range(2, 4) if sheet.cell(r, 3).value == "Port security drill")
    assert sheet.cell(drill, 3).protection.locked is True
    assert sheet.cell(drill, NARRATIVE).protection.locked is False
    assert [sheet.cell(drill, c).value for c in (14, 15)] == [
        "Officers trained",
        "Number, target 40",
    ]
    cover = [row[0] for row in workbook["Cover"].iter_rows(values_only=True)]
    assert "Progress updates owed: Viet Nam" in cover
    assert any("Updates due: 31 Jul 2024" in (line or "") for line in cover)
    assert any("Downloaded by Lan Nguyen (vnm)" in (line or "") for line in cover)
    ranges = {str(v.sqref): v.type for v in sheet.data_validations.dataValidation}
    assert ranges["K2:K3"] == "whole"
    assert ranges["L2:L3"] == "list"


def test_a_focal_point_may_not_download_another_partys_workbook(client, vnm, h1, owed):
    client.force_login(vnm)
    url = reverse("exchange:updates_workbook_download", args=[h1.plan_id, h1.pk, "idn"])
    assert client.get(url).status_code == 404
    url = reverse("exchange:updates_workbook_download", args=[h1.plan_id, h1.pk, "all"])
    assert client.get(url).status_code == 404


def test_a_viewer_of_the_party_may_not_report_with_it(client, vnm_viewer, h1, owed):
    client.force_login(vnm_viewer)
    url = reverse("exchange:updates_workbook_download", args=[h1.plan_id, h1.pk, "vnm"])
    assert client.get(url).status_code == 403


def test_an_untouched_workbook_changes_nothing(client, vnm, h1, owed, tmp_path):
    draft = start_update(owed[0], h1, actor=vnm)
    save_update(draft, {"narrative": "Begun."}, {}, expected_version=1, actor=vnm)
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")

    report = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))

    assert messages(report) == []
    assert report.conflicts == []
    assert report.counts == {"create": 0, "change": 0, "unchanged": 2}


def test_the_round_trip_writes_exactly_what_was_typed(client, vnm, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    fill(path, {(row, NARRATIVE): "Drill held in Hai Phong.\nAll ports joined.",
                (row, PERCENT): 60, (row, STATUS): "Ongoing",
                (row, LINKS): "https://example.org/report", (row, VALUE_1): 25,
                (row, VALUE_1 + 3): "Yes"})  # fmt: skip

    preview = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))
    assert messages(preview) == []
    assert preview.counts == {"create": 1, "change": 0, "unchanged": 1}
    assert ProgressUpdate.objects.count() == 0
    report = import_workbook(path, actor=vnm, scope=Scope(h1, vnm.party), expected=preview.versions)

    update = ProgressUpdate.objects.get()
    assert report.committed
    assert (update.narrative, update.percent_complete, update.reported_status, update.links) == (
        "Drill held in Hai Phong.\nAll ports joined.",
        60,
        "ongoing",
        "https://example.org/report",
    )
    assert sorted(update.values.values_list("indicator__name", "value")) == [
        ("Manual adopted", Decimal("1.00")), ("Officers trained", Decimal("25.00"))
    ]  # fmt: skip
    assert (update.party.code, update.status, update.created_by) == ("VNM", "draft", vnm)
    again = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))
    assert [c.row for c in again.conflicts] == [row]  # the same file again: its draft moved on


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({PERCENT: 140}, "Row {row}, Percent complete: 140 is above 100."),
        ({PERCENT: "about half"}, "Row {row}, Percent complete: “about half” is not a number"),
        ({STATUS: "Finished"}, "Row {row}, Reported status: “Finished” is not a status"),
        ({VALUE_1: "thirty"}, "Row {row}, Value 1 (Officers trained): “thirty” is not a number"),
        ({NARRATIVE: "=1/0"}, "Row {row}, Narrative: the cell holds a formula"),
        ({LINKS: "our website"}, "Row {row}, Links: Line 1: “our website” is not a web address"),
        ({3: "Another title"}, "Row {row}, Title: this column is read-only"),
        ({1: "SEA-2099-99"}, "Row {row}, Code: this column is read-only"),
    ],
)
def test_bad_input_names_its_row_and_column_and_changes_nothing(
    client, vnm, h1, owed, tmp_path, typed, expected
):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    other = _row_of(path, "Boarding course")
    fill(path, {(other, NARRATIVE): "Fine row."} | {(row, c): v for c, v in typed.items()})
    before = ChangeLog.objects.count()

    report = import_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))

    assert any(m.startswith(expected.format(row=row)) for m in messages(report)), messages(report)
    assert not report.committed
    assert ProgressUpdate.objects.count() == 0
    assert ChangeLog.objects.count() == before


def test_a_workbook_of_another_party_is_refused_naming_whose_and_which(
    client, vnm, idn, asec, h1, owed, tmp_path
):
    path = download(client, asec, h1, code="idn", target=tmp_path / "idn.xlsx")

    by_vnm = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))
    on_vnm_page = check_workbook(path, actor=asec, scope=Scope(h1, vnm.party))

    assert messages(by_vnm)[0].startswith("This workbook is Indonesia's for H1 2024 (")
    assert messages(by_vnm)[0].endswith(
        ", downloaded by asec on " + _today() + "); you report for Viet Nam."
    )
    assert "this page takes Viet Nam's for H1 2024" in messages(on_vnm_page)[0]


def test_a_workbook_of_another_period_is_refused(client, vnm, plan, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    h2 = plan.periods.get(name="H2 2024")

    report = check_workbook(path, actor=vnm, scope=Scope(h2, vnm.party))

    assert "This workbook is Viet Nam's for H1 2024" in messages(report)[0]
    assert "this page takes Viet Nam's for H2 2024" in messages(report)[0]


def test_a_row_submitted_online_since_the_download_is_a_conflict_never_overwritten(
    client, vnm, h1, owed, tmp_path
):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    fill(path, {(row, NARRATIVE): "From the workbook.", (row, PERCENT): 10})
    update = start_update(owed[0], h1, actor=vnm)
    data = {"narrative": "Online.", "percent_complete": 50, "reported_status": "ongoing"}
    update = save_update(update, data, {}, expected_version=1, actor=vnm)
    indicators = {i.pk: Decimal(1) for i in owed[0].indicators.all()}
    update = save_update(update, {}, indicators, expected_version=update.version, actor=vnm)
    submit_update(update, actor=vnm)

    report = import_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))

    assert [c.row for c in report.conflicts] == [row]
    assert "was submitted by Lan Nguyen since your download" in report.conflicts[0].message
    update.refresh_from_db()
    assert (update.narrative, update.status) == ("Online.", "submitted")


def test_a_macro_workbook_renamed_xlsx_is_refused(client, vnm, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)

    report = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))

    assert "holds macros" in messages(report)[0]


def test_the_secretariat_writes_and_submits_on_a_partys_behalf(client, asec, h1, owed, tmp_path):
    path = download(client, asec, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Boarding course")
    fill(path, {(row, NARRATIVE): "Sent by e-mail.", (row, PERCENT): 100,
                (row, STATUS): "Completed"})  # fmt: skip

    report = import_workbook(path, actor=asec, scope=Scope(h1, owed[1].lead_party))
    update = ProgressUpdate.objects.get()
    submit_update(update, actor=asec, on_behalf=True)

    assert report.committed
    assert update.party.code == "VNM"
    history = ChangeLog.objects.filter(object_id=update.pk).order_by("id")
    assert {row.message for row in history} >= {
        "By the Secretariat on behalf of Viet Nam",
        "Submitted for review by the Secretariat on behalf of Viet Nam",
    }


def test_the_secretariat_may_not_overwrite_a_partys_hidden_draft(
    client, asec, vnm, h1, owed, tmp_path
):
    path = download(client, asec, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Boarding course")
    fill(path, {(row, NARRATIVE): "From the Secretariat."})
    draft = start_update(owed[1], h1, actor=vnm)
    save_update(draft, {"narrative": "Viet Nam's own."}, {}, expected_version=1, actor=vnm)

    report = import_workbook(path, actor=asec, scope=Scope(h1, owed[1].lead_party))

    assert "has a draft of its own" in report.conflicts[0].message
    assert ProgressUpdate.objects.get().narrative == "Viet Nam's own."


@pytest.mark.skipif(not LIBREOFFICE, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_gives_the_same_preview(client, vnm, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    typed = {NARRATIVE: "Held in Hải Phòng.\nAll ports.", PERCENT: 60, STATUS: "Ongoing",
             VALUE_1: 12.5}  # fmt: skip
    fill(path, {(row, column): value for column, value in typed.items()})
    converted = tmp_path / "libreoffice"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(converted), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip

    ours = check_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))
    theirs = check_workbook(converted / "vnm.xlsx", actor=vnm, scope=Scope(h1, vnm.party))

    assert messages(theirs) == []
    assert theirs.counts == ours.counts
    assert [(r.row, r.code, r.kind, r.changes) for r in theirs.rows] == [
        (r.row, r.code, r.kind, r.changes) for r in ours.rows
    ]


def _today() -> str:
    from django.utils import timezone

    from workplan.core.formats import date_label

    return date_label(timezone.now().date())


def _row_of(path, title: str) -> int:
    sheet = load_workbook(path, read_only=True)[SHEET]
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if row[2] == title:
            return number
    raise AssertionError(title)


def test_the_download_and_the_preview_run_the_same_queries_at_two_sizes(
    vnm, h1, make_activity, asec, tmp_path
):
    """Queries: the periods are given; the updates owed and their states (1), the parties
    named (1), the activities with their last accepted narrative (1), their indicators (1), the
    updates and their values (2, none when there is none yet); the preview adds the period and
    the party named by the file (2), and the period's updates of the rows with their values (2).
    """
    scope, counts = Scope(h1, vnm.party), []
    for size in (2, 6):
        while ProgressUpdate.objects.count() < size:
            activity = make_activity(lead="VNM")
            add_indicator(activity, {"name": "Trained", "unit": "number"}, actor=asec)
            draft = start_update(activity, h1, actor=vnm)
            save_update(draft, {"narrative": "Begun."}, {}, expected_version=1, actor=vnm)
        with CaptureQueriesContext(connection) as download_queries:
            rows = updates_workbook.lines(scope, vnm)
            updates_workbook.write_workbook(
                tmp_path / "w.xlsx", scope, rows, user=vnm, how_to_return="Upload it."
            )
        fill(tmp_path / "w.xlsx", {(row, NARRATIVE): f"Typed {row}." for row in (2, 3)})
        with CaptureQueriesContext(connection) as preview_queries:
            report = check_workbook(tmp_path / "w.xlsx", actor=vnm, scope=scope)
        assert report.counts["change"] == 2
        counts.append((len(rows), len(download_queries), len(preview_queries)))
    assert [rows for rows, _, _ in counts] == [2, 6]
    assert [(download, preview) for _, download, preview in counts] == [(6, 10), (6, 10)]


def test_a_row_typed_below_the_others_is_refused_as_unknown(client, vnm, h1, owed, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    fill(path, {(4, 1): "SEA-2099-01", (4, NARRATIVE): "A new one."})

    report = import_workbook(path, actor=vnm, scope=Scope(h1, vnm.party))

    assert messages(report)[0].startswith("Row 4, Code: This row was not in the workbook")
    assert ProgressUpdate.objects.count() == 0


def test_the_secretariats_workbook_of_all_parties_writes_each_on_its_behalf(
    client, asec, h1, owed, tmp_path
):
    path = download(client, asec, h1, code="all", target=tmp_path / "all.xlsx")
    sheet = load_workbook(path)[SHEET]
    parties = {sheet.cell(row, 2).value: row for row in range(2, sheet.max_row + 1)}
    assert sorted(parties) == ["IDN", "VNM"]
    fill(path, {(parties["IDN"], NARRATIVE): "From Jakarta.",
                (parties["VNM"], NARRATIVE): "From Hanoi."})  # fmt: skip

    report = import_workbook(path, actor=asec, scope=Scope(h1, None))

    assert report.committed
    assert sorted(ProgressUpdate.objects.values_list("party__code", "narrative")) == [
        ("IDN", "From Jakarta."), ("VNM", "From Hanoi.")
    ]  # fmt: skip
