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

from workplan.meetings import pack_text

ACCENT = RGBColor(0x0B, 0x3A, 0x75)


def write_docx(pack) -> bytes:
    document = Document()
    _page_setup(document, pack)
    _cover(document, pack)
    for write in (
        _summary,
        _areas,
        _compliance,
        _activities,
        _completed,
        _indicators,
        _actions,
        _amendments,
        _funding,
        _agenda,
    ):
        write(document, pack)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


A4 = (Cm(21), Cm(29.7))


def _page_setup(document, pack) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(9.5)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(pack_text.running_header(pack)).font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word's page fields, set where the reader's language puts them among the words
    words = pack_text.page_of("{PAGE}", "{NUMPAGES}")
    for index, piece in enumerate(re.split(r"\{(PAGE|NUMPAGES)\}", words)):
        if index % 2:
            _field(footer, piece)
        elif piece:
            footer.add_run(piece)


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
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(str(pack.meeting))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(24), ACCENT
    for line in pack_text.cover_lines(pack):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    distribution = document.add_paragraph()
    distribution.add_run(pack_text.distribution_lead()).bold = True
    distribution.add_run(pack.audience)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(document, number: int, pack) -> None:
    document.add_heading(pack_text.heading(pack, number), level=1)


# WordprocessingML written as text

# Characters XML 1.0 cannot hold; python-docx would refuse the whole document for one of them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A tab is a Word tab; a line break (however the text was typed) is a Word line break.
BREAKS = re.compile(r"(\t|\r\n|\r|\n)")


def _run(text: str, bold: bool = False) -> str:
    """A run of `text`, as python-docx's `run.text = text` writes it."""
    text = NOT_XML.sub("", str(text))  # a label may be a lazy translation
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


def _fitted(headers: list[str], widths: list[float]) -> list[float]:
    """The widths, each widened to hold its header's longest word on one line (bold 9 pt:
    about 0.2 cm a character, with the cell's margins), taken from the widest column."""
    needed = [max(len(word) for word in header.split()) * 0.2 + 0.35 for header in headers]
    fitted = [max(width, need) for width, need in zip(widths, needed, strict=True)]
    widest = fitted.index(max(fitted))
    fitted[widest] -= sum(fitted) - sum(widths)
    return fitted


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A centred "Table Grid" table with a bold header row repeated on each page, no row split
    across pages, and every cell carrying its column's width (wide enough for its header's
    words), so Word and LibreOffice lay it out alike."""
    twips = [Cm(width).twips for width in _fitted(headers, widths)]
    keep = "<w:cantSplit/>"

    def row(values, bold=False, header=""):
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{_paragraph(_run(text, bold))}</w:tc>"
            for width, text in zip(twips, values, strict=True)
        )
        return f"<w:tr><w:trPr>{keep}{header}</w:trPr>{cells}</w:tr>"

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
        + row(headers, bold=True, header='<w:tblHeader w:val="true"/>')
        + "".join(row(values) for values in rows)
        + "</w:tbl>",
    )


# The sections


def _table_text(document, table: pack_text.TableText) -> None:
    if table.rows or not table.empty:
        _table(document, table.headers, table.rows, table.widths)
    else:
        document.add_paragraph(table.empty)


def _summary(document, pack) -> None:
    _heading(document, 1, pack)
    _table_text(document, pack_text.figures(pack))
    document.add_heading(pack_text.top_risks_heading(), level=2)
    _table_text(document, pack_text.top_risks(pack))
    document.add_heading(pack_text.decisions_needed_heading(), level=2)
    for line in pack_text.decisions_needed(pack):
        document.add_paragraph(line, style="List Bullet" if pack.decisions_needed else None)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _areas(document, pack) -> None:
    _heading(document, 2, pack)
    _table_text(document, pack_text.areas(pack))
    document.add_paragraph()
    document.add_picture(io.BytesIO(pack.chart_png), width=Cm(15))
    caption = document.add_paragraph(pack_text.chart_caption(pack))
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _compliance(document, pack) -> None:
    _heading(document, 3, pack)
    document.add_paragraph(pack_text.compliance_intro(pack))
    if table := pack_text.compliance(pack):
        _table_text(document, table)


def _activities(document, pack) -> None:
    _heading(document, 4, pack)
    _table_text(document, pack_text.activities(pack))


def _completed(document, pack) -> None:
    _heading(document, 5, pack)
    _table_text(document, pack_text.completed(pack))


def _indicators(document, pack) -> None:
    _heading(document, 6, pack)
    _table_text(document, pack_text.indicators(pack))


def _actions(document, pack) -> None:
    _heading(document, 7, pack)
    document.add_heading(pack_text.open_actions_heading(), level=2)
    _table_text(document, pack_text.actions(pack))
    document.add_heading(pack_text.decisions_heading(), level=2)
    _table_text(document, pack_text.decisions(pack))


def _amendments(document, pack) -> None:
    _heading(document, 8, pack)
    _table_text(document, pack_text.amendments(pack))


def _funding(document, pack) -> None:
    _heading(document, 9, pack)
    _table_text(document, pack_text.funding(pack))


def _agenda(document, pack) -> None:
    _heading(document, 10, pack)
    if not pack.agenda:
        document.add_paragraph(pack_text.no_agenda())
    for item in pack.agenda:
        document.add_paragraph(item.title, style="List Number")
