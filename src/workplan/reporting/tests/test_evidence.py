"""Evidence files are judged by their content, never their name, and kept under a size limit."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from workplan.core.tests.hostile_files import with_laughs, word_bomb, word_file
from workplan.reporting.evidence import detect_type, named_for_type

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zipped(parts):
    """A zip archive holding `parts` (name to text), built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def office(part):
    return zipped({"[Content_Types].xml": CONTENT_TYPES, part: "<xml/>"})


def refusal(file):
    with pytest.raises(ValidationError) as error:
        detect_type(file)
    return error.value.messages


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        ("minutes.docx", office("word/document.xml"), WORD),
        ("budget.xlsx", office("xl/workbook.xml"), EXCEL),
        ("slides.pptx", office("ppt/presentation.xml"), POWERPOINT),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
            "application/x-ole-storage",
        ),
    ],
)
def test_it_accepts_an_allowed_file_with_the_type_of_its_content(name, content, content_type):
    assert detect_type(upload(name, content)) == content_type


def test_it_judges_by_the_content_whatever_the_name():
    assert detect_type(upload("scan.docx", b"%PDF-1.4\n")) == "application/pdf"


def test_it_leaves_the_file_to_be_read_from_its_start():
    file = upload("minutes.docx", office("word/document.xml"))
    detect_type(file)
    assert file.read(4) == b"PK\x03\x04"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"Not really a PDF, just some text.\n"),
        ("archive.docx", zipped({"notes.txt": "hello", "word/document.xml": "<xml/>"})),
        ("bundle.xlsx", zipped({"[Content_Types].xml": CONTENT_TYPES, "data.csv": "a,b"})),
        ("truncated.pptx", b"PK\x03\x04 but no archive after the signature"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("empty.png", b""),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_allowed_naming_the_file(name, content):
    assert refusal(upload(name, content)) == [
        f"{name} is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file (judged by its content)."
    ]


def test_it_refuses_a_file_over_the_size_limit_naming_its_size_and_the_limit(settings):
    settings.EVIDENCE_MAX_MB = 1
    big = upload("big-report.pdf", b"%PDF-1.7\n" + b"0" * (1536 * 1024 - 9))
    assert refusal(big) == ["big-report.pdf is 1.5 MB; the limit is 1 MB."]


def test_it_accepts_a_file_of_exactly_the_size_limit(settings):
    settings.EVIDENCE_MAX_MB = 1
    limit = upload("report.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 - 9))
    assert detect_type(limit) == "application/pdf"


def test_it_refuses_an_office_file_that_unpacks_to_too_much_or_declares_entities(settings):
    settings.OFFICE_UNPACKED_MAX_MB = 1
    bomb = upload("minutes.docx", word_bomb(2))
    laughing = upload("notes.docx", with_laughs(word_file(), "word/document.xml"))

    assert refusal(bomb)[0].startswith("minutes.docx unpacks to 2.")
    assert refusal(laughing)[0].startswith(
        "notes.docx is refused: its part word/document.xml declares a document type or entities"
    )


@pytest.mark.parametrize(
    ("name", "content_type", "named"),
    [
        ("minutes.pdf", "application/pdf", "minutes.pdf"),
        ("MINUTES.PDF", "application/pdf", "MINUTES.PDF"),
        ("a.pdf.html", "application/pdf", "a.pdf"),
        ("a.html.pdf", "application/pdf", "a.html.pdf"),
        ("report.exe", "application/pdf", "report.pdf"),
        ("report", "application/pdf", "report.pdf"),
        ("photo.jpeg", "image/png", "photo.png"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("budget.xls.svg", EXCEL, "budget.xlsx"),
        ("v2.1 final", WORD, "v2.1 final.docx"),
        ("minutes.pdf. ", "application/pdf", "minutes.pdf"),
        ("old.xls", "application/x-ole-storage", "old.xls"),
        ("old.html", "application/x-ole-storage", "old.doc"),
        (".html", "application/pdf", "evidence.pdf"),
    ],
)
def test_it_names_a_file_with_the_extension_of_its_content(name, content_type, named):
    assert named_for_type(name, content_type) == named
