"""The workbook benchmark still runs (with a few rows)."""

import workbook_bench as bench


def test_it_times_the_workbook_preview_against_openpyxl_reading_it(plan):
    assert bench.bench_workbook_preview(5, runs=1) > 0
    assert bench.bench_workbook_floor(5, runs=1) > 0
