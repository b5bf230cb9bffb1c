"""The meeting pack: a Word file and a PDF that open, follow a meeting paper's structure and
hold only what the requesting user may see."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from workplan.core.models import ChangeLog
from workplan.meetings import pack
from workplan.plans.actions import update_activity

AREAS = [
    "Terrorism",
    "Cybercrime",
    "Illicit drug trafficking",
    "Sea piracy",
    "Trafficking in persons",
]


@pytest.fixture
def meeting_with_work(make_meeting, make_activity, action_for_vnm, asec):
    make_activity(title="Open patrol workshop", classification="internal")
    make_activity(
        title="Secret watch-list exchange",
        lead="JPN",
        partners=["PHL"],
        classification="restricted",
    )
    return make_meeting(number=21, start=datetime.date(2025, 6, 10))


def test_it_writes_a_word_pack_with_numbered_sections_and_repeated_headers(meeting_with_work, asec):
    content = pack.build(meeting_with_work, asec)
    document = Document(io.BytesIO(pack.render_docx(content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "21st SOMTC + Japan" in text
    for number, section in enumerate(pack.SECTIONS, start=1):
        assert f"{number}. {section}" in text
    header_rows = [t.rows[0]._tr.xml for t in document.tables]
    assert all("w:tblHeader" in xml for xml in header_rows)
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer


def test_it_writes_what_people_typed_tabs_line_breaks_and_markup_characters_included(
    meeting_with_work, asec
):
    content = pack.build(meeting_with_work, asec)
    activity, _changes = content.activities[0]
    activity.title = "Ports & harbours <phase 2>\tpilot\r\nthen\x0bscale-up"
    document = Document(io.BytesIO(pack.render_docx(content)))
    cell = document.tables[1].rows[1].cells[1]
    assert cell.text == "Ports & harbours <phase 2>\tpilot\nthenscale-up"  # \x0b: not XML
    assert [run.bold for run in document.tables[1].rows[0].cells[1].paragraphs[0].runs] == [True]


def test_it_writes_a_pdf_naming_the_meeting_and_every_area(meeting_with_work, asec):
    content = pack.build(meeting_with_work, asec)
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pack.render_pdf(content))).pages
    )
    assert "21st SOMTC + Japan" in text
    for area in AREAS:
        assert area in text
    assert "Share the list of trained" in text  # the table cell wraps the rest


def test_it_leaves_out_what_the_user_may_not_see(meeting_with_work, asec, vnm):
    for_asec = pack.build(meeting_with_work, asec)
    for_vnm = pack.build(meeting_with_work, vnm)
    assert "Secret watch-list exchange" in [a.title for a, _ in for_asec.activities]
    assert "Secret watch-list exchange" not in [a.title for a, _ in for_vnm.activities]


def test_it_lists_changes_since_the_previous_meeting_and_open_actions(meeting_with_work, asec):
    content = pack.build(meeting_with_work, asec)
    assert str(content.previous) == "20th SOMTC + Japan"
    assert [action.text for action, _overdue in content.actions] == [
        "Share the list of trained officers"
    ]
    assert content.actions[0][1] is True  # due 1 Sep 2024, open: overdue


def test_it_counts_each_areas_activities_by_health_leaving_cancelled_ones_out(
    make_meeting, make_activity, asec
):
    make_activity(
        title="Finished drill",
        status="completed",
        actual_start=datetime.date(2024, 3, 1),
        actual_end=datetime.date(2024, 6, 1),
    )
    make_activity(title="Late workshop")  # planned to end on 30 Jun 2024, not completed: delayed
    make_activity(title="Dropped workshop", status="cancelled")
    make_activity(title="Cyber course", area="cybercrime", planned_end=datetime.date(2027, 12, 31))
    meeting = make_meeting(number=21, start=datetime.date(2025, 6, 10))
    counts = {
        area.name: counts
        for area, _percent, counts in pack.build(meeting, asec, today=meeting.start_date).areas
    }
    assert counts["Sea piracy"] == {"completed": 1, "delayed": 1}
    assert counts["Cybercrime"] == {"at_risk": 1}  # started on paper, not in fact
    assert counts["Terrorism"] == {}


def test_it_names_what_changed_from_the_previous_meetings_first_day_to_the_days_before_this_one(
    make_meeting, make_activity, asec
):
    activity = make_activity(title="Open patrol workshop")
    update_activity(activity, {"title": "Open patrol course"}, expected_version=1, actor=asec)
    update_activity(activity, {"description": "Two days."}, expected_version=2, actor=asec)
    added, retitled, described = ChangeLog.objects.filter(
        content_type__model="activity", object_id=activity.pk
    )
    for entry, moment in (
        (added, "2024-06-09 23:59"),  # the day before the 20th SOMTC + Japan
        (retitled, "2024-06-10 00:00"),  # its first day
        (described, "2025-06-10 00:00"),  # the 21st's first day: for the next pack
    ):
        entry.timestamp = datetime.datetime.fromisoformat(f"{moment}+00:00")
        entry.save()
    make_meeting(number=20, start=datetime.date(2024, 6, 10))
    meeting = make_meeting(number=21, start=datetime.date(2025, 6, 10))
    assert [changes for _activity, changes in pack.build(meeting, asec).activities] == [["title"]]


def test_it_downloads_both_formats(client, meeting_with_work, vnm):
    client.force_login(vnm)
    word = client.get(reverse("meetings:meeting_pack", args=[meeting_with_work.pk, "docx"]))
    pdf = client.get(reverse("meetings:meeting_pack", args=[meeting_with_work.pk, "pdf"]))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert pdf.content.startswith(b"%PDF")
    assert (
        client.get(reverse("meetings:meeting_pack", args=[meeting_with_work.pk, "exe"])).status_code
        == 404
    )


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_word_pack_to_pdf(meeting_with_work, asec, tmp_path):
    source = tmp_path / "pack.docx"
    source.write_bytes(pack.render_docx(pack.build(meeting_with_work, asec)))
    result = subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "pack.pdf").pages)
    assert "21st SOMTC + Japan" in text


def test_it_refuses_a_pack_for_a_meeting_without_a_plan(make_meeting, asec):
    meeting = make_meeting(number=25, plan=None)
    with pytest.raises(ValidationError, match="Set the work plan this meeting reviews"):
        pack.build(meeting, asec)
