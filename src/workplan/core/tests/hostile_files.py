"""Office files as an attacker sends them: small archives that unpack to a great deal of XML,
and XML parts carrying a document type declaration with nested entities ("billion laughs")."""

import io
import zipfile

import docx

# Ten levels of ten: the last entity stands for 10^9 "lol"s.
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    + b"]>"
)
PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


def word_file(text: str = "The 19th SOMTC + Japan was held in Yogyakarta.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, part: str, change) -> bytes:
    """The archive with one part's bytes replaced by `change(bytes)`, the rest copied as is."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info, change(content) if info.filename == part else content)
    return buffer.getvalue()


def word_bomb(megabytes: float) -> bytes:
    """A Word file of a few hundred KB whose document unpacks to `megabytes` of paragraphs."""
    count = int(megabytes * 1_000_000 / len(PARAGRAPH))

    def padded(xml: bytes) -> bytes:
        head, tail = xml.split(b"<w:body>")
        return head + b"<w:body>" + PARAGRAPH * count + tail

    return rewritten(word_file(), "word/document.xml", padded)


def with_laughs(data: bytes, part: str, laughing: bytes = b"") -> bytes:
    """The archive with a nested-entity DTD declared in `part`, and the text `laughing` of that
    part (if given) replaced by the outermost entity."""

    def declared(xml: bytes) -> bytes:
        if laughing:
            xml = xml.replace(laughing, b"&lol9;", 1)
        declaration_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:declaration_end] + LAUGHS + xml[declaration_end:]

    return rewritten(data, part, declared)
