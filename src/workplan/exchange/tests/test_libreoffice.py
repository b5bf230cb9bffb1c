"""Our files in a real office suite: a register exported by us, opened and saved by LibreOffice,
imports back unchanged; our CSV, read with any common separator, holds no formula."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workplan.exchange.activities_import import import_file
from workplan.exchange.tests.sheets import exported
from workplan.plans.models import Activity

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(not LIBREOFFICE, reason="LibreOffice is not installed")


def test_it_imports_a_file_libreoffice_saved_unchanged(plan, asec, make_activity, tmp_path):
    make_activity(lead="IDN", partners=["JPN", "VNM"], title="=SUM(1,2)", budget_amount=1200,
                  budget_currency="USD", description="Two lines.\nThe second.")  # fmt: skip
    make_activity(lead="JPN", partners=["THA"], area="cybercrime", status="postponed")
    ours = exported(plan, tmp_path / "ours.xlsx")
    saved_by_libreoffice = tmp_path / "libreoffice"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(saved_by_libreoffice), str(ours)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    before = dict(Activity.objects.values_list("pk", "version"))

    report = import_file(plan, saved_by_libreoffice / "ours.xlsx", actor=asec)

    assert [str(problem) for problem in report.problems] == []
    assert report.counts == {"create": 0, "update": 0, "unchanged": 2}
    assert dict(Activity.objects.values_list("pk", "version")) == before


SEPARATORS = {"comma": 44, "semicolon": 59, "tab": 9}


@pytest.mark.parametrize("separator", SEPARATORS)
def test_libreoffice_finds_no_formula_in_our_csv_whatever_the_separator(
    client, plan, asec, make_activity, tmp_path, separator
):
    for title in ["=7+7", ";=7+7", "Workshop;=7+7", "Drill,=7+7", "Tabs\t=7+7", "+7+7",
                  "-7+7", "@SUM(7)", "Course;;=7+7;+7+7"]:  # fmt: skip
        make_activity(title=title, description="=7+7")
    client.force_login(asec)
    response = client.get(reverse("exchange:activity_export", args=[plan.pk, "csv"]))
    ours = tmp_path / "ours.csv"
    ours.write_bytes(b"".join(response.streaming_content))
    read_by_libreoffice = tmp_path / "libreoffice"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         f"--infilter=CSV:{SEPARATORS[separator]},34,76,1", "--convert-to", "xlsx",
         "--outdir", str(read_by_libreoffice), str(ours)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip

    sheet = load_workbook(read_by_libreoffice / "ours.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]

    assert sheet.max_row == 1 + 9  # the headers and every activity were read
    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in cells if cell.value == 14] == []
