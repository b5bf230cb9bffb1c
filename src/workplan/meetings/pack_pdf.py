"""The meeting pack as a PDF, laid out like the Word document (`pack_docx`) and saying the same
words (`pack_text`): a cover, ten numbered sections, tables whose header row repeats on each
page and whose rows never split across pages, the report's classification at the head of
every page and "Page N of M" at its foot.

Written with ReportLab's page layout (platypus). Table cells are plain text wrapped here to
their column's width, which ReportLab draws as lines without parsing markup: a report of 300
activities is written in a fraction of a second.

The text is set in DejaVu Sans, which holds the characters of every party's names (Vietnamese
among them) and the report's arrows and dashes: the system's copy, or else the one that
ships with matplotlib (a dependency already, for the chart); both are on disk, never fetched.
A report in Japanese is set in ReportLab's built-in Japanese CID font (HeiseiKakuGo-W5), which
PDF readers supply: DejaVu Sans has no Japanese glyphs, and no font file is needed.
"""

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import get_language
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from workplan.meetings import pack_text

REGULAR, BOLD = "PackSans", "PackSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
JAPANESE = "HeiseiKakuGo-W5"

ACCENT = colors.HexColor("#0b3a75")
RED = colors.HexColor("#a3161b")
GREY = colors.HexColor("#555555")
MARGIN = 2 * cm
FRAME_PADDING = 6  # points: platypus's frame keeps text this far inside the margins
SIZE, LEADING = 8.5, 10.5  # table text
PADDING = 3  # points, each side of a cell's text

# Characters that are no text (controls); a tab reads as a space, any line break as one.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
BREAKS = re.compile(r"\r\n|\r")


def write_pdf(pack) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN - FRAME_PADDING,  # 17 cm of text between the margins, as in Word
        rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN,
        bottomMargin=2.2 * cm,
        title=pack.title,
        author="Work Plan Monitor",
        subject=pack.audience,
        creator="Work Plan Monitor",
        invariant=True,  # the same report, the same bytes
    )
    story = _cover(pack)
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
        story += write(pack)
    page = functools.partial(_page_head, pack_text.running_header(pack), _look().regular)
    document.build(story, onFirstPage=page, onLaterPages=page, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


# Fonts and styles


@functools.cache
def _register_fonts() -> None:
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_font_path(file_name))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)  # fmt: skip


@functools.cache
def _register_japanese() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(JAPANESE))
    pdfmetrics.registerFontFamily(JAPANESE, normal=JAPANESE, bold=JAPANESE, italic=JAPANESE,
                                  boldItalic=JAPANESE)  # fmt: skip


def _font_path(file_name: str) -> Path:
    system = SYSTEM_FONTS / file_name
    if system.exists():
        return system
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / file_name


@dataclass(frozen=True)
class Look:
    """The fonts and paragraph styles of a report in one language."""

    regular: str
    bold: str
    body: ParagraphStyle
    centred: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    bullet: ParagraphStyle
    caption: ParagraphStyle


def _look() -> Look:
    """The look of a report in the reader's language."""
    return _look_of((get_language() or "en").split("-")[0] == "ja")


@functools.cache
def _look_of(japanese: bool) -> Look:
    if japanese:
        _register_japanese()
        regular = bold = JAPANESE
    else:
        _register_fonts()
        regular, bold = REGULAR, BOLD
    # Japanese runs on without spaces: its lines may break between any two characters.
    base = {"fontName": regular, "fontSize": 9.5, "leading": 12.5, "spaceAfter": 4,
            "wordWrap": "CJK" if japanese else None}  # fmt: skip

    def style(name: str, **options) -> ParagraphStyle:
        return ParagraphStyle(name, **{**base, **options})

    return Look(
        regular=regular,
        bold=bold,
        body=style("body"),
        centred=style("centred", alignment=TA_CENTER, spaceAfter=2),
        title=style(
            "title",
            fontName=bold,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            textColor=ACCENT,
            spaceAfter=14,
        ),
        heading=style(
            "heading",
            fontName=bold,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=6,
        ),
        subheading=style(
            "subheading", fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4
        ),
        bullet=style("bullet", leftIndent=14, bulletIndent=3),
        caption=style("caption", fontSize=8.5, alignment=TA_CENTER, textColor=GREY),
    )


def _clean(text: str) -> str:
    return CONTROLS.sub("", BREAKS.sub("\n", str(text))).replace("\t", " ")


def _paragraph(text: str, style=None, bold_lead: str = "", **options) -> Paragraph:
    """A paragraph of typed text (escaped: it is never markup)."""
    style = style or _look().body
    markup = escape(_clean(text)).replace("\n", "<br/>")
    if bold_lead:
        markup = f"<b>{escape(bold_lead)}</b>{markup}"
    return Paragraph(markup, style, **options)


def _heading(pack, number: int) -> list:
    # a heading is never left alone at the foot of a page
    return [CondPageBreak(4 * cm), _paragraph(pack_text.heading(pack, number), _look().heading)]


# Pages


def _page_head(running_header: str, font: str, canvas, document) -> None:
    """The classification, meeting and cut-off at the head of the page."""
    canvas.saveState()
    canvas.setFont(font, 8)
    canvas.setFillColor(GREY)
    canvas.drawRightString(A4[0] - MARGIN, A4[1] - 1.2 * cm, running_header)
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds the pages back until the last one is laid out, to write "Page N of M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held = []

    def showPage(self):  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        font, count = _look().regular, len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.setFont(font, 8)
            self.setFillColor(GREY)
            self.drawCentredString(A4[0] / 2, 1.2 * cm, pack_text.page_of(number, count))
            super().showPage()
        super().save()


# Tables


def _wrapped(text: str, font: str, width: float) -> str:
    """`text` broken into lines that fit `width` (points), at spaces where it can be, inside a
    word too long for a line."""
    lines = []
    for line in _clean(text).split("\n"):
        if pdfmetrics.stringWidth(line, font, SIZE) <= width:
            lines.append(line)
            continue
        for piece in _split_at_spaces(line, font, width):
            while pdfmetrics.stringWidth(piece, font, SIZE) > width and len(piece) > 1:
                cut = len(piece) - 1
                while cut > 1 and pdfmetrics.stringWidth(piece[:cut], font, SIZE) > width:
                    cut -= 1
                lines.append(piece[:cut])
                piece = piece[cut:]
            lines.append(piece)
    return "\n".join(lines)


def _split_at_spaces(line: str, font: str, width: float) -> list[str]:
    space = pdfmetrics.stringWidth(" ", font, SIZE)
    lines, current, used = [], [], 0.0
    for word in line.split(" "):
        size = pdfmetrics.stringWidth(word, font, SIZE)
        if current and used + space + size > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0) + size
        current.append(word)
    lines.append(" ".join(current))
    return lines


def _fitted(headers: list[str], widths: list[float], bold: str) -> list[float]:
    """The widths (points), each widened to hold its header's longest word on one line, taken
    from the widest column."""
    needed = [
        max(pdfmetrics.stringWidth(word, bold, SIZE) for word in header.split()) + 2 * PADDING + 1
        for header in headers
    ]
    fitted = [max(width, need) for width, need in zip(widths, needed, strict=True)]
    widest = fitted.index(max(fitted))
    fitted[widest] -= sum(fitted) - sum(widths)
    return fitted


def _table(table: pack_text.TableText, red=lambda text: False) -> Table:
    """A table with a bold header row repeated on each page; rows never split across pages.
    Cells for which `red` holds are set in bold red."""
    look = _look()
    regular, bold = look.regular, look.bold
    widths = _fitted(table.headers, [width * cm for width in table.widths], bold)
    room = [width - 2 * PADDING for width in widths]
    data = [[_wrapped(text, bold, space) for text, space in zip(table.headers, room, strict=True)]]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
    ]
    for number, values in enumerate(table.rows, start=1):
        row = []
        for column, (text, space) in enumerate(zip(values, room, strict=True)):
            if red(text):
                commands += [("FONTNAME", (column, number), (column, number), bold),
                             ("TEXTCOLOR", (column, number), (column, number), RED)]  # fmt: skip
                row.append(_wrapped(text, bold, space))
            else:
                row.append(_wrapped(text, regular, space))
        data.append(row)
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        splitByRow=1,
        splitInRow=0,
        style=TableStyle(commands),
        hAlign="CENTER",
        spaceBefore=2,
        spaceAfter=8,
    )


def _table_or(table: pack_text.TableText, red=lambda text: False) -> list:
    if table.rows or not table.empty:
        return [_table(table, red)]
    return [_paragraph(table.empty)]


# The cover and the sections


def _cover(pack) -> list:
    look = _look()
    story = [Spacer(1, 3 * cm), _paragraph(str(pack.meeting), look.title)]
    for line in pack_text.cover_lines(pack):
        story.append(_paragraph(line, look.centred) if line else Spacer(1, 10))
    lead = pack_text.distribution_lead()
    box = Table([[_paragraph(pack.audience, look.body, bold_lead=lead)]],
                colWidths=[14 * cm], hAlign="CENTER")  # fmt: skip
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))  # fmt: skip
    return [*story, Spacer(1, 1 * cm), box, PageBreak()]


def _summary(pack) -> list:
    look = _look()
    story = [*_heading(pack, 1), *_table_or(pack_text.figures(pack))]
    story += [_paragraph(pack_text.top_risks_heading(), look.subheading),
              *_table_or(pack_text.top_risks(pack))]  # fmt: skip
    story.append(_paragraph(pack_text.decisions_needed_heading(), look.subheading))
    for line in pack_text.decisions_needed(pack):
        if pack.decisions_needed:
            story.append(_paragraph(line, look.bullet, bulletText="•"))
        else:
            story.append(_paragraph(line))
    return [*story, PageBreak()]


def _areas(pack) -> list:
    story = [*_heading(pack, 2), *_table_or(pack_text.areas(pack))]
    if pack.chart_png:
        chart = ImageReader(io.BytesIO(pack.chart_png))
        width, height = chart.getSize()
        story.append(Image(io.BytesIO(pack.chart_png), width=15 * cm,
                           height=15 * cm * height / width))  # fmt: skip
    return [*story, Spacer(1, 4), _paragraph(pack_text.chart_caption(pack), _look().caption)]


def _compliance(pack) -> list:
    story = [*_heading(pack, 3), _paragraph(pack_text.compliance_intro(pack))]
    if table := pack_text.compliance(pack):
        story.append(_table(table, red=pack_text.has_overdue))
    return story


def _activities(pack) -> list:
    return [*_heading(pack, 4), *_table_or(pack_text.activities(pack))]


def _completed(pack) -> list:
    return [*_heading(pack, 5), *_table_or(pack_text.completed(pack))]


def _indicators(pack) -> list:
    return [*_heading(pack, 6), *_table_or(pack_text.indicators(pack))]


def _actions(pack) -> list:
    mark, subheading = pack_text.overdue_mark(), _look().subheading
    return [
        *_heading(pack, 7),
        _paragraph(pack_text.open_actions_heading(), subheading),
        *_table_or(pack_text.actions(pack), red=lambda text: text.endswith(mark)),
        _paragraph(pack_text.decisions_heading(), subheading),
        *_table_or(pack_text.decisions(pack)),
    ]


def _amendments(pack) -> list:
    return [*_heading(pack, 8), *_table_or(pack_text.amendments(pack))]


def _funding(pack) -> list:
    return [*_heading(pack, 9), *_table_or(pack_text.funding(pack))]


def _agenda(pack) -> list:
    if not pack.agenda:
        return [*_heading(pack, 10), _paragraph(pack_text.no_agenda())]
    items = [
        _paragraph(item.title, _look().bullet, bulletText=f"{number}.")
        for number, item in enumerate(pack.agenda, start=1)
    ]
    return [*_heading(pack, 10), *items]
