"""Fifty people save the same activity at the same moment, each from the version they opened:
exactly one save lands, the other forty-nine are refused as edit conflicts, and no update is
lost or half-made.

Each save runs in its own thread with its own database connection: on SQLite a file database
in WAL mode with the project's settings (transactions that take the write lock when they start,
a busy timeout), on PostgreSQL the suite's test database.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from workplan.core.changelog import history_of
from workplan.core.models import ChangeLog
from workplan.core.records import EditConflict
from workplan.core.tests.databases import engine, sqlite_file_copy
from workplan.plans.actions import update_activity
from workplan.plans.models import Activity

EDITORS = 50

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database(tmp_path):
    """A database that several connections share: a SQLite file, or PostgreSQL's test database.

    Tests name it before the cast of users, so the users are made in it.
    """
    if engine() == "sqlite":
        with sqlite_file_copy(tmp_path / "shared.sqlite3") as connection:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
            yield connection
    else:
        yield connections["default"]


def test_it_lets_one_of_fifty_simultaneous_edits_through(database, make_activity, jpn):
    activity = make_activity(lead="JPN", partners=["IDN"])
    assert activity.version == 1
    everyone_ready = threading.Barrier(EDITORS, timeout=60)

    def edit(number: int) -> str:
        try:
            opened = Activity.objects.get(pk=activity.pk)
            editor = type(jpn).objects.get(pk=jpn.pk)
            everyone_ready.wait()
            update_activity(opened, {"title": f"Edit {number}"}, expected_version=1, actor=editor)
            return f"saved {number}"
        except EditConflict:
            return "conflict"
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=EDITORS) as pool:
        outcomes = list(pool.map(edit, range(EDITORS)))

    saved = [outcome for outcome in outcomes if outcome.startswith("saved")]
    assert len(saved) == 1, outcomes
    assert outcomes.count("conflict") == EDITORS - 1, outcomes
    activity.refresh_from_db()
    assert activity.version == 2
    assert activity.title == f"Edit {saved[0].split()[1]}"
    updates = history_of(activity).filter(kind=ChangeLog.Kind.UPDATE)
    assert updates.count() == 1
    assert updates.get().after["title"] == activity.title
