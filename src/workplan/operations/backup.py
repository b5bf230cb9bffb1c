"""Backups: the database and the uploaded files in one archive, and putting them back.

An archive, `workplan-backup-<UTC time>.tar.gz`, holds:

- `database.sqlite3`, a copy taken with SQLite's online backup (safe while the server runs),
  or `database.pgdump`, written by `pg_dump --format=custom`;
- `media/…`, every uploaded file (evidence, meeting documents) under `MEDIA_ROOT`;
- `manifest.json`: when it was made (UTC), the database engine, the migrations applied, and
  the size and SHA-256 of every other file in the archive.

A restore reads and checks the whole archive before it changes anything: a damaged archive,
a file that does not match its checksum, a backup of another engine or one made by a newer
version (migrations this code does not know) is refused with a message saying so. The
database is then replaced in one transaction, and the uploads folder by a rename.
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from contextlib import closing
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "workplan-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Connection settings that pg_dump and pg_restore understand as libpq does.
LIBPQ_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "connect_timeout",
    "application_name", "service", "passfile", "target_session_attrs", "options",
    "gssencmode", "channel_binding",
}  # fmt: skip
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass
class Backup:
    """An archive written by `create_backup`, or checked by `verify_backup`."""

    path: Path
    manifest: dict

    @property
    def media_files(self) -> list[str]:
        return [f["path"] for f in self.manifest["files"] if f["path"].startswith(f"{MEDIA}/")]


@dataclass
class Restored:
    """What a restore put back, and the migrations the restored database still lacks."""

    backup: Backup
    pending_migrations: list[str] = field(default_factory=list)


# Backing up


def create_backup(output_dir: Path, *, using: str = "default") -> Backup:
    """Writes one archive of the database and the uploaded files into `output_dir`."""
    connection = connections[using]
    engine = _engine(connection)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    created_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    manifest = _manifest(connection, engine, created_at)
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as staging:
        dump = Path(staging) / DUMPS[engine]
        _dump_database(engine, connection.settings_dict, dump)
        # Written under a hidden name and renamed once complete: a half-written archive never
        # looks like a backup.
        handle, partial = tempfile.mkstemp(dir=output_dir, prefix=".workplan-backup-")
        try:
            with os.fdopen(handle, "wb") as raw:
                _write_archive(raw, manifest, dump, Path(settings.MEDIA_ROOT), output_dir)
                raw.flush()
                os.fsync(raw.fileno())
            archive = _free_name(output_dir, f"workplan-backup-{created_at:%Y%m%dT%H%M%SZ}")
            os.replace(partial, archive)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return Backup(archive, manifest)


def _manifest(connection, engine: str, created_at: datetime.datetime) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "engine": engine,
        "workplan_version": _version("workplan"),
        "django_version": django.get_version(),
        "migrations": _applied_migrations(connection),
        "files": [],  # filled in as the archive is written
    }


def _write_archive(raw, manifest: dict, dump: Path, media_root: Path, output_dir: Path) -> None:
    # The database is copied before the files: an upload made in between is kept as a file no
    # row points to, which is harmless, whereas every row in the copy finds its file.
    with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        manifest["files"].append(_add_file(tar, dump, dump.name))
        for path in _media_files(media_root, output_dir):
            name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
            manifest["files"].append(_add_file(tar, path, name))
        text = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(text), 0o600, int(time.time())
        tar.addfile(info, io.BytesIO(text))


def _media_files(media_root: Path, output_dir: Path) -> list[Path]:
    """The uploaded files; never earlier backups, should the archives be kept among them."""
    if not media_root.is_dir():
        return []
    output_dir = output_dir.resolve()
    return sorted(
        path
        for path in media_root.rglob("*")
        if path.is_file() and not path.is_symlink() and output_dir not in path.resolve().parents
    )


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    """Adds a file, hashing the very bytes that go into the archive."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    digest = hashlib.sha256()
    with path.open("rb") as source:
        tar.addfile(info, _HashingReader(source, digest))
    return {"path": name, "size": info.size, "sha256": digest.hexdigest()}


class _HashingReader:
    def __init__(self, source, digest):
        self.source, self.digest = source, digest

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        return data


def _free_name(folder: Path, stem: str) -> Path:
    candidate, number = folder / f"{stem}.tar.gz", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}.tar.gz"
    return candidate


def _dump_database(engine: str, db: dict, target: Path) -> None:
    if engine == "sqlite":
        source = _sqlite_file(db)
        if not source.exists():
            raise BackupError(f"There is no database at {source} to back up.")
        with (
            closing(sqlite3.connect(source, timeout=_sqlite_timeout(db))) as live,
            closing(sqlite3.connect(target)) as copy,
        ):
            live.backup(copy)  # one step: a consistent copy even while others write
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    else:
        conninfo, env = _libpq(db)
        _run(["pg_dump", "--format=custom", "--no-password", f"--file={target}", conninfo], env)


def _applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# Checking and restoring


def verify_backup(archive: Path, *, into: Path | None = None) -> Backup:
    """Reads the whole archive and checks it against its manifest; changes nothing.

    With `into`, the files are left there for a restore; otherwise they are discarded.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no backup archive at {archive}.")
    if into is None:
        with tempfile.TemporaryDirectory(prefix="workplan-verify-") as scratch:
            return verify_backup(archive, into=Path(scratch))
    try:
        received, manifest_bytes = _unpack(archive, into)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"The archive {archive} is damaged or not a backup: {error}.") from None
    manifest = _read_manifest(archive, manifest_bytes)
    _check_files(manifest, received)
    return Backup(archive, manifest)


def restore_backup(archive: Path, *, using: str = "default", confirm=None) -> Restored | None:
    """Replaces the database and the uploaded files with those of a checked archive.

    `confirm(backup)` is asked once the archive has passed every check; when it answers
    False nothing is changed and None is returned.
    """
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as staging:
        staging = Path(staging)
        backup = verify_backup(archive, into=staging)
        _check_compatible(backup.manifest, engine, connection)
        if confirm is not None and not confirm(backup):
            return None
        connection.close()
        _restore_database(engine, connection.settings_dict, staging / DUMPS[engine])
        _replace_folder(staging / MEDIA, media_root)
    connection.close()
    ContentType.objects.clear_cache()  # ids cached from the database that was replaced
    return Restored(backup, _pending_migrations(connection))


def _unpack(archive: Path, into: Path) -> tuple[dict[str, tuple[int, str]], bytes | None]:
    received: dict[str, tuple[int, str]] = {}
    manifest_bytes = None
    with tarfile.open(archive, mode="r:gz") as tar:
        for member in tar:
            name = _member_name(archive, member)
            if member.isdir():
                continue
            if name in received or (name == MANIFEST and manifest_bytes is not None):
                raise BackupError(f"The archive {archive} holds {name} twice; it is not a backup.")
            source = tar.extractfile(member)
            if name == MANIFEST:
                manifest_bytes = source.read()
                continue
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            target.chmod(member.mode & 0o777 or 0o600)
            received[name] = (member.size, digest.hexdigest())
    return received, manifest_bytes


def _member_name(archive: Path, member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    allowed = path.parts and (path.parts[0] == MEDIA or member.name in {MANIFEST, *DUMPS.values()})
    if path.is_absolute() or ".." in path.parts or not allowed:
        raise BackupError(f"The archive {archive} holds {member.name!r}; it is not a backup.")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"The archive {archive} holds a link or device ({member.name}).")
    return path.as_posix()


def _read_manifest(archive: Path, manifest_bytes: bytes | None) -> dict:
    if manifest_bytes is None:
        raise BackupError(f"The archive {archive} has no {MANIFEST}; it is not a backup.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError(f"The {MANIFEST} of {archive} cannot be read; it is damaged.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"The archive {archive} is not a Work Plan Monitor backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive {archive} is in backup format {manifest.get('format_version')}; this "
            f"version reads format {FORMAT_VERSION}. Restore it with the version that made it."
        )
    return manifest


def _check_files(manifest: dict, received: dict[str, tuple[int, str]]) -> None:
    listed = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    missing = sorted(set(listed) - set(received))
    if missing:
        raise BackupError(f"The archive lacks {_names(missing)}, listed in its manifest.")
    extra = sorted(set(received) - set(listed))
    if extra:
        raise BackupError(f"The archive holds {_names(extra)}, which its manifest does not list.")
    for name, (size, sha256) in sorted(listed.items()):
        if received[name] != (size, sha256):
            raise BackupError(
                f"{name} in the archive does not match its checksum: the archive is damaged."
            )
    if manifest.get("engine") not in DUMPS or DUMPS[manifest["engine"]] not in listed:
        raise BackupError("The archive has no database copy of a known engine.")


def _check_compatible(manifest: dict, engine: str, connection) -> None:
    if manifest["engine"] != engine:
        raise BackupError(
            f"This is a backup of a {ENGINE_NAMES[manifest['engine']]} database and the "
            f"configured database is {ENGINE_NAMES[engine]}: set DATABASE_URL to a "
            f"{ENGINE_NAMES[manifest['engine']]} database to restore it."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"This backup was made by a newer version of Work Plan Monitor "
            f"({manifest.get('workplan_version')}): its database has migrations this version "
            f"does not have ({_names(unknown)}). Install that version, then restore."
        )


def _restore_database(engine: str, db: dict, dump: Path) -> None:
    if engine == "sqlite":
        target = _sqlite_file(db)
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            closing(sqlite3.connect(dump)) as copy,
            closing(sqlite3.connect(target, timeout=_sqlite_timeout(db))) as live,
        ):
            copy.backup(live)  # all pages in one step, which SQLite commits as one transaction
    else:
        conninfo, env = _libpq(db)
        _run(
            [
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                "--exit-on-error", "--no-password", f"--dbname={conninfo}", str(dump),
            ],
            env,
        )  # fmt: skip


def _replace_folder(new: Path, current: Path) -> None:
    """Puts `new` in the place of `current` by renames on one file system."""
    new.mkdir(exist_ok=True)
    replaced = None
    if current.exists():
        replaced = current.with_name(f".{current.name}.replaced-{os.getpid()}")
        current.rename(replaced)
    new.rename(current)
    if replaced is not None:
        shutil.rmtree(replaced)


def _pending_migrations(connection) -> list[str]:
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _backwards in executor.migration_plan(targets)]


# Shared steps


def _engine(connection) -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        raise BackupError("The database is in memory: there is nothing on disk to back up.")
    return connection.vendor


def _sqlite_file(db: dict) -> Path:
    return Path(db["NAME"])


def _sqlite_timeout(db: dict) -> float:
    return float(db.get("OPTIONS", {}).get("timeout", 20))


def _libpq(db: dict) -> tuple[str, dict]:
    """A libpq connection string for the pg_ tools, and their environment (the password)."""
    from psycopg.conninfo import make_conninfo

    params = {"dbname": db["NAME"], "host": db["HOST"], "port": db["PORT"], "user": db["USER"]}
    params.update({k: v for k, v in db.get("OPTIONS", {}).items() if k in LIBPQ_OPTIONS})
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return make_conninfo(**{k: str(v) for k, v in params.items() if v}), env


def _run(command: list[str], env: dict) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools of the "
            f"server's version or newer (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 (a fixed program; no shell)
        [program, *command[1:]], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return f"{shown} and {len(names) - limit} more" if len(names) > limit else shown


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"
