"""The meeting report: true as of its meeting, whole (ten sections), for its reader only, and
in files (Word, PDF) that open in a real office suite.

The story, with the change log dated as it happened (`clock.dated`): three activities recorded
in September 2023; the 20th SOMTC + Japan (10 Jun 2024) gives Viet Nam an action due 31 Dec
2024; the 9th AMMTC + Japan (20 Oct 2024) gives Indonesia one due 31 Mar 2025; the patrol
workshop is completed in July 2024; the cyber course reports 40% in August 2024. The 21st
SOMTC + Japan opens on 10 Jun 2025.
"""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from workplan.core import clock
from workplan.meetings import actions as meeting_actions
from workplan.meetings import pack
from workplan.meetings.models import Body
from workplan.plans.actions import add_indicator, update_activity
from workplan.plans.models import Activity, FundingSource
from workplan.reporting.actions import accept_update, save_update, start_update, submit_update

day = datetime.date
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
# LibreOffice reads a PDF with Draw (libreoffice-draw-nogui), which Writer and Calc lack.
DRAW = LIBREOFFICE and (Path(LIBREOFFICE).resolve().parent / "libsdlo.so").exists()
A4_POINTS = (595, 842)
AREAS = [
    "Terrorism",
    "Cybercrime",
    "Illicit drug trafficking",
    "Sea piracy",
    "Trafficking in persons",
]


def report_progress(activity, period, percent, values, *, by, reviewer):
    update = start_update(activity, period, actor=by)
    fields = {"narrative": f"{percent}% done.", "percent_complete": percent,
              "reported_status": "ongoing"}  # fmt: skip
    update = save_update(update, fields, values, expected_version=update.version, actor=by)
    return accept_update(submit_update(update, actor=by), actor=reviewer)


@pytest.fixture
def story(plan, make_activity, make_meeting, asec, idn, jpn, parties):
    """The history above; returns its records by name."""
    records = {}
    with clock.dated(day(2023, 9, 1)):
        records["patrol"] = make_activity(title="Open patrol workshop")
        records["secret"] = make_activity(
            title="Secret watch-list exchange", lead="JPN", partners=["PHL"],
            classification="restricted", planned_end=day(2026, 12, 31),
        )  # fmt: skip
        records["cyber"] = make_activity(
            title="Cyber course", area="cybercrime", classification="public",
            planned_start=day(2024, 1, 1), planned_end=day(2025, 12, 31),
            funding_source=FundingSource.objects.get(key="jaif"),
            budget_amount=Decimal(80000), budget_currency="USD",
        )  # fmt: skip
        indicator = add_indicator(
            records["cyber"], {"name": "Investigators trained", "unit": "number",
                               "baseline": 0, "target": 60}, actor=asec,
        )  # fmt: skip
    with clock.dated(day(2024, 1, 20)):
        records["cyber"] = update_activity(
            records["cyber"], {"status": "ongoing", "actual_start": day(2024, 1, 15)},
            expected_version=1, actor=asec,
        )  # fmt: skip
    with clock.dated(day(2024, 4, 1)):
        records["20th"] = make_meeting(number=20, start=day(2024, 6, 10))
    with clock.dated(day(2024, 6, 10)):
        item = meeting_actions.add_agenda_item(
            records["20th"], {"title": "Review of the work plan"}, actor=asec
        )
        meeting_actions.add_decision(item, "Viet Nam to share its list.", actor=asec)
        records["vnm_action"] = meeting_actions.add_action_item(item, {
            "text": "Share the list of trained officers", "owners": [parties["VNM"]],
            "due_date": day(2024, 12, 31)}, actor=asec)  # fmt: skip
    with clock.dated(day(2024, 7, 1)):
        update_activity(
            records["patrol"], {"status": "completed", "actual_start": day(2024, 3, 4),
                                "actual_end": day(2024, 6, 28)},
            expected_version=1, actor=asec,
        )  # fmt: skip
    with clock.dated(day(2024, 8, 5)):
        h1 = plan.periods.get(name="H1 2024")
        report_progress(records["cyber"], h1, 40, {indicator.pk: 10}, by=jpn, reviewer=asec)
    with clock.dated(day(2024, 9, 1)):
        ammtc = make_meeting(
            body=Body.objects.get(key="AMMTC+JPN"), number=9, start=day(2024, 10, 20)
        )
    with clock.dated(day(2024, 10, 20)):
        item = meeting_actions.add_agenda_item(ammtc, {"title": "Cybercrime"}, actor=asec)
        meeting_actions.add_action_item(item, {
            "text": "Host the investigators' course", "owners": [parties["IDN"]],
            "due_date": day(2025, 3, 31)}, actor=asec)  # fmt: skip
    with clock.dated(day(2025, 4, 1)):
        records["21st"] = make_meeting(number=21, start=day(2025, 6, 10))
        meeting_actions.add_agenda_item(records["21st"], {"title": "Adoption of the agenda"},
                                        actor=asec)  # fmt: skip
    return records


def text_of_docx(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def text_of_pdf(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def codes(content) -> list[str]:
    return [activity.code for activity, _changes in content.activities]


# True as of the meeting


def test_the_report_of_a_past_meeting_reads_the_same_after_the_data_changed(
    story, make_activity, asec, jpn, plan
):
    meeting = story["21st"]
    word, pdf = (pack.render_docx(pack.build(meeting, asec, today=day(2025, 7, 1))),
                 pack.render_pdf(pack.build(meeting, asec, today=day(2025, 7, 1))))  # fmt: skip

    # a year and more later: the course completed, a new activity, the action done, a rename
    cyber = Activity.objects.get(pk=story["cyber"].pk)
    update_activity(cyber, {"status": "completed", "actual_end": day(2025, 12, 20),
                            "title": "Cyber course, renamed"},
                    expected_version=cyber.version, actor=asec)  # fmt: skip
    make_activity(title="Activity recorded this week")
    action = story["vnm_action"]
    meeting_actions.update_action_item(action, {"status": "done"}, expected_version=1, actor=asec)
    later = pack.build(meeting, asec, today=day(2026, 11, 30))

    assert text_of_docx(pack.render_docx(later)) == text_of_docx(word)
    assert text_of_pdf(pack.render_pdf(later)) == text_of_pdf(pdf)
    assert "Activity recorded this week" not in text_of_docx(word)
    assert "Cyber course, renamed" not in text_of_pdf(pdf)


def test_nothing_recorded_or_completed_after_the_cutoff_appears_as_such(story, asec):
    twentieth = pack.build(story["20th"], asec, today=day(2026, 11, 30))

    assert twentieth.cutoff == day(2024, 6, 10)
    health = {a.title: (a.status, a.health) for a, _changes in twentieth.activities}
    assert health["Open patrol workshop"] == ("planned", "at_risk")  # completed only in July
    assert twentieth.completed == []
    assert twentieth.actions == []  # the 20th's own action is decided at it, not before it
    assert "2024" not in " ".join(str(v) for _label, v in twentieth.figures)


def test_an_action_due_after_the_meeting_is_not_overdue_and_one_past_due_is(story, asec):
    twenty_first = pack.build(story["21st"], asec, today=day(2026, 11, 30))

    rows = {action.text: (overdue, action.agenda_item.meeting.body.key)
            for action, overdue, _note in twenty_first.actions}  # fmt: skip
    assert rows == {
        "Share the list of trained officers": (True, "SOMTC+JPN"),  # due 31 Dec 2024
        "Host the investigators' course": (True, "AMMTC+JPN"),  # another body's, due 31 Mar
    }
    assert [d.text for d, _follow in twenty_first.decisions] == ["Viet Nam to share its list."]


def test_a_report_made_in_japanese_lists_the_same_open_actions_and_changes(story, asec):
    english = pack.build(story["21st"], asec, today=day(2026, 11, 30))
    with translation.override("ja"):
        japanese = pack.build(story["21st"], asec, today=day(2026, 11, 30))

    assert [(a.pk, overdue) for a, overdue, _ in japanese.actions] == [
        (a.pk, overdue) for a, overdue, _ in english.actions
    ]
    assert len(japanese.actions) == 2
    assert [a.pk for a, _ in japanese.activities] == [a.pk for a, _ in english.activities]
    assert [a.pk for a in japanese.completed] == [a.pk for a in english.completed]


def test_it_names_the_real_changes_since_the_previous_meeting_of_the_body(story, asec):
    content = pack.build(story["21st"], asec)
    changes = {activity.title: changes for activity, changes in content.activities}

    assert content.previous == story["20th"]
    assert changes["Open patrol workshop"][0] == "status Planned → Completed"
    assert "progress 0% → 40%" in changes["Cyber course"]
    assert changes["Secret watch-list exchange"] == []
    assert [a.title for a in content.completed] == ["Open patrol workshop"]
    (indicator,) = content.indicators
    assert (indicator.latest, indicator.change) == ("10.00", "+10")


def test_a_report_for_the_first_meeting_of_its_body_counts_from_the_plans_start(
    story, make_meeting, asec
):
    first = make_meeting(body=Body.objects.get(key="SOMTC-WG-CYBER"), number=1,
                         start=day(2025, 3, 3))  # fmt: skip
    content = pack.build(first, asec)

    assert content.previous is None
    assert content.since == content.meeting.plan.start_date
    assert {tuple(changes) for _activity, changes in content.activities} == {("added",)}
    assert "since the plan began" in text_of_docx(pack.render_docx(content))


def test_a_report_for_a_meeting_ahead_reads_as_of_the_day_it_is_made(story, make_meeting, asec):
    ahead = make_meeting(number=22, start=day(2027, 6, 10))

    content = pack.build(ahead, asec, today=day(2026, 11, 30))

    assert (content.cutoff, content.is_ahead) == (day(2026, 11, 30), True)
    assert "still ahead" in content.state_line
    assert [a.title for a, _changes in content.activities if a.health == "completed"] == [
        "Open patrol workshop"
    ]


# What it holds


def test_it_writes_a_word_report_on_a4_with_ten_sections_and_unbroken_headers(story, asec):
    content = pack.build(story["21st"], asec)
    document = Document(io.BytesIO(pack.render_docx(content)))
    text = "\n".join(p.text for p in document.paragraphs)

    for number, section in enumerate(pack.SECTIONS, start=1):
        assert f"{number}. {section}" in text
    page = document.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml
        assert all("w:cantSplit" in row._tr.xml for row in table.rows)
        for cell in table.rows[0].cells:
            longest = max(len(word) for word in cell.text.split())
            assert cell.width.cm >= longest * 0.2, cell.text  # room for the longest word
    assert "PAGE" in document.sections[0].footer._element.xml
    assert "Adoption of the agenda" in text  # section 10


def test_it_writes_what_people_typed_tabs_line_breaks_and_markup_characters_included(story, asec):
    content = pack.build(story["21st"], asec)
    activity, _changes = next(row for row in content.activities if row[0].classification ==
                              "public")  # fmt: skip
    activity.title = "Ports & harbours <phase 2>\tpilot\r\nthen\x0bscale-up"
    document = Document(io.BytesIO(pack.render_docx(content)))

    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Ports & harbours <phase 2>\tpilot\nthenscale-up" in cells  # \x0b: not XML


def test_it_writes_a_pdf_on_a4_naming_the_meeting_and_every_area(story, asec):
    data = pack.render_pdf(pack.build(story["21st"], asec))
    reader = PdfReader(io.BytesIO(data))
    text = text_of_pdf(data)

    assert "21st SOMTC + Japan" in text
    for area in AREAS:
        assert area in text
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        A4_POINTS
    }
    assert "JAIF" in text  # funding by source


def test_the_pdf_says_what_the_word_report_says_with_the_marking_atop_every_page(story, asec):
    content = pack.build(story["21st"], asec)
    activity, _changes = next(row for row in content.activities if row[0].classification ==
                              "public")  # fmt: skip
    activity.title = "Tập huấn Đà Nẵng"  # Vietnamese: beyond Latin-1
    reader = PdfReader(io.BytesIO(pack.render_pdf(content)))
    pages = [page.extract_text() for page in reader.pages]
    text = "".join(pages)

    for number, section in enumerate(pack.SECTIONS, start=1):
        assert f"{number}. {section}" in text
    assert "Tập huấn Đà Nẵng" in text
    assert "[Restricted]" in text
    assert "Distribution. RESTRICTED." in text
    assert all(page.startswith("RESTRICTED · 21st SOMTC + Japan · as of 10 Jun 2025")
               for page in pages)  # fmt: skip
    assert pages[-1].rstrip().endswith(f"Page {len(pages)} of {len(pages)}")


def test_restricted_rows_carry_their_marking_and_the_cover_says_who_may_receive_it(
    story, asec, vnm
):
    for_asec = pack.build(story["21st"], asec)
    for_vnm = pack.build(story["21st"], vnm)

    secret = next(a for a, _c in for_asec.activities if a.title == "Secret watch-list exchange")
    assert secret.mark == "Restricted"
    assert "[Restricted]" in text_of_docx(pack.render_docx(for_asec))
    assert for_asec.audience.startswith("RESTRICTED")
    assert "Japan" in for_asec.audience
    assert "Philippines" in for_asec.audience
    assert for_vnm.audience.startswith("PLAN-INTERNAL")
    word = text_of_docx(pack.render_docx(for_vnm))
    assert "Nguyen" not in word
    assert "Prameswari" not in word


def test_a_focal_point_gets_only_what_it_may_see(story, vnm, asec):
    for_asec = pack.build(story["21st"], asec)
    for_vnm = pack.build(story["21st"], vnm)

    assert "Secret watch-list exchange" in [a.title for a, _ in for_asec.activities]
    assert "Secret watch-list exchange" not in [a.title for a, _ in for_vnm.activities]
    assert "Secret watch-list exchange" not in text_of_pdf(pack.render_pdf(for_vnm))


def test_it_shows_reporting_compliance_by_party_as_of_the_cutoff(story, asec):
    content = pack.build(story["21st"], asec)

    board = content.compliance
    assert board.as_of == day(2025, 6, 9)
    assert [p.name for p in board.periods] == ["H2 2023", "H1 2024", "H2 2024"]  # due by then
    assert "Reporting compliance by party" in text_of_docx(pack.render_docx(content))


def test_it_downloads_both_formats(client, story, vnm):
    client.force_login(vnm)
    meeting = story["21st"]
    word = client.get(reverse("meetings:meeting_pack", args=[meeting.pk, "docx"]))
    pdf = client.get(reverse("meetings:meeting_pack", args=[meeting.pk, "pdf"]))

    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("meetings:meeting_pack", args=[meeting.pk, "exe"])).status_code == 404


# In the language of the person who makes it

JAPANESE_HEADINGS = [
    "1. 概要",
    "2. 優先分野別の進捗",
    "7. 過去の会合の行動項目と決定",
    "10. 議題案",
]


def test_a_report_made_in_japanese_says_its_fixed_text_in_japanese(story, asec):
    with translation.override("ja"):
        content = pack.build(story["21st"], asec, today=day(2025, 7, 1))
        word = text_of_docx(pack.render_docx(content))
        pdf = text_of_pdf(pack.render_pdf(content))

    for text in (word, pdf):
        for heading in JAPANESE_HEADINGS:
            assert heading in text
        assert "会合報告書" in text  # the cover
        assert "2025年6月10日" in text  # the cut-off, written the Japanese way
        assert "限定。" in text  # the distribution line opens with the marking
        assert "Summary" not in text
    assert "21st SOMTC + Japan" in pdf  # names are as recorded
    assert "1 / " in pdf  # the page numbers: "1 / N ページ"


def test_a_report_made_in_english_stays_in_english_beside_one_in_japanese(story, asec):
    with translation.override("ja"):
        pack.render_pdf(pack.build(story["21st"], asec, today=day(2025, 7, 1)))
    with translation.override("en"):
        content = pack.build(story["21st"], asec, today=day(2025, 7, 1))
        pdf = text_of_pdf(pack.render_pdf(content))
        word = text_of_docx(pack.render_docx(content))

    for text in (word, pdf):
        assert "1. Summary" in text
        assert "10 Jun 2025" in text
        assert "概要" not in text
    assert pdf.startswith("RESTRICTED · 21st SOMTC + Japan · as of 10 Jun 2025")


def test_a_report_made_in_japanese_reads_the_same_when_made_again_later(story, asec):
    meeting = story["21st"]
    with translation.override("ja"):
        first = text_of_pdf(pack.render_pdf(pack.build(meeting, asec, today=day(2025, 7, 1))))
        again = text_of_pdf(pack.render_pdf(pack.build(meeting, asec, today=day(2026, 7, 1))))

    assert again == first


def test_it_refuses_a_pack_for_a_meeting_without_a_plan(make_meeting, asec):
    meeting = make_meeting(number=25, plan=None)
    with pytest.raises(ValidationError, match="Set the work plan this meeting reviews"):
        pack.build(meeting, asec)


# In a real office suite


def libreoffice_convert(source, to: str, tmp_path, *options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LIBREOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", *options,
         "--convert-to", to, "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip


@pytest.mark.skipif(not LIBREOFFICE, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_word_report_and_lays_it_out_on_a4(story, asec, tmp_path):
    source = tmp_path / "pack.docx"
    source.write_bytes(pack.render_docx(pack.build(story["21st"], asec)))

    result = libreoffice_convert(source, "pdf", tmp_path)

    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / "pack.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "21st SOMTC + Japan" in text
    assert "10. Proposed agenda" in text
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        A4_POINTS
    }


@pytest.mark.skipif(not DRAW, reason="LibreOffice Draw (libreoffice-draw-nogui) is not installed")
def test_libreoffice_opens_the_pdf_report(story, asec, tmp_path):
    source = tmp_path / "pack.pdf"
    source.write_bytes(pack.render_pdf(pack.build(story["21st"], asec)))

    result = libreoffice_convert(source, "odg", tmp_path, "--infilter=draw_pdf_import")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pack.odg").stat().st_size > 10_000
