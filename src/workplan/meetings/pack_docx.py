"""The meeting pack as a Word document, laid out like a meeting paper: a cover, numbered
sections, tables whose header row repeats on each page, and page numbers in the footer."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workplan.core.formats import date_label
from workplan.reporting.health import Health

ACCENT = RGBColor(0x0B, 0x3A, 0x75)


def write_docx(pack) -> bytes:
    document = Document()
    _page_setup(document)
    _cover(document, pack)
    _areas(document, pack)
    _activities(document, pack)
    _updates(document, pack)
    _actions(document, pack)
    _amendments(document, pack)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A Word field (page number), which Word and LibreOffice fill in when they lay out pages."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _cover(document, pack) -> None:
    meeting = pack.meeting
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(str(meeting))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(24), ACCENT
    for line in (
        meeting.body.name,
        meeting.dates_label,
        meeting.venue_label,
        f"Chair: {meeting.chair}" if meeting.chair else "",
        "",
        "Meeting pack",
        f"Work plan: {meeting.plan}",
        f"Progress from {date_label(pack.since)} to {date_label(pack.until)}"
        + (f" (since the {pack.previous})" if pack.previous else " (since the plan began)"),
        "",
        f"Prepared by Work Plan Monitor on {date_label(pack.prepared_on)} for {pack.prepared_for}.",
        "It contains only what that account may see.",
    ):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(document, number: int, pack) -> None:
    document.add_heading(f"{number}. {pack.sections[number - 1]}", level=1)


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float] | None = None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    if widths:  # column widths on the header row only; Word applies them to the column
        for cell, width in zip(header.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _health_text(counts: dict) -> str:
    return (
        ", ".join(
            f"{label} {counts[value]}" for value, label in Health.choices if counts.get(value)
        )
        or "—"
    )


def _areas(document, pack) -> None:
    _heading(document, 1, pack)
    rows = [
        [area.name, "—" if percent is None else f"{percent}%", _health_text(counts)]
        for area, percent, counts in pack.areas
    ]
    _table(document, ["Priority area", "Progress", "Health of its activities"], rows, [5, 2.5, 9.5])
    document.add_paragraph()
    document.add_picture(io.BytesIO(pack.chart_png), width=Cm(15))
    caption = document.add_paragraph("Figure 1. Progress by priority area (weighted, in percent).")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _activities(document, pack) -> None:
    _heading(document, 2, pack)
    rows = []
    for activity, changes in pack.activities:
        health = Health(activity.health).label if activity.health else "Cancelled"
        rows.append(
            [
                activity.code,
                activity.title,
                activity.lead_party.code,
                health,
                f"{activity.progress}%",
                ", ".join(changes) or "no change",
            ]
        )
    if rows:
        _table(
            document,
            ["Code", "Activity", "Lead", "Health", "Progress", "Changed since"],
            rows,
            [2.3, 6, 1.3, 2, 1.7, 3.7],
        )
    else:
        document.add_paragraph("No activity to report.")


def _updates(document, pack) -> None:
    _heading(document, 3, pack)
    if not pack.updates_by_party:
        document.add_paragraph("No update was accepted in this interval.")
    for party, updates in pack.updates_by_party.items():
        document.add_heading(party, level=2)
        for update in updates:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{update.activity.code} {update.activity.title}").bold = True
            paragraph.add_run(f" — {update.period}, {update.percent_complete}% complete")
            document.add_paragraph(update.narrative)


def _actions(document, pack) -> None:
    _heading(document, 4, pack)
    rows = []
    for action, is_overdue in pack.actions:
        owners = ", ".join(party.code for party in action.owners.all())
        due = date_label(action.due_on) if action.due_on else "not set"
        rows.append(
            [
                action.text,
                owners,
                due + (" — OVERDUE" if is_overdue else ""),
                action.get_status_display(),
                str(action.agenda_item.meeting),
            ]
        )
    if rows:
        _table(
            document, ["Action", "Owners", "Due", "Status", "Decided at"], rows, [6.5, 2, 3, 2, 3.5]
        )
    else:
        document.add_paragraph("No open action item.")


def _amendments(document, pack) -> None:
    _heading(document, 5, pack)
    rows = [
        [amendment.get_kind_display(), amendment.description, amendment.adopted_label]
        for amendment in pack.amendments
    ]
    if rows:
        _table(document, ["Change", "Description", "Status"], rows, [2.5, 9.5, 5])
    else:
        document.add_paragraph("No amendment is proposed.")
