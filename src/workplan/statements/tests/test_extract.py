"""The text of a statement file, judged by its content: plain text, Word or PDF."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from workplan.statements.extract import normalise, text_of_file


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def word_file(*paragraphs, table=None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_file(lines: list[str], padding: int = 0) -> bytes:
    """A one-page PDF with these lines of text, written by hand (no PDF library writes text)."""
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(
        f"({line}) '" for line in lines
    ) + " ET"  # fmt: skip
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {padding} >>\nstream\n{'0' * padding}\nendstream",  # an image, say
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out + trailer.encode()


def refusal(file) -> str:
    with pytest.raises(ValidationError) as error:
        text_of_file(file)
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"The 17th AMMTC in Labuan Bajo.", "The 17th AMMTC in Labuan Bajo."),
        ("Viet Nam – Hà Nội".encode("utf-8-sig"), "Viet Nam – Hà Nội"),
        ("Viet Nam – Hanoi".encode("utf-16"), "Viet Nam – Hanoi"),
        ("Caf\u00e9 \u2013 Hanoi".encode("cp1252"), "Café – Hanoi"),
        (b"line one\r\nline two\r\n", "line one\nline two\n"),
    ],
)
def test_it_reads_plain_text_in_the_usual_encodings(content, expected):
    assert text_of_file(upload("statement.txt", content)) == expected


def test_it_reads_the_paragraphs_and_tables_of_a_word_file():
    table = [["Meeting", "Date"], ["19th SOMTC + Japan", "June 2023"]]
    content = word_file("The 17th AMMTC was held.", "In Labuan Bajo.", table=table)
    text = text_of_file(upload("statement.docx", content))
    assert text.splitlines() == [
        "The 17th AMMTC was held.", "In Labuan Bajo.", "Meeting | Date",
        "19th SOMTC + Japan | June 2023",
    ]  # fmt: skip


def test_it_reads_the_text_of_a_pdf_file():
    content = pdf_file(["The 17th AMMTC was held in Labuan Bajo", "from 20 to 23 August 2023."])
    text = text_of_file(upload("statement.pdf", content))
    assert "17th AMMTC was held in Labuan Bajo" in text
    assert "23 August 2023" in text


def test_it_judges_a_file_by_its_content_not_its_name():
    content = word_file("The 17th AMMTC was held.")
    assert text_of_file(upload("statement.txt", content)) == "The 17th AMMTC was held."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01",
         "photo.jpg is not a text (.txt), Word (.docx) or PDF file (judged by its content)."),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
         "setup.exe is not a text (.txt), Word (.docx) or PDF file (judged by its content)."),
        ("sheet.xlsx", b"PK\x03\x04 not really an archive",
         "sheet.xlsx is not a text (.txt), Word (.docx) or PDF file (judged by its content)."),
        ("broken.pdf", b"%PDF-1.4\nnothing else", "broken.pdf could not be read as a PDF file."),
        ("empty.txt", b"", "empty.txt is empty."),
        ("blank.txt", b"  \n\n  ", "blank.txt has no text to read"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32),
         "old.doc is an old Word (.doc) file: save it as .docx or PDF and try again."),
    ],
)  # fmt: skip
def test_it_refuses_a_file_it_cannot_read_naming_the_problem(name, content, message):
    assert message in refusal(upload(name, content))


def test_it_refuses_a_file_of_5_mb_or_more_naming_its_size():
    big = upload("big.pdf", b"%PDF-1.4\n" + b"0" * (5_000_000 - 9))
    assert refusal(big) == "big.pdf is 5.0 MB; a statement file must be smaller than 5 MB."


def test_it_reads_a_file_just_under_the_limit():
    content = pdf_file(["The 17th AMMTC was held in Labuan Bajo."], padding=4_998_500)
    assert 4_999_000 < len(content) < 5_000_000
    assert "17th AMMTC" in text_of_file(upload("scan.pdf", content))


def test_it_refuses_a_text_longer_than_a_statement_can_be():
    assert "characters long; the limit is 300,000." in refusal(upload("l.txt", b"a " * 160_000))


def test_it_normalises_line_breaks_spaces_and_control_characters():
    assert normalise("\ufeffA\r\nB\rC\u00a0D\tE\x07F") == "A\nB\nC D EF"
