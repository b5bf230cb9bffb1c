"""How the app's database connections are set up."""

import pytest
from django.db import connection


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
