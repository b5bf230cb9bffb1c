"""`workplan import FILE.xlsx [--dry-run]`: the same checks, with a progress bar."""

import io

import pytest
from django.core.management import CommandError, call_command

from workplan.exchange.tests.sheets import row, workbook
from workplan.plans.models import Activity


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_shows_progress_and_what_it_would_do_without_saving(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(code="SEA-2025-01"), row(code="SEA-2025-02")])

    out, _ = run(str(path), "--dry-run")

    assert "Checking  [##############################]       2/2 rows" in out
    assert "Would import: 2 created, 0 updated, 0 unchanged." in out
    assert "Row 2 create SEA-2025-01" in out
    assert not Activity.objects.exists()


def test_it_imports_as_the_secretariat_by_default(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(code="SEA-2025-01")])
    out, _ = run(str(path))
    assert "Importing [" in out
    assert "Imported: 1 created, 0 updated, 0 unchanged." in out
    assert Activity.objects.get().code == "SEA-2025-01"


def test_it_lists_the_problems_and_saves_nothing(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(), row(lead_party="Vietnam")])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 3, Lead party: 'Vietnam' is not a party of this plan" in err.getvalue()
    assert not Activity.objects.exists()


def test_it_imports_as_a_named_focal_point_under_its_rules(plan, idn, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(lead_party="Japan", partner_parties="")])
    with pytest.raises(CommandError):
        call_command("import", str(path), "--user", "idn", stdout=io.StringIO(),
                     stderr=io.StringIO())  # fmt: skip
    assert not Activity.objects.exists()


def test_it_refuses_an_unknown_user(plan, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row()])
    with pytest.raises(CommandError, match="No such active user"):
        run(str(path), "--user", "nobody")
