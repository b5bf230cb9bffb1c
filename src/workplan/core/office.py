"""Uploaded Office files (Word, Excel, PowerPoint: zip archives of XML parts) checked before
anything parses them, so a hostile file gets a clear refusal instead of a worker's time.

- Size: a few hundred KB can unpack to gigabytes, and python-docx or openpyxl would hold or walk
  all of it. The parts' sizes as the archive declares them must add up to no more than the
  limit (`settings.OFFICE_UNPACKED_MAX_MB` unless the caller holds its files to less), and the
  parts are then read, counting what really comes out, so an archive that understates its sizes
  is stopped at the same limit.
- XML: Word and Excel never write a document type declaration. One can declare entities that
  expand a billion times ("billion laughs") or read other files; the standard library's parser
  refuses the first with an error that is no clear message, lxml (which python-docx and openpyxl
  use) leave them unexpanded. So any `<!DOCTYPE` or `<!ENTITY`, in any part, in UTF-8, UTF-16
  or UTF-32, is refused; so is an XML part in an encoding Office never uses (EBCDIC, UTF-7...),
  where such a search could not see them.

A file that is not a zip archive, or a damaged one, raises `zipfile.BadZipFile`, which callers
already answer with "not a Word (Excel) file".
"""

import re
import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from workplan.core.formats import fixed_label, number_label

MAX_PARTS = 10_000  # Office files hold tens of parts; a presentation, a few hundred
CHUNK = 1024 * 1024
# The search: upper-case ASCII made lower, NUL bytes dropped, so one search finds the words in
# any case and in UTF-8, UTF-16 and UTF-32 alike (binary parts are searched too: a part's content
# type, not its name, tells a parser to read it as XML).
FOLD = bytes.maketrans(bytes(range(ord("A"), ord("Z") + 1)), bytes(range(ord("a"), ord("z") + 1)))
DECLARATIONS = (b"<!doctype", b"<!entity")
OVERLAP = 16  # folded bytes kept from the previous chunk, longer than any searched word
SAFE_ENCODINGS = {
    "utf-8", "utf8", "utf-16", "utf16", "utf-32", "utf32", "us-ascii", "ascii",
    "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252",
}  # fmt: skip
# What libxml2 reads as EBCDIC from the first four bytes ("<?xm").
EBCDIC_START = b"Lo\xa7\x94"
# How a part in UTF-32 or UTF-16 starts, and how to read its XML declaration then.
WIDE_STARTS = [
    ((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"), "utf-32"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    ((b"\xff\xfe", b"\xfe\xff"), "utf-16"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
]
DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


class OfficeFileRefused(ValueError):
    """What is wrong with the file, in words for the person who sent it."""


def limit_bytes() -> int:
    return settings.OFFICE_UNPACKED_MAX_MB * 1_000_000


def check_office_file(source, *, name: str = "", limit: int | None = None) -> None:
    """Raises OfficeFileRefused when `source` (a path or a binary file) unpacks to more than
    `limit` bytes (default, and at most: the setting) or holds a document type declaration;
    BadZipFile when it is not a readable zip archive. A file object is left at its start."""
    limit = min(limit or limit_bytes(), limit_bytes())
    name = name or _("The file")
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
            _check_declared(parts, name, limit)
            unpacked = 0
            for info in parts:
                unpacked += _check_part(archive, info, name, room=limit - unpacked, limit=limit)
    except OfficeFileRefused:
        raise
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        # a broken stream, a compression zipfile does not know, an encrypted part
        raise zipfile.BadZipFile(str(error)) from None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def _check_declared(parts, name: str, limit: int) -> None:
    if len(parts) > MAX_PARTS:
        raise OfficeFileRefused(
            _("%(name)s holds %(parts)s parts; an Office file holds at most %(most)s.")
            % {"name": name, "parts": number_label(len(parts)), "most": number_label(MAX_PARTS)}
        )
    declared = sum(part.file_size for part in parts)
    if declared > limit:
        raise _too_large(name, limit, declared)


def _check_part(archive, info, name: str, *, room: int, limit: int) -> int:
    """Reads one part, at most `room` bytes of it, searching it for declarations; returns its
    size."""
    size, tail = 0, b""
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            if not size:
                _check_encoding(chunk, name, info.filename)
            size += len(chunk)
            if size > room:
                raise _too_large(name, limit)
            folded = tail + chunk.translate(FOLD, b"\x00")
            if any(word in folded for word in DECLARATIONS):
                raise OfficeFileRefused(
                    _(
                        "%(name)s is refused: its part %(part)s declares a document type or "
                        "entities (<!DOCTYPE, <!ENTITY), which Word and Excel never write. Open "
                        "it in Word or Excel, save it again and upload that file."
                    )
                    % {"name": name, "part": info.filename}
                )
            tail = folded[-OVERLAP:]
    return size


def _check_encoding(head: bytes, name: str, part: str) -> None:
    """An XML part must be in an encoding where the search for declarations sees them."""
    encoding = "EBCDIC" if head.startswith(EBCDIC_START) else _declared(head)
    if encoding and encoding.lower() not in SAFE_ENCODINGS:
        raise OfficeFileRefused(
            _(
                "%(name)s is refused: its part %(part)s is written in %(encoding)s, an encoding "
                "Word and Excel never use. Open it in Word or Excel, save it again and upload "
                "that file."
            )
            % {"name": name, "part": part, "encoding": encoding}
        )


def _declared(head: bytes) -> str | None:
    """The encoding an XML declaration at the start of `head` names (read in UTF-16 when the
    part starts as UTF-16 or UTF-32 does)."""
    head = head[:400]
    for starts, codec in WIDE_STARTS:
        if head.startswith(starts):
            head = head.decode(codec, "replace").encode("ascii", "replace")
            break
    declared = DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    return declared.group(1).decode("ascii", "replace") if declared else None


def _too_large(name: str, limit: int, declared: int | None = None) -> OfficeFileRefused:
    """Refuses a file that unpacks to more than `limit`: to `declared` bytes by its own count,
    or (None) to more than its count says."""
    words = {"name": name, "limit": _megabytes(limit)}
    if declared is None:
        return OfficeFileRefused(
            _(
                "%(name)s unpacks to more than it says; an uploaded Word or Excel file may unpack "
                "to at most %(limit)s. Split it into smaller files, or save it without embedded "
                "pictures and objects, and try again."
            )
            % words
        )
    return OfficeFileRefused(
        _(
            "%(name)s unpacks to %(size)s; an uploaded Word or Excel file may unpack to at most "
            "%(limit)s. Split it into smaller files, or save it without embedded pictures and "
            "objects, and try again."
        )
        % {**words, "size": _megabytes(declared)}
    )


def _megabytes(size: int) -> str:
    return _("%(megabytes)s MB") % {"megabytes": fixed_label(size / 1_000_000, 1)}
