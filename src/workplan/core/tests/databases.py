"""Databases of their own for the backup and concurrency tests, and the data they hold.

On SQLite the suite's database lives in memory; these tests need a file (WAL, several
connections), so they copy it into one under `tmp_path` and point the default connection at
the copy. On PostgreSQL they use the suite's own test database and make throwaway ones, with
psycopg, to restore into.
"""

import contextlib
import datetime
import sqlite3
import uuid
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)) * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(255, -1, -1)) * 20


def engine() -> str:
    """The suite's database engine: 'sqlite' or 'postgresql'."""
    return connections["default"].vendor


@contextlib.contextmanager
def use_database(settings_dict: dict):
    """Points the default connection at another database, in this thread and in the threads
    started inside the block (each opens its own connection from these settings)."""
    handler_settings = connections.settings
    original, wrapper = handler_settings["default"], connections["default"]
    handler_settings["default"] = connections.configure_settings({"default": settings_dict})[
        "default"
    ]
    connections["default"] = connections.create_connection("default")
    ContentType.objects.clear_cache()  # the other database numbers its content types itself
    try:
        yield connections["default"]
    finally:
        connections["default"].close()
        handler_settings["default"], connections["default"] = original, wrapper
        ContentType.objects.clear_cache()


def settings_for(name: str) -> dict:
    """The suite's database settings (the project's SQLite options included), for `name`."""
    current = dict(connections.settings["default"])
    current["NAME"] = name
    current["TEST"] = {**current.get("TEST", {}), "NAME": name}
    return current


@contextlib.contextmanager
def sqlite_file_copy(path: Path):
    """The suite's SQLite database (migrated, empty) copied to a file, in use inside the block."""
    suite = connections["default"]
    suite.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as copy:
        suite.connection.backup(copy)
    with use_database(settings_for(str(path))) as connection:
        yield connection


def postgres_admin():
    """A psycopg connection to the server's `postgres` database, as the suite's user."""
    import psycopg

    db = connections.settings["default"]
    params = {name.lower(): db[name] for name in ("HOST", "PORT", "USER", "PASSWORD") if db[name]}
    return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params)


@contextlib.contextmanager
def throwaway_database(tmp_path: Path, label: str):
    """A new, empty database of the suite's engine, in use inside the block, then dropped."""
    if engine() == "sqlite":
        with use_database(settings_for(str(tmp_path / f"{label}.sqlite3"))) as connection:
            yield connection
        return
    name = f"workplan_{label}_{uuid.uuid4().hex[:10]}"
    with postgres_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with use_database(settings_for(name)) as connection:
            yield connection
    finally:
        with postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_rows(connection=None, *, counters: bool = True) -> dict[str, list[str]]:
    """Every row of every table (and the id counters), each as text, in a stable order.

    PostgreSQL's id counters move on even when the transaction that drew an id rolls back;
    `counters=False` leaves them out.
    """
    connection = connection or connections["default"]
    tables = sorted(connection.introspection.table_names(include_views=False))
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
        if not counters:
            return rows
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
        rows["(id counters)"] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by its path relative to it, with its bytes."""
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def plan_at_work(plan, make_activity, asec, jpn, parties) -> dict:
    """A plan in use: activities, an accepted update with evidence, a meeting with its agenda,
    an action item, an amendment and a document, all made through the actions."""
    from workplan.meetings import actions as meetings
    from workplan.meetings.models import Body
    from workplan.plans.actions import add_indicator
    from workplan.reporting import actions as reporting

    activity = make_activity(
        lead="JPN", partners=["IDN", "VNM"], status="ongoing",
        actual_start=datetime.date(2024, 3, 2), classification="restricted",
    )  # fmt: skip
    make_activity(title="Port security study", area="terrorism", lead="IDN", partners=[])
    indicator = add_indicator(activity, {"name": "Officers trained", "unit": "number"}, actor=asec)
    update = reporting.start_update(activity, plan.periods.get(name="H1 2024"), actor=jpn)
    update = reporting.save_update(
        update,
        {"narrative": "Two courses held.", "percent_complete": 40, "reported_status": "ongoing"},
        {indicator.pk: 35},
        expected_version=1,
        actor=jpn,
    )
    evidence = reporting.add_evidence(update, upload("attendance.pdf", PDF), actor=jpn)
    reporting.add_comment(update, "Attendance list attached.", actor=jpn)
    update = reporting.accept_update(reporting.submit_update(update, actor=jpn), actor=asec)
    meeting = meetings.create_meeting(
        {
            "body": Body.objects.get(key="SOMTC+JPN"),
            "number": 30,
            "plan": plan,
            "start_date": datetime.date(2024, 6, 10),
            "end_date": datetime.date(2024, 6, 11),
            "city": "Vientiane",
            "country": parties["LAO"],
            "status": "held",
        },
        actor=asec,
    )
    item = meetings.add_agenda_item(meeting, {"title": "Review of the work plan"}, actor=asec)
    action = meetings.add_action_item(
        item,
        {"text": "Share the list of trained officers", "owners": [parties["VNM"]],
         "due_date": datetime.date(2024, 9, 1), "activities": [activity]},
        actor=asec,
    )  # fmt: skip
    amendment = meetings.add_amendment(
        meeting,
        {"kind": "changed", "activity": activity, "description": "Adds a second course."},
        actor=asec,
    )
    document = meetings.add_document(meeting, upload("agenda.png", PNG), actor=asec)
    return {
        "activity": activity,
        "update": update,
        "evidence": evidence,
        "meeting": meeting,
        "agenda_item": item,
        "action": action,
        "amendment": amendment,
        "document": document,
    }


def require_postgres_tools(*programs: str) -> None:
    import shutil

    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed: install the PostgreSQL client tools "
            "(apt-get install postgresql-client) to test PostgreSQL backups"
        )
