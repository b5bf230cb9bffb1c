"""The import at scale: its queries do not grow with the file, it writes in bulk, a chunk at a
time, with one change-log row per activity under one request, and a problem in a later chunk
still undoes the chunks already written."""

import gc

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from workplan.core.models import ChangeLog
from workplan.exchange import activities_import
from workplan.exchange.activities_import import check_file, import_file
from workplan.exchange.tests.sheets import edit, exported, row, workbook
from workplan.plans.models import Activity
from workplan.reporting import tally


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of three rows, so that a short file spans several."""
    monkeypatch.setattr(activities_import, "CHUNK", 3)


def rows(count: int, **cells) -> list[dict]:
    return [row(code=f"SEA-2025-{n:03d}", title=f"Course {n}", **cells) for n in range(count)]


def problems(report) -> list[str]:
    return [str(problem) for problem in report.problems]


@pytest.mark.parametrize("size", [5, 35])
def test_its_queries_do_not_grow_with_the_rows_of_a_chunk(
    plan, asec, tmp_path, size, django_assert_num_queries
):
    """Up to 35 rows: SQLite takes at most 999 values a statement, so Django inserts activities
    (25 columns) 39 at a time there (PostgreSQL: all in one statement); the bench counts larger
    files."""
    path = workbook(tmp_path / "r.xlsx", rows(size))
    ContentType.objects.get_for_model(Activity)  # cached for the process, as in a server
    tally.rebuild(plan.pk)  # as its first reader makes them
    # savepoint; the plan with its parties; the vocabulary: all parties, areas, commitments,
    # funding sources; the chunk's activities by code; the bulk write: savepoint, codes used,
    # activities (savepoint, insert, release), commitments, partners, change log, search
    # documents, release; release (may the Secretariat add activities needs no query)
    # + the tallies settled (`reporting.tally`, 13 to 21 whatever the number of rows): savepoint,
    # the plan locked, its tally day; the activities' facts (activities, partners, commitments,
    # updates sent, the plan's periods); what they counted last; the facts written; the rows of
    # each tally they change, read then inserted, updated or deleted; release
    with django_assert_num_queries(40):
        report = import_file(plan, path, actor=asec)
    assert report.committed
    assert Activity.objects.count() == size


@pytest.mark.parametrize("size", [5, 50])
def test_its_dry_run_queries_do_not_grow_with_the_rows_of_a_chunk(
    plan, asec, make_activity, tmp_path, size, django_assert_num_queries
):
    for _ in range(size):
        make_activity()
    path = exported(plan, tmp_path / "r.xlsx")
    edit(path, {(2, "Title"): "Renamed"})
    # the plan with its parties; the vocabulary (5 queries); the chunk: the activities with its
    # codes, their commitments, their partners, which of them the user may see
    with django_assert_num_queries(10):
        report = check_file(plan, path, actor=asec)
    assert report.counts == {"create": 0, "update": 1, "unchanged": size - 1}


def test_it_writes_one_change_log_row_per_activity_under_one_request(
    plan, asec, make_activity, tmp_path, small_chunks
):
    for _ in range(4):
        make_activity()
    path = exported(plan, tmp_path / "r.xlsx")
    edit(path, {(2, "Title"): "Renamed", (5, "Status"): "Postponed"})
    first_new = workbook(tmp_path / "new.xlsx", rows(5))
    from openpyxl import load_workbook

    combined = load_workbook(path)
    for values in load_workbook(first_new)["Activities"].iter_rows(min_row=2, values_only=True):
        combined["Activities"].append(values)
    combined.save(path)
    start = ChangeLog.objects.aggregate(Max("id"))["id__max"]

    report = import_file(plan, path, actor=asec)

    assert report.counts == {"create": 5, "update": 2, "unchanged": 2}
    entries = ChangeLog.objects.filter(id__gt=start, content_type__model="activity")
    assert sorted(entries.values_list("kind", flat=True)) == ["create"] * 5 + ["update"] * 2
    assert entries.values("request_id").distinct().count() == 1
    assert entries.values("object_id").distinct().count() == 7
    versions = dict(Activity.objects.values_list("title", "version"))
    assert versions["Renamed"] == 2
    assert versions["Course 0"] == 1


def test_it_names_a_code_given_again_in_a_later_chunk(plan, asec, tmp_path, small_chunks):
    lines = rows(8)
    lines[6]["Code"] = "sea-2025-001"
    path = workbook(tmp_path / "r.xlsx", lines)
    assert problems(check_file(plan, path, actor=asec)) == [
        "Row 8, Code: SEA-2025-001 is also in row 3; each code once per file."
    ]


def test_a_problem_in_a_later_chunk_undoes_the_chunks_already_written(
    plan, asec, tmp_path, small_chunks
):
    lines = rows(10)
    lines[8]["Lead party"] = "Atlantis"
    path = workbook(tmp_path / "r.xlsx", lines)
    before = ChangeLog.objects.aggregate(Max("id"))

    report = import_file(plan, path, actor=asec)

    assert problems(report) == ["Row 10, Lead party: 'Atlantis' is not a party of this plan."]
    assert report.counts["create"] == 9  # every other row was checked
    assert not report.committed
    assert not Activity.objects.exists()
    assert ChangeLog.objects.aggregate(Max("id")) == before


def test_a_row_without_a_code_gets_one_after_the_codes_later_rows_name(
    plan, asec, tmp_path, small_chunks
):
    path = workbook(tmp_path / "r.xlsx", [row(title="First, no code"), *rows(4)[1:]])
    assert import_file(plan, path, actor=asec).committed
    assert Activity.objects.get(title="First, no code").code == "SEA-2025-04"


def test_a_focal_points_refused_row_in_a_later_chunk_is_named_and_nothing_written(
    plan, idn, tmp_path, small_chunks
):
    lines = rows(7)
    lines[5].update({"Lead party": "Japan", "Partner parties": ""})
    path = workbook(tmp_path / "r.xlsx", lines)
    report = import_file(plan, path, actor=idn)
    assert problems(report) == [
        "Row 7, Lead party: You may import only activities led by Indonesia; this row is led "
        "by Japan."
    ]
    assert not Activity.objects.exists()


def test_a_code_written_as_a_number_is_a_code_not_a_blank(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", [row(code=0), row(code=2024.0), row()])
    assert import_file(plan, path, actor=asec).committed
    assert sorted(Activity.objects.values_list("code", flat=True)) == ["0", "2024", "SEA-2025-01"]


def test_it_gives_the_garbage_collector_back_as_it_found_it(plan, asec, tmp_path):
    path = workbook(tmp_path / "r.xlsx", rows(2))
    assert gc.get_freeze_count() == 0
    import_file(plan, path, actor=asec)
    assert gc.get_freeze_count() == 0

    gc.freeze()  # as a server may do before forking its workers
    try:
        frozen = gc.get_freeze_count()
        check_file(plan, path, actor=asec)
        assert 0 < gc.get_freeze_count() <= frozen  # still frozen (some may have been freed)
    finally:
        gc.unfreeze()
