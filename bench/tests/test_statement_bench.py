"""The benchmark `make bench` runs: a two-page statement, read in well under a second."""

from statement_bench import bench_read_statement, two_page_statement

from workplan.statements.tests.helpers import read_statement


def test_it_benchmarks_a_statement_of_about_a_thousand_words():
    words = len(two_page_statement().split())
    assert 1_000 <= words < 1_100


def test_it_reads_the_benchmark_statement_fully():
    reading = read_statement(two_page_statement())
    assert {m.body.key for m in reading.meetings} >= {"AMMTC", "AMMTC+JPN", "AMMTC+3"}


def test_it_reports_the_median_time_to_read_it(capsys, plan):
    seconds = bench_read_statement(repeat=3)
    with capsys.disabled():
        print(f"\nRead a two-page statement in {seconds * 1000:.0f} ms (median)")
    assert 0 < seconds < 2
