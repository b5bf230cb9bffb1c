"""The text of a statement, pasted or in a file. A file's type is judged by its content, never
its name: plain text (UTF-8, UTF-16 or Windows-1252), Word (.docx, read with python-docx) or
PDF (read with pypdf). Every refusal is a ValidationError that names the problem."""

import io
import re
import unicodedata
import zipfile

import docx
import pypdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from workplan.core.formats import fixed_label, number_label
from workplan.core.office import OfficeFileRefused, check_office_file

MAX_FILE_BYTES = 5_000_000  # a statement file must be smaller than 5 MB
MAX_CHARACTERS = 300_000  # about a hundred pages; a statement is a few
# A Word file of 300,000 characters is a few MB of XML, plus its pictures; python-docx reads
# dense XML at about 1 MB a second.
MAX_UNPACKED_BYTES = 20_000_000
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTROL_SHARE = 0.01  # more control characters than this: not text
NOT_ACCEPTED = gettext_lazy(
    "%(name)s is not a text (.txt), Word (.docx) or PDF file (judged by its content)."
)


def text_of_file(upload) -> str:
    """The text of an uploaded or opened file, normalised; refusals name the file."""
    name = getattr(upload, "name", None) or gettext("The file")
    if upload.size >= MAX_FILE_BYTES:
        raise ValidationError(
            gettext("%(name)s is %(size)s MB; a statement file must be smaller than %(limit)s MB.")
            % {
                "name": name,
                "size": fixed_label(upload.size / 1_000_000, 1),
                "limit": MAX_FILE_BYTES // 1_000_000,
            }
        )
    upload.seek(0)
    data = upload.read()
    if not data:
        raise ValidationError(gettext("%(name)s is empty.") % {"name": name})
    text = normalise(_decode(name, data))
    if not text.strip():
        raise ValidationError(
            gettext("%(name)s has no text to read (is it a scanned image?).") % {"name": name}
        )
    return checked(text, name)


def checked(text: str, name: str | None = None) -> str:
    if len(text) > MAX_CHARACTERS:
        raise ValidationError(
            gettext("%(name)s is %(length)s characters long; the limit is %(limit)s.")
            % {
                "name": name or gettext("The statement"),
                "length": number_label(len(text)),
                "limit": number_label(MAX_CHARACTERS),
            }
        )
    return text


def normalise(text: str) -> str:
    """One kind of line break, ordinary spaces, no byte-order mark or stray control characters:
    the spans the reader gives are positions in this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def _decode(name: str, data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return _pdf_text(name, data)
    if data.startswith(b"PK\x03\x04"):
        return _docx_text(name, data)
    if data.startswith(OLE):
        raise ValidationError(
            gettext("%(name)s is an old Word (.doc) file: save it as .docx or PDF and try again.")
            % {"name": name}
        )
    return _plain_text(name, data)


def _plain_text(name: str, data: bytes) -> str:
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    elif b"\x00" not in data:
        text = _try(data, "utf-8-sig") or _try(data, "cp1252")
    if text is None or _control_share(text) > CONTROL_SHARE:
        raise ValidationError(NOT_ACCEPTED % {"name": name})
    return text


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _docx_text(name: str, data: bytes) -> str:
    try:
        check_office_file(io.BytesIO(data), name=name, limit=MAX_UNPACKED_BYTES)
        document = docx.Document(io.BytesIO(data))
    except OfficeFileRefused as refused:
        raise ValidationError(str(refused)) from None
    except (KeyError, ValueError, zipfile.BadZipFile, docx.opc.exceptions.PackageNotFoundError):
        raise ValidationError(NOT_ACCEPTED % {"name": name}) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(name: str, data: bytes) -> str:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                gettext("%(name)s is protected by a password; remove it and try again.")
                % {"name": name}
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of error on a damaged file
        raise ValidationError(
            gettext("%(name)s could not be read as a PDF file.") % {"name": name}
        ) from None
    return _unwrap("\n\n".join(pages))


def _unwrap(text: str) -> str:
    """Joins words a PDF hyphenated at the end of a line ("trans-\\nnational")."""
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
