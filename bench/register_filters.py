"""How the database answers the activity register: the plan of each filter's queries.

`explain_activity_filters` runs the register page's two queries for its first page (the
paginator's COUNT and the 50 rows, as `views.activity_list` builds them) once per filter of
`ActivityFilter`, with a value taken from the data, and asks the database for their plans:
`EXPLAIN`, or `EXPLAIN (ANALYZE, BUFFERS)`, which runs them; `EXPLAIN QUERY PLAN` on SQLite.
A filter "uses an index" when neither query reads `plans_activity` or a link table by scanning
the whole table: its rows are reached through an index (Index Scan, Index Only Scan, Bitmap
Index Scan; SQLite's SEARCH, or SCAN ... USING INDEX).
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workplan.plans.filters import ActivityFilter
from workplan.plans.models import Activity
from workplan.plans.views import register_filter

FILTERS = ["none", *ActivityFilter.base_filters]

# Tables the register reads whole when it has no index to go by (SQLite names the aliased
# link tables of the Exists filters by their alias, U0).
_FULL_SCAN = {
    "postgresql": re.compile(r"Seq Scan on (plans_activity\w*)"),
    "sqlite": re.compile(r"^SCAN (plans_activity\w*|U\d+)$", re.MULTILINE),
}
_INDEX_USED = {
    "postgresql": re.compile(
        r"(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using|on) (\w+)"
    ),
    "sqlite": re.compile(r"USING (?:COVERING )?INDEX (\w+)|(\w+) USING (?:INTEGER )?PRIMARY KEY"),
}


def filter_examples(plan) -> dict[str, dict[str, str]]:
    """A realistic query string for each filter, from the plan's data; "none" has no filter."""
    activities = Activity.objects.filter(plan=plan, archived_at__isnull=True)
    first = activities.order_by("code").first()
    served = Activity.commitments.through.objects.filter(activity__plan=plan).first()
    partner = Activity.partner_parties.through.objects.filter(activity__plan=plan).first()
    year = first.planned_start.year if first else plan.start_date.year
    word = max(first.title.split(), key=len) if first else "workshop"
    area = plan.areas.order_by("position").first()
    return {
        "none": {},
        "q": {"q": word},
        "area": {"area": str(area.pk)},
        "commitment": {"commitment": str(served.commitment_id if served else "")},
        "lead_party": {"lead_party": str(first.lead_party_id if first else "")},
        "partner_party": {"partner_party": str(partner.party_id if partner else "")},
        "status": {"status": Activity.Status.ONGOING.value},
        "year": {"year": str(year)},
        "state": {"state": "archived"},
    }


def register_queries(plan, user, data) -> tuple[str, str]:
    """The SQL of the register's COUNT (as the page runs it when the tallies do not keep the
    count for these filters) and of its first page of rows."""
    filterset = register_filter(plan, user, data or None)
    if data and not filterset.is_valid():
        raise ValueError(f"Not a valid register filter: {dict(filterset.errors)}")
    paginator = Paginator(filterset.qs, settings.ACTIVITIES_PER_PAGE)
    with CaptureQueriesContext(connection) as counted:
        paginator.count  # noqa: B018 (the COUNT is what is asked for)
    rows = paginator.get_page(1).object_list
    if not paginator.count:  # an empty page asks nothing: explain the query it would run
        rows = paginator.object_list[: paginator.per_page]
    with CaptureQueriesContext(connection) as listed:
        list(rows)  # the rows, then their partners (prefetched)
    return counted[0]["sql"], listed[0]["sql"]


def explain(sql: str, *, analyze: bool = False) -> str:
    """The database's plan for `sql`; with `analyze`, run it and give the timings (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(("EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN ") + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(row[-1] for row in cursor.fetchall())
        raise NotImplementedError(f"No query plan reader for {connection.vendor}.")


def uses_index(plan_text: str) -> bool:
    """Does the plan reach the register's rows through indexes, never reading a table whole?"""
    vendor = connection.vendor
    return not _FULL_SCAN[vendor].search(plan_text) and bool(_INDEX_USED[vendor].search(plan_text))


def indexes_used(plan_text: str) -> list[str]:
    """The indexes a plan reads, in order, each once."""
    found = _INDEX_USED[connection.vendor].finditer(plan_text)
    return list(dict.fromkeys(match.group(1) or f"{match.group(2)}_pkey" for match in found))


def explain_activity_filters(plan, user, *, analyze=False) -> list[tuple[str, str, bool]]:
    """(filter, plan of the COUNT and of the page, uses an index) for "none" and each filter of
    `ActivityFilter`, as `user` sees the register of `plan`."""
    results = []
    for name, data in filter_examples(plan).items():
        count_sql, page_sql = register_queries(plan, user, data)
        count_plan = explain(count_sql, analyze=analyze)
        page_plan = explain(page_sql, analyze=analyze)
        text = f"-- page\n{page_plan}\n-- count\n{count_plan}"
        results.append((name, text, uses_index(page_plan) and uses_index(count_plan)))
    return results
