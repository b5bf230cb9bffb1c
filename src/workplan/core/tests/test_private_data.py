"""The data folder (the SQLite database with password hashes, two-step secrets and sessions,
uploads, backups) is readable by the server's own user only, whatever the umask it starts with."""

import json
import os
import stat
import subprocess
import sys

import pytest

# Run by `workplan shell`: a database, a session, an uploaded file and a backup, listed while
# the connection is still open, so that SQLite's -wal and -shm files exist.
WRITE_AND_LIST = """
import json, stat
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
call_command("migrate", "sessions", verbosity=0)
SessionStore().create()
default_storage.save("evidence/2026/11/minutes.pdf", ContentFile(b"%PDF-1.4"))
call_command("backup", verbosity=0)
root = settings.DATA_DIR
print(json.dumps({str(path.relative_to(root)): stat.S_IMODE(path.stat().st_mode)
                  for path in [root, *root.rglob("*")]}))
"""


def workplan(*arguments, data_dir, umask=0o022) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["WORKPLAN_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "workplan.cli", *arguments],
        env=env, umask=umask, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return done.stdout


def modes(data_dir) -> dict[str, int]:
    return {
        str(path.relative_to(data_dir)): stat.S_IMODE(path.stat().st_mode)
        for path in [data_dir, *data_dir.rglob("*")]
    }


def test_it_keeps_the_data_folder_and_every_file_in_it_to_its_owner(tmp_path):
    data = tmp_path / "data"

    output = workplan("shell", "--no-imports", "-c", WRITE_AND_LIST, data_dir=data)
    while_open = json.loads(output.splitlines()[-1])

    assert {"workplan.sqlite3", "workplan.sqlite3-wal", "workplan.sqlite3-shm", "secret_key",
            "uploads/evidence/2026/11/minutes.pdf"} <= set(while_open)  # fmt: skip
    assert any(name.startswith("backups/workplan-backup-") for name in while_open)
    for name, mode in [*while_open.items(), *modes(data).items()]:
        wanted = 0o700 if (data / name).is_dir() else 0o600
        assert (name, oct(mode)) == (name, oct(wanted))


@pytest.mark.parametrize("leftover", ["workplan.sqlite3", "workplan.sqlite3-wal"])
def test_it_closes_a_database_file_left_readable_by_an_older_version(tmp_path, leftover):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    for name in ("workplan.sqlite3", leftover):
        (data / name).touch(mode=0o644)

    workplan("check", data_dir=data)

    assert oct(stat.S_IMODE((data / leftover).stat().st_mode)) == oct(0o600)
    assert oct(stat.S_IMODE(data.stat().st_mode)) == oct(0o700)
