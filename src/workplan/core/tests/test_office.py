"""The guard every uploaded Office file passes before anything parses it: a limit on what it
unpacks to, and no document type declaration in any part."""

import io
import struct
import time
import zipfile

import pytest

from workplan.core.office import CHUNK, MAX_PARTS, OfficeFileRefused, check_office_file
from workplan.core.tests.hostile_files import LAUGHS, rewritten, word_bomb, word_file

BODY = b'<?xml version="1.0" encoding="UTF-8"?><Types/>'


def archive(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as built:
        for name, content in parts.items():
            built.writestr(name, content)
    return buffer.getvalue()


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(OfficeFileRefused) as refused:
        check_office_file(io.BytesIO(data), name="upload.docx", **kwargs)
    return str(refused.value)


def test_it_passes_an_ordinary_word_file_and_leaves_it_at_its_start():
    upload = io.BytesIO(word_file())
    check_office_file(upload)
    assert upload.read(4) == b"PK\x03\x04"


def test_it_refuses_a_bomb_from_the_sizes_its_parts_declare_within_a_second(settings):
    settings.OFFICE_UNPACKED_MAX_MB = 100
    bomb = word_bomb(300)
    started = time.perf_counter()
    message = refusal(bomb)
    assert time.perf_counter() - started < 1
    assert message.startswith("upload.docx unpacks to 300.")
    assert "may unpack to at most 100.0 MB" in message


def test_it_holds_a_caller_to_its_own_lower_limit_never_above_the_setting(settings):
    settings.OFFICE_UNPACKED_MAX_MB = 1
    data = archive({"word/document.xml": BODY + b" " * 600_000})
    assert "at most 0.5 MB" in refusal(data, limit=500_000)
    assert "at most 1.0 MB" in refusal(archive({"a.xml": b" " * 1_100_000}), limit=5_000_000)


def test_it_refuses_an_archive_that_understates_its_sizes():
    """The central directory says 100 bytes; the part unpacks to 2 MB. What comes out is counted
    and checked, never trusted."""
    data = bytearray(archive({"word/document.xml": BODY + b" " * 2_000_000}))
    directory = data.rindex(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = struct.pack("<I", 100)  # uncompressed size
    data[26 - 4 : 26] = struct.pack("<I", 100)  # the local header's too
    with pytest.raises((zipfile.BadZipFile, OfficeFileRefused)):
        check_office_file(io.BytesIO(bytes(data)), limit=1_000_000)


@pytest.mark.parametrize(
    "declaration",
    [
        LAUGHS,
        b'<!doctype x SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE x [<!ENTITY a "b">]>'.encode("utf-16-le"),
        '<!DOCTYPE x [<!ENTITY a "b">]>'.encode("utf-16-be"),
        "<!DOCTYPE x>".encode("utf-32"),
        b'<!ENTITY a "b">',
    ],
    ids=["nested entities", "lower case, external", "UTF-16 LE", "UTF-16 BE", "UTF-32", "entity"],
)
def test_it_refuses_a_document_type_or_entity_declaration_however_written(declaration):
    laughing = rewritten(word_file(), "word/styles.xml", lambda xml: declaration + xml)
    assert refusal(laughing).startswith(
        "upload.docx is refused: its part word/styles.xml declares a document type or entities "
        "(<!DOCTYPE, <!ENTITY), which Word and Excel never write."
    )


def test_it_finds_a_declaration_across_the_chunks_it_reads():
    content = b" " * (CHUNK - 4) + b"<!DOCTYPE x>"
    assert "declares a document type" in refusal(archive({"word/document.xml": content}))


def test_it_finds_a_declaration_in_a_part_whatever_its_name():
    """[Content_Types].xml, not the name, tells a parser a part is XML."""
    hidden = archive({"word/media/image1.png": b"\x89PNG" + LAUGHS})
    assert "its part word/media/image1.png declares" in refusal(hidden)


@pytest.mark.parametrize(
    ("head", "named"),
    [
        (b'<?xml version="1.0" encoding="UTF-7"?>', "UTF-7"),
        ('<?xml version="1.0" encoding="x-ebcdic"?>'.encode("utf-16"), "x-ebcdic"),
        ('<?xml version="1.0"?>'.encode("cp037"), "EBCDIC"),
    ],
)
def test_it_refuses_a_part_in_an_encoding_office_never_uses(head, named):
    message = refusal(archive({"word/document.xml": head + b"<w:document/>"}))
    assert f"its part word/document.xml is written in {named}, an encoding Word and" in message


def test_it_reads_parts_in_the_encodings_office_uses():
    parts = {
        "a.xml": BODY,
        "b.xml": '<?xml version="1.0" encoding="UTF-16"?><a>é</a>'.encode("utf-16"),
        "c.xml": b'<?xml version="1.0" encoding="windows-1252"?><a/>',
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
    }
    check_office_file(io.BytesIO(archive(parts)))


def test_it_refuses_an_archive_of_too_many_parts():
    many = archive({f"p{n}.xml": b"" for n in range(MAX_PARTS + 1)}, zipfile.ZIP_STORED)
    assert refusal(many) == "upload.docx holds 10,001 parts; an Office file holds at most 10,000."


def test_it_answers_a_damaged_part_as_a_damaged_archive():
    data = bytearray(archive({"word/document.xml": BODY * 100}))
    data[60:80] = b"\xff" * 20  # inside the compressed stream
    with pytest.raises(zipfile.BadZipFile):
        check_office_file(io.BytesIO(bytes(data)))
