"""The benchmarks `make bench` calls still run (with a few rows) and leave the data as found."""

import import_bench as bench

from workplan.plans.models import Activity


def test_it_times_import_and_export_against_their_floors(plan):
    times = [
        bench.bench_import(20, runs=1),
        bench.bench_import_floor(20, runs=1),
        bench.bench_export(30, runs=1),
        bench.bench_export_floor(30, runs=1),
    ]
    assert all(seconds > 0 for seconds in times)
    assert not Activity.objects.filter(code__startswith="IMP-").exists()  # rolled back
    assert Activity.objects.count() == 30


def test_it_measures_the_peak_memory_of_an_import_and_leaves_the_data_as_found(plan):
    peak = bench.bench_import_memory(20)
    assert isinstance(peak, int)
    assert peak > 0
    assert not Activity.objects.filter(code__startswith="IMP-").exists()
