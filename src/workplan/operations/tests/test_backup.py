"""`workplan backup` and `workplan restore`: a backup restored into a fresh database holds every
row and every uploaded file as they were; a damaged or mismatched archive changes nothing.

On SQLite (the suite's database copied into a file under tmp_path) in the SQLite pass of the
suite, on PostgreSQL (restoring into throwaway databases) in its PostgreSQL pass.
"""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from workplan.core.tests.databases import (
    engine,
    files_under,
    plan_at_work,
    require_postgres_tools,
    sqlite_file_copy,
    table_rows,
    throwaway_database,
)
from workplan.operations import backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def source(tmp_path):
    """The database to back up: a SQLite file, or the suite's PostgreSQL test database.

    Tests name it before the cast of users, so the users are made in it.
    """
    if engine() == "sqlite":
        with sqlite_file_copy(tmp_path / "source.sqlite3") as connection:
            yield connection
    else:
        require_postgres_tools("pg_dump", "pg_restore")
        yield None


@pytest.fixture
def work(source, plan, make_activity, asec, jpn, parties):
    return plan_at_work(plan, make_activity, asec, jpn, parties)


@pytest.fixture
def archive(work, tmp_path):
    call_command("backup", output=tmp_path / "backups")
    (made,) = (tmp_path / "backups").glob("workplan-backup-*.tar.gz")
    return made


def test_it_restores_every_row_and_file_into_a_fresh_database(
    work, archive, tmp_path, settings, make_activity
):
    rows, files = table_rows(), files_under(settings.MEDIA_ROOT)
    assert rows["reporting_evidence"]
    assert rows["meetings_meetingdocument"]
    assert len(files) == 2
    with throwaway_database(tmp_path, "restored"):
        settings.MEDIA_ROOT = tmp_path / "restored-uploads"
        call_command("restore", str(archive), interactive=False)

        restored_rows = table_rows()
        assert restored_rows.keys() == rows.keys()
        for table, table_rows_before in rows.items():
            assert restored_rows[table] == table_rows_before, table
        assert files_under(settings.MEDIA_ROOT) == files
        # The id counters came back too: a new activity takes a new id.
        make_activity(title="Made after the restore")


def test_it_writes_a_manifest_with_the_engine_migrations_and_a_checksum_per_file(archive, capsys):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == engine()
    assert manifest["created_at"].endswith("Z")
    assert "0001_initial" in manifest["migrations"]["plans"]
    listed = [entry["path"] for entry in manifest["files"]]
    assert sorted([*listed, "manifest.json"]) == sorted(names)
    assert listed[0] == backup.DUMPS[engine()]
    assert sum(name.startswith("media/evidence/") for name in listed) == 1
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])
    call_command("restore", str(archive), check=True)
    assert "is intact" in capsys.readouterr().out


def test_it_asks_before_replacing_and_does_nothing_when_refused(archive, work, asec, monkeypatch):
    from workplan.plans.actions import update_activity

    update_activity(work["activity"], {"title": "Changed after the backup"}, expected_version=1,
                    actor=asec)  # fmt: skip
    rows = table_rows()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("restore", str(archive))
    assert table_rows() == rows


# Refusals: each names what is wrong and leaves the database and the uploads as they were.


def repacked(archive: Path, target: Path, edit) -> Path:
    """A copy of `archive` whose members are `edit([(TarInfo, bytes), ...])`."""
    with tarfile.open(archive) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    with tarfile.open(target, "w:gz") as tar:
        for member, data in edit(members):
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    return target


def member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


def edit_manifest(change):
    def edit(members):
        for info, data in members:
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            yield info, data

    return edit


def other_engine(members):
    """The archive relabelled as a backup of the other engine."""
    ours, other = engine(), {"sqlite": "postgresql", "postgresql": "sqlite"}[engine()]
    for info, data in edit_manifest(lambda m: m.update(engine=other))(members):
        if info.name == "manifest.json":
            manifest = json.loads(data)
            manifest["files"][0]["path"] = backup.DUMPS[other]
            data = json.dumps(manifest).encode()
        if info.name == backup.DUMPS[ours]:
            info.name = backup.DUMPS[other]
        yield info, data


def broken_copies(archive: Path, folder: Path) -> dict[str, tuple[Path, list[str]]]:
    """Damaged or mismatched copies of `archive`, each with words its refusal must contain."""
    with tarfile.open(archive) as tar:
        evidence = next(name for name in tar.getnames() if name.startswith("media/evidence/"))
    edits = {
        "tampered": (
            lambda m: [(i, d.replace(b"%PDF", b"%PDX") if i.name == evidence else d) for i, d in m],
            [evidence, "does not match its checksum"],
        ),
        "lacking": (lambda m: [(i, d) for i, d in m if i.name != evidence], [f"lacks {evidence}"]),
        "planted": (
            lambda m: [*m, member("media/evidence/planted.pdf", b"%PDF")],
            ["media/evidence/planted.pdf", "does not list"],
        ),
        "foreign": (other_engine, ["set DATABASE_URL"]),
        "newer": (
            edit_manifest(lambda m: m["migrations"]["plans"].append("0999_from_the_future")),
            ["newer version", "plans.0999_from_the_future"],
        ),
        "escaping": (lambda m: [member("../../etc/cron.d/job", b"x")], ["not a backup"]),
        "unlisted": (lambda m: [(i, d) for i, d in m if i.name != "manifest.json"], ["manifest"]),
    }
    copies = {
        name: (repacked(archive, folder / f"{name}.tar.gz", edit), words)
        for name, (edit, words) in edits.items()
    }
    raw = archive.read_bytes()
    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0xFF
    (folder / "flipped.tar.gz").write_bytes(bytes(flipped))
    (folder / "truncated.tar.gz").write_bytes(raw[: len(raw) * 2 // 3])
    copies["flipped"] = (folder / "flipped.tar.gz", ["damaged"])
    copies["truncated"] = (folder / "truncated.tar.gz", ["damaged"])
    copies["missing"] = (folder / "nowhere.tar.gz", ["no backup archive"])
    return copies


def test_it_refuses_a_damaged_or_mismatched_archive_and_changes_nothing(
    archive, tmp_path, settings
):
    rows, files = table_rows(), files_under(settings.MEDIA_ROOT)
    for name, (copy, words) in broken_copies(archive, tmp_path).items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(copy), interactive=False)
        message = str(refused.value)
        assert all(word in message for word in words), (name, message)
        assert table_rows() == rows, name
        assert files_under(settings.MEDIA_ROOT) == files, name
