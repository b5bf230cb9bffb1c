"""How the app's database connections are set up."""

import pytest
from django.db import connection

from workplan.core import statistics


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit_compilation():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
@pytest.mark.django_db
def test_sqlite_connections_enforce_foreign_keys():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_refreshed_statistics_count_the_activities(make_activity):
    make_activity()
    make_activity()
    statistics.refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'plans_activity'")
        else:
            cursor.execute("SELECT reltuples::int FROM pg_class WHERE relname = 'plans_activity'")
        counted = {int(row[0].split()[0]) if isinstance(row[0], str) else row[0] for row in cursor}
    assert counted == {2}
