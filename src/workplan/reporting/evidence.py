"""What evidence files may be: the type is read from the content, never from the name, and the
name's extension is made to match it."""

import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from workplan.core import records
from workplan.core.files import removed_on_failure
from workplan.core.office import OfficeFileRefused, check_office_file

OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "ppt/": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
}
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    # Word, Excel and PowerPoint files from before 2007 (OLE compound documents)
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
]
ALLOWED = gettext_lazy("PDF, Word, Excel, PowerPoint, PNG or JPEG")
# The extensions each type may have, the usual one first. A name ending otherwise would let the
# file be opened as something else once downloaded ("report.pdf.html": a PDF read as a web page).
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    OOXML["word/"][0]: (".docx",),
    OOXML["xl/"][0]: (".xlsx",),
    OOXML["ppt/"][0]: (".pptx",),
    "application/x-ole-storage": (".doc", ".xls", ".ppt"),
}
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")

# what the file chooser offers first; the content decides
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg"


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def named_for_type(name: str, content_type: str) -> str:
    """`name` ending in an extension of `content_type`: its own when it has one, with any
    extension after it dropped ("a.pdf.html" → "a.pdf"), else the type's usual one in place
    of the extensions it has ("report.exe" → "report.pdf")."""
    allowed = EXTENSIONS[content_type]
    stem = name.rstrip(". ")  # Windows drops trailing dots and spaces: "a.pdf." opens as "a.pdf"
    while extension := EXTENSION.search(stem):
        if extension.group().lower() in allowed:
            return stem
        stem = stem[: extension.start()]
    return (stem or "evidence") + allowed[0]


def detect_type(upload) -> str:
    """The file's type from its first bytes (and, for Office files, its parts), or a
    ValidationError that names the file and what is accepted."""
    if upload.size > max_bytes():
        size_mb = upload.size / 1024 / 1024
        raise ValidationError(
            gettext("%(name)s is %(size)s MB; the limit is %(limit)s MB.")
            % {"name": upload.name, "size": f"{size_mb:.1f}", "limit": settings.EVIDENCE_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        office = _office_type(upload)
        if office:
            return office
    raise ValidationError(
        gettext("%(name)s is not a %(kinds)s file (judged by its content).")
        % {"name": upload.name, "kinds": ALLOWED}
    )


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for folder, (content_type, _label) in OOXML.items():
        if any(name.startswith(folder) for name in names):
            return content_type if _unpacks_safely(upload) else None
    return None


def _unpacks_safely(upload) -> bool:
    """Whether every part unpacks (the same guard as every uploaded Office file); a refusal
    that says why when it is too large or declares entities."""
    try:
        check_office_file(upload, name=upload.name)
    except OfficeFileRefused as refused:
        raise ValidationError(str(refused)) from None
    except zipfile.BadZipFile:
        return False
    return True


def store_upload(record, upload, *, actor):
    """Stores an uploaded file on a new `record` (evidence or a meeting document): its type
    judged by its content and its size checked first (refused on the `file` field), kept under
    a name whose extension matches its content; saves the record with its change-log row, and
    removes the file again if that fails."""
    try:
        content_type = detect_type(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    name = named_for_type(upload.name, content_type)
    record.original_name, record.content_type = name[-255:], content_type
    record.size, record.uploaded_by = upload.size, actor
    record.file.save(name, upload, save=False)
    with removed_on_failure(record.file):
        return records.create(record, actor=actor)
