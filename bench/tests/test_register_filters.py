"""The register's queries and the indexes that answer them. Which index the planner takes
depends on the size of the tables: it is measured at 100,000 activities with
`bench/register_filters.py`; here, each filter is explained and the word search matches its
trigram indexes."""

import datetime

import pytest
from django.db import connection
from register_filters import FILTERS, explain_activity_filters, indexes_used

from workplan.plans.actions import archive_activity
from workplan.plans.filters import ActivityFilter
from workplan.plans.models import Activity

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"
)


@pytest.fixture
def register(plan, asec, make_activity):
    """A few activities of two areas, one ongoing, one archived, with partners and commitments."""
    make_activity(title="Joint patrol workshop", partners=["JPN", "VNM"])
    make_activity(
        title="Cyber forensics training",
        area="cybercrime",
        lead="VNM",
        status=Activity.Status.ONGOING,
        actual_start=datetime.date(2024, 3, 4),
    )
    archive_activity(make_activity(title="Old port study"), actor=asec)
    return plan


def test_it_explains_every_filter_of_the_register(register, asec, vnm):
    for user in (asec, vnm):
        explained = explain_activity_filters(register, user)
        assert [name for name, _, _ in explained] == FILTERS
        assert ["none", *ActivityFilter.base_filters] == FILTERS
        for name, plan_text, uses_index in explained:
            assert "-- page" in plan_text, name
            assert "-- count" in plan_text, name
            assert isinstance(uses_index, bool)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL chooses by table size")
def test_it_reaches_each_filters_rows_through_its_index_on_sqlite(register, vnm):
    """SQLite, without statistics, takes the index that fits the query: a partial index whose
    condition or columns stopped matching the register's query would show here."""
    expected = {
        "none": "activity_active_code",
        "area": "activity_active_area",
        "commitment": "activity_active_area",
        "lead_party": "activity_active_lead",
        "status": "activity_active_status",
        "year": "activity_active_dates",
        "state": "activity_archived_code",
    }
    for name, plan_text, uses_index in explain_activity_filters(register, vnm):
        assert uses_index, plan_text
        if name in expected:
            assert expected[name] in indexes_used(plan_text.split("-- count")[0]), plan_text


@on_postgresql
def test_it_makes_the_trigram_indexes_of_the_word_search(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'plans_activity' "
            "AND indexname LIKE %s",
            ["%\\_trgm"],
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {
        "activity_code_trgm",
        "activity_title_trgm",
        "activity_description_trgm",
    }
    for definition in indexes.values():
        assert "USING gin" in definition
        assert "gin_trgm_ops" in definition
        assert "upper(" in definition


@on_postgresql
def test_it_searches_words_through_the_trigram_indexes(register):
    """Each index's expression is the one Django writes for `icontains`, so a word is looked up
    in the three trigram indexes (the register's page may still prefer reading in code order
    when the word is common)."""
    activities = ActivityFilter(plan=register).search(Activity.objects.all(), "q", "patrol")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # no full scan of another index
    plan_text = activities.explain()
    assert indexes_used(plan_text) == [
        "activity_code_trgm",
        "activity_title_trgm",
        "activity_description_trgm",
    ], plan_text
