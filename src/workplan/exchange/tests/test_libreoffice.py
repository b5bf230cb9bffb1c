"""A register exported by us, opened and saved by LibreOffice, imports back unchanged."""

import shutil
import subprocess

import pytest

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
