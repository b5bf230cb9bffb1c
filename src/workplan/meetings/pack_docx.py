"""The meeting pack as a Word document, laid out like a meeting paper: a cover, numbered
sections, tables whose header row repeats on each page, and page numbers in the footer.

The cover, headings and picture go through python-docx. The tables and the updates, which
grow with the plan, are written as WordprocessingML text and parsed in one go (as python-docx
itself makes a new table): adding them a cell or a run at a time through python-docx costs
about twenty times as much.
"""

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
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


# WordprocessingML written as text

# Characters XML 1.0 cannot hold; python-docx would refuse the whole document for one of them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A tab is a Word tab; a line break (however the text was typed) is a Word line break.
BREAKS = re.compile(r"(\t|\r\n|\r|\n)")


def _run(text: str, bold: bool = False) -> str:
    """A run of `text`, as python-docx's `run.text = text` writes it."""
    text = NOT_XML.sub("", text)
    pieces = BREAKS.split(text) if "\t" in text or "\n" in text or "\r" in text else [text]
    content = "".join(
        "<w:tab/>"
        if piece == "\t"
        else "<w:br/>"
        if piece in ("\r\n", "\r", "\n")
        else f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
        for piece in pieces
        if piece
    )
    return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{content}</w:r>"


def _paragraph(*runs: str, style_id: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def _append(document, xml: str) -> None:
    """Adds paragraphs and tables written as WordprocessingML at the end of the document.

    They come in wrapped in the element that declares their namespace, and are unwrapped
    once in the document: lxml moves a subtree from one document to another slowly when its
    namespace is declared outside it (a table of 300 rows: 70 ms instead of 1 ms)."""
    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")
    document.element.body.sectPr.addprevious(wrapper)  # the page setup stays last
    for block in list(wrapper):
        wrapper.addprevious(block)
    wrapper.getparent().remove(wrapper)


def _style_id(document, name: str) -> str:
    return document.styles[name].style_id


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A centred "Table Grid" table with a bold header row repeated on each page; every cell
    carries its column's width, so Word and LibreOffice lay it out alike."""
    twips = [Cm(width).twips for width in widths]

    def row(values, bold=False, header=""):
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{_paragraph(_run(text, bold))}</w:tc>"
            for width, text in zip(twips, values, strict=True)
        )
        return f"<w:tr>{header}{cells}</w:tr>"

    _append(
        document,
        "<w:tbl><w:tblPr>"
        f'<w:tblStyle w:val="{_style_id(document, "Table Grid")}"/>'
        '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
        ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
        + "</w:tblGrid>"
        + row(headers, bold=True, header='<w:trPr><w:tblHeader w:val="true"/></w:trPr>')
        + "".join(row(values) for values in rows)
        + "</w:tbl>",
    )


# The sections


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
    labels = dict(Health.choices)
    rows = [
        [
            activity.code,
            activity.title,
            activity.lead_party.code,
            labels[activity.health] if activity.health else "Cancelled",
            f"{activity.progress}%",
            ", ".join(changes) or "no change",
        ]
        for activity, changes in pack.activities
    ]
    if rows:
        _table(
            document,
            ["Code", "Activity", "Lead", "Health", "Progress", "Changed since"],
            rows,
            [3.0, 5.0, 1.4, 2.5, 2.2, 2.9],  # a code, "Not started", "Progress" on one line
        )
    else:
        document.add_paragraph("No activity to report.")


def _updates(document, pack) -> None:
    _heading(document, 3, pack)
    if not pack.updates_by_party:
        document.add_paragraph("No update was accepted in this interval.")
        return
    party_style = _style_id(document, "Heading 2")
    blocks = []
    for party, updates in pack.updates_by_party.items():
        blocks.append(_paragraph(_run(party), style_id=party_style))
        for update in updates:
            title = _run(f"{update.activity.code} {update.activity.title}", bold=True)
            status = _run(f" — {update.period}, {update.percent_complete}% complete")
            blocks.append(_paragraph(title, status))
            blocks.append(_paragraph(_run(update.narrative)))
    _append(document, "".join(blocks))


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
        headers = ["Action", "Owners", "Due", "Status", "Decided at"]
        _table(document, headers, rows, [5.8, 1.8, 3.4, 2.4, 3.6])  # "In progress" on one line
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
