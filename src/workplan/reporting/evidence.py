"""What evidence files may be: the type is read from the content, never from the name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

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
ALLOWED = "PDF, Word, Excel, PowerPoint, PNG or JPEG"
# what the file chooser offers first; the content decides
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg"


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def detect_type(upload) -> str:
    """The file's type from its first bytes (and, for Office files, its parts), or a
    ValidationError that names the file and what is accepted."""
    if upload.size > max_bytes():
        size_mb = upload.size / 1024 / 1024
        raise ValidationError(
            f"{upload.name} is {size_mb:.1f} MB; the limit is {settings.EVIDENCE_MAX_MB} MB."
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
    raise ValidationError(f"{upload.name} is not a {ALLOWED} file (judged by its content).")


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
            return content_type
    return None
