"""Uploaded import files kept between the preview and the confirmation, each readable only by
the user who uploaded it, with what the preview read (the versions of the records its rows
match); kept a day at most."""

import json
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.http import Http404

KEEP_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(upload, user) -> str:
    """Stores the upload; returns the token that names it."""
    _forget_old()
    token = f"{user.pk}-{uuid.uuid4().hex}"
    with (_folder() / f"{token}.xlsx").open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token


def kept(token: str, user) -> Path:
    """The file of a token the user got; 404 for another user's, a malformed or a gone one."""
    if not re.fullmatch(r"\d+-[0-9a-f]{32}", token or "") or token.split("-")[0] != str(user.pk):
        raise Http404("No such upload.")
    path = _folder() / f"{token}.xlsx"
    if not path.exists():
        raise Http404("This upload has expired; upload the file again.")
    return path


def note_preview(token: str, user, *, versions: dict[int, int], left_alone=()) -> None:
    """Keeps what a preview of the upload read: {record id: version}, and the records whose
    rows a confirmation leaves alone (they changed since an earlier preview)."""
    path = kept(token, user).with_suffix(".json")
    path.write_text(json.dumps({"versions": versions, "left_alone": sorted(left_alone)}))


def previewed(token: str, user) -> tuple[dict[int, int], set[int]]:
    """What the last preview of the upload read (see `note_preview`)."""
    path = kept(token, user).with_suffix(".json")
    if not path.exists():
        raise Http404("This upload has no preview; upload the file again.")
    noted = json.loads(path.read_text())
    versions = {int(pk): version for pk, version in noted["versions"].items()}
    return versions, set(noted["left_alone"])


def forget(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_suffix(".json").unlink(missing_ok=True)


def _forget_old() -> None:
    limit = time.time() - KEEP_SECONDS
    for path in _folder().glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            forget(path)
