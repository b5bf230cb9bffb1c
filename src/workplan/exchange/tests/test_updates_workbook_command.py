"""`workplan import-updates FILE.xlsx [--dry-run]`: the workbook from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from workplan.exchange.tests.test_updates_workbook import (
    NARRATIVE,
    PERCENT,
    _row_of,
    download,
    fill,
)
from workplan.reporting.models import ProgressUpdate


@pytest.fixture
def filled(client, vnm, plan, make_activity, tmp_path):
    make_activity(lead="VNM", title="Port security drill")
    make_activity(lead="VNM", title="Boarding course")
    path = download(client, vnm, plan.periods.get(name="H1 2024"), target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Boarding course")
    return fill(path, {(row, NARRATIVE): "Course held.", (row, PERCENT): 100})


def test_a_dry_run_says_what_it_would_save_with_a_progress_bar_and_saves_nothing(filled, vnm):
    out = io.StringIO()
    call_command("import_updates", str(filled), "--dry-run", "--user", "vnm", stdout=out)

    assert "Checking  [##############################]       2/2 rows" in out.getvalue()
    assert "Would save for Viet Nam, H1 2024: 1 new draft(s), 0 changed, 1 unchanged." in (
        out.getvalue()
    )
    assert ProgressUpdate.objects.count() == 0


def test_it_saves_the_drafts_as_the_user_named(filled, vnm):
    out = io.StringIO()
    call_command("import_updates", str(filled), "--user", "vnm", stdout=out)

    update = ProgressUpdate.objects.get()
    assert (update.narrative, update.percent_complete, update.created_by) == (
        "Course held.", 100, vnm
    )  # fmt: skip


def test_another_partys_focal_point_is_refused_and_nothing_is_saved(filled, idn):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "import_updates", str(filled), "--user", "idn", stderr=err, stdout=io.StringIO()
        )

    assert "This workbook is Viet Nam's for H1 2024" in err.getvalue()
    assert "you report for Indonesia." in err.getvalue()
    assert ProgressUpdate.objects.count() == 0
