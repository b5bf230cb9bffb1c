"""Importing the activity register from Excel: the dry run says what would change, row by
row; every problem names its row and column; nothing is written unless the whole file is
good; what is exported imports back unchanged."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Max

from workplan.core import access
from workplan.core.models import ChangeLog
from workplan.core.tests.hostile_files import rewritten
from workplan.exchange.activities_import import check_file, import_file
from workplan.exchange.activity_columns import HEADERS
from workplan.exchange.tests.sheets import edit, exported, row, workbook
from workplan.parties.models import Party
from workplan.plans.actions import archive_activity
from workplan.plans.models import Activity, FundingSource


@pytest.fixture
def register(make_activity, plan):
    """Three activities with every kind of value, one with a title a spreadsheet would run."""
    jaif = FundingSource.objects.get(key="jaif")
    return [
        make_activity(
            lead="IDN", partners=["JPN", "VNM"], title="=HYPERLINK(\"http://x\")",
            description="Line one.\nLine two, with “quotes”.", funding_source=jaif,
            budget_amount=Decimal("150000.50"), budget_currency="USD", weight=2,
        ),
        make_activity(
            lead="JPN", partners=["THA"], area="cybercrime", status="completed",
            commitments=list(plan.areas.get(key="cybercrime").commitments.all()[:2]),
            actual_start=datetime.date(2024, 3, 2), actual_end=datetime.date(2024, 6, 1),
            classification="restricted", modality="joint_exercise",
        ),
        make_activity(lead="VNM", partners=[], title="-5 patrols", classification="public"),
    ]  # fmt: skip


def visible_to(user):
    return access.restrict(Activity.objects.all(), user)


def versions() -> dict[int, int]:
    return dict(Activity.objects.values_list("pk", "version"))


def problems(report) -> list[str]:
    return [str(problem) for problem in report.problems]


# Round trip


def test_it_imports_its_own_export_back_unchanged(plan, asec, register, tmp_path):
    before = versions()
    path = exported(plan, tmp_path / "register.xlsx")

    report = import_file(plan, path, actor=asec)

    assert problems(report) == []
    assert report.counts == {"create": 0, "update": 0, "unchanged": 3}
    assert versions() == before


def test_it_neutralises_formulas_in_the_export_and_reads_them_back(plan, asec, register, tmp_path):
    from openpyxl import load_workbook

    path = exported(plan, tmp_path / "register.xlsx")
    cells = [cell for line in load_workbook(path)["Activities"].iter_rows(values_only=True)
             for cell in line if isinstance(cell, str)]  # fmt: skip
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'-5 patrols" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert check_file(plan, path, actor=asec).counts["unchanged"] == 3


TRICKY_TITLES = [
    ";=7+7 workshop", "Workshop;=7+7", "Drill,+7+7", "Tabs\t=7+7", "Course;;@SUM(1)",
    "'=typed with its own apostrophe", "Port visit;'-5", "Plain; separated, text",
]  # fmt: skip


def test_it_reads_back_every_title_the_formula_guard_changed(plan, asec, make_activity, tmp_path):
    for title in TRICKY_TITLES:
        make_activity(title=title)
    path = exported(plan, tmp_path / "register.xlsx")
    before = versions()

    report = import_file(plan, path, actor=asec)

    assert problems(report) == []
    assert report.counts == {"create": 0, "update": 0, "unchanged": len(TRICKY_TITLES)}
    assert sorted(Activity.objects.values_list("title", flat=True)) == sorted(TRICKY_TITLES)
    assert versions() == before


# Preview and import


def test_it_previews_creates_and_updates_with_what_would_change(plan, asec, register, tmp_path):
    path = exported(plan, tmp_path / "register.xlsx")
    edit(path, {(3, "Planned end"): datetime.date(2024, 8, 31), (3, "Status"): "Postponed"})
    book = workbook(tmp_path / "new.xlsx", [row()])
    from openpyxl import load_workbook

    sheet_rows = list(load_workbook(book)["Activities"].iter_rows(min_row=2, values_only=True))
    combined = load_workbook(path)
    for values in sheet_rows:
        combined["Activities"].append(values)
    combined.save(path)
    before = versions()

    report = check_file(plan, path, actor=asec)

    assert problems(report) == []
    assert report.counts == {"create": 1, "update": 1, "unchanged": 2}
    update, create = report.rows
    assert (update.kind, update.code) == ("update", register[0].code)
    assert update.changes == [
        ("Planned end", "2024-06-30", "2024-08-31"),
        ("Status", "Planned", "Postponed"),
    ]
    assert (create.kind, create.row) == ("create", 5)
    assert versions() == before
    assert Activity.objects.count() == 3


def test_it_imports_all_rows_under_one_request_and_reimports_as_unchanged(
    plan, asec, register, tmp_path
):
    path = workbook(tmp_path / "new.xlsx", [row(code="SEA-2025-07"), row(title="Second")])
    report = import_file(plan, path, actor=asec)
    assert report.committed
    assert report.counts["create"] == 2
    created = Activity.objects.get(code="SEA-2025-07")
    assert created.partner_parties.count() == 2
    assert created.budget_amount == Decimal("25000.00")
    assert Activity.objects.filter(code="SEA-2025-08").exists()  # proposed after the rows named
    rows = ChangeLog.objects.filter(kind="create", content_type__model="activity")
    newest = rows.order_by("-id")[:2]
    assert len({entry.request_id for entry in newest}) == 1

    again = exported(plan, tmp_path / "again.xlsx")
    before = versions()
    assert import_file(plan, again, actor=asec).counts == {"create": 0, "update": 0, "unchanged": 5}
    assert versions() == before


# Bad files: a clear list of problems, nothing written


def test_it_refuses_a_file_that_is_not_excel(plan, asec, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_text("Code,Title\nSEA-1,Workshop\n")
    report = import_file(plan, path, actor=asec)
    assert not report.ok
    assert "not an Excel workbook (.xlsx)" in problems(report)[0]
    assert not Activity.objects.exists()


def test_it_refuses_a_workbook_that_unpacks_to_more_than_the_limit(plan, asec, tmp_path, settings):
    settings.OFFICE_UNPACKED_MAX_MB = 1
    path = workbook(tmp_path / "register.xlsx", [row()])
    padding = b"<!--" + b" " * 1_500_000 + b"-->"  # a comment after the sheet: valid XML
    path.write_bytes(
        rewritten(path.read_bytes(), "xl/worksheets/sheet1.xml", lambda x: x + padding)
    )

    report = import_file(plan, path, actor=asec)

    assert problems(report) == [
        "The file unpacks to 1.5 MB; an uploaded Word or Excel file may unpack to at most 1.0 MB. "
        "Split it into smaller files, or save it without embedded pictures and objects, and try "
        "again."
    ]
    assert not Activity.objects.exists()


def test_it_names_a_damaged_sheet_instead_of_failing(plan, asec, tmp_path):
    path = workbook(tmp_path / "register.xlsx", [row(), row(title="Second"), row(title="Third")])
    cut_in_the_last_row = lambda xml: xml[: xml.rindex(b"<row ") + 10]  # noqa: E731
    path.write_bytes(rewritten(path.read_bytes(), "xl/worksheets/sheet1.xml", cut_in_the_last_row))

    report = check_file(plan, path, actor=asec)

    assert problems(report)[-1] == (
        "The file is damaged: its rows could not be read after row 3. Open it in Excel, save it "
        "again and upload that file."
    )
    assert not Activity.objects.exists()


def test_it_names_a_missing_column(plan, asec, tmp_path):
    headers = [header for header in HEADERS if header != "Lead party"]
    path = workbook(tmp_path / "register.xlsx", [row()], headers=headers)
    report = import_file(plan, path, actor=asec)
    assert problems(report)[0].startswith("Column “Lead party” is missing.")
    assert not Activity.objects.exists()


def test_it_suggests_the_party_meant_and_the_area_meant(plan, asec, tmp_path):
    path = workbook(
        tmp_path / "register.xlsx",
        [
            row(),
            row(lead_party="Vietnam", partner_parties="Japan"),
            row(priority_area="Sea pirates"),
        ],
    )
    report = import_file(plan, path, actor=asec)
    assert problems(report) == [
        "Row 3, Lead party: 'Vietnam' is not a party of this plan; did you mean 'Viet Nam' (VNM)?",
        "Row 4, Priority area: 'Sea pirates' is not a priority area of this plan; did you mean "
        "'Sea piracy'? The areas are: Cybercrime, Illicit drug trafficking, Sea piracy, "
        "Terrorism, Trafficking in persons.",
    ]
    assert not Activity.objects.exists()


def test_it_suggests_the_party_for_an_alias_the_register_gives_it(plan, asec, tmp_path):
    Party.objects.filter(code="JPN").update(aliases=["Japanese", "Nihon"])
    report = check_file(plan, workbook(tmp_path / "register.xlsx", [row(lead_party="Nihon")]),
                        actor=asec)  # fmt: skip
    assert problems(report) == [
        "Row 2, Lead party: 'Nihon' is not a party of this plan; did you mean 'Japan' (JPN)?"
    ]


def test_it_names_unknown_values_of_every_kind(plan, asec, outsider, tmp_path):
    path = workbook(
        tmp_path / "register.xlsx",
        [row(partner_parties="Japan; Republic of Korea", modality="Seminar",
             commitments_served="Protect critical infrastructure", funding_source="JIAF",
             budget="about 5000", planned_start="31/02/2025")],
    )  # fmt: skip
    found = problems(import_file(plan, path, actor=asec))
    assert found == [
        "Row 2, Commitments served: 'Protect critical infrastructure' is a commitment of "
        "Cybercrime, not of Sea piracy.",
        "Row 2, Partner parties: 'Republic of Korea' is not a party of this plan.",
        "Row 2, Modality: 'Seminar' is not a modality. Use one of: "
        "Workshop, Training, Joint exercise, Information sharing, Study, Meeting, Other.",
        "Row 2, Planned start: '31/02/2025' is not a date; write it as 2024-03-01 or format the "
        "cell as a date.",
        "Row 2, Funding source: 'JIAF' is not a known funding source; did you mean "
        "'Japan-ASEAN Integration Fund (JAIF)'?",
        "Row 2, Budget: 'about 5000' is not an amount; type digits only, such as 25000.50.",
    ]


def test_it_names_duplicate_codes_in_the_file(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(code="SEA-2025-07"), row(code="sea-2025-07")])
    assert problems(import_file(plan, path, actor=asec)) == [
        "Row 3, Code: SEA-2025-07 is also in row 2; each code once per file."
    ]
    assert not Activity.objects.exists()


def test_it_names_dates_in_the_wrong_order(plan, asec, tmp_path):
    path = workbook(
        tmp_path / "r.xlsx",
        [row(planned_start=datetime.date(2025, 5, 1), planned_end=datetime.date(2025, 4, 1))],
    )
    assert problems(import_file(plan, path, actor=asec)) == [
        "Row 2, Planned end: The planned end must be on or after the planned start (1 May 2025)."
    ]
    assert not Activity.objects.exists()


def test_it_changes_nothing_when_one_row_of_ten_thousand_is_bad(plan, asec, register, tmp_path):
    rows = [row(code=f"SEA-2025-{n:05d}", title=f"Course {n}") for n in range(10_000)]
    rows[7_321]["Lead party"] = "Atlantis"
    path = workbook(tmp_path / "big.xlsx", rows)
    before = (versions(), ChangeLog.objects.aggregate(Max("id")))

    report = import_file(plan, path, actor=asec)

    assert problems(report) == ["Row 7323, Lead party: 'Atlantis' is not a party of this plan."]
    assert report.counts["create"] == 9_999
    assert not report.committed
    assert (versions(), ChangeLog.objects.aggregate(Max("id"))) == before


# Who may import what


def test_a_focal_point_imports_only_activities_its_party_leads(plan, idn, register, tmp_path):
    path = exported(plan, tmp_path / "register.xlsx", visible_to(idn))
    indonesia, viet_nam = 2, 3  # rows of Indonesia's export, by code
    edit(path, {(indonesia, "Title"): "Renamed by Indonesia", (viet_nam, "Title"): "Renamed"})
    assert problems(check_file(plan, path, actor=idn)) == [
        "Row 3, Code: You may change only activities led by Indonesia; this one is led by Viet Nam."
    ]
    other_lead = workbook(tmp_path / "new.xlsx", [row(lead_party="Japan", partner_parties="")])
    assert problems(check_file(plan, other_lead, actor=idn)) == [
        "Row 2, Lead party: You may import only activities led by Indonesia; this row is led "
        "by Japan."
    ]


def test_a_focal_point_may_leave_other_partys_rows_unchanged(plan, idn, register, tmp_path):
    path = exported(plan, tmp_path / "register.xlsx", visible_to(idn))
    edit(path, {(2, "Title"): "Renamed by Indonesia"})
    report = import_file(plan, path, actor=idn)
    assert problems(report) == []
    assert report.counts == {"create": 0, "update": 1, "unchanged": 1}
    assert Activity.objects.get(pk=register[0].pk).title == "Renamed by Indonesia"


def test_it_refuses_a_change_to_an_archived_activity(plan, asec, register, tmp_path):
    path = exported(plan, tmp_path / "register.xlsx")
    archive_activity(register[0], actor=asec)
    edit(path, {(3, "Title"): "Renamed"})
    assert problems(check_file(plan, path, actor=asec)) == [
        f"Row 3, Code: {register[0].code} is archived; the Secretariat must restore it first."
    ]


def test_it_does_not_reveal_an_activity_the_user_may_not_see(plan, vnm, register, tmp_path):
    hidden = register[1]  # restricted, led by Japan
    path = workbook(tmp_path / "r.xlsx", [row(code=hidden.code, lead_party="Viet Nam",
                                               partner_parties="")])  # fmt: skip
    assert problems(check_file(plan, path, actor=vnm)) == [
        f"Row 2, Code: The code {hidden.code} is used in this plan by an activity you may not "
        "see; leave the code blank for a new activity."
    ]


def test_it_refuses_a_viewer(plan, viewer, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row()])
    with pytest.raises(Exception, match="may not import"):
        check_file(plan, path, actor=viewer)
