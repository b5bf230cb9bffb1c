"""Turns the JSON results of bench/run.py into bench/RESULTS.md: per database, the pages at each
size, every ratio beside its target, the load test and the query plans."""

import datetime
import json
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
SAME_QUERIES = [
    "Plan page",
    "Plan page (Secretariat)",
    "Dashboard (Secretariat)",
    "Activity list (50 rows)",
    "Dashboard",
    "Meeting page",
    "Meeting list",
    "API: plan's activities",
    "API: progress updates",
    "API: meetings",
    "API: action items",
    "API: change history",
]
# Pages whose time at the largest size is held to 1.5× their time at the smallest.
FLAT = [
    "Plan page", "Plan page (Secretariat)", "Dashboard", "Dashboard (Secretariat)",
    "Activity list (50 rows)", "API: plan's activities", "API: progress updates",
]  # fmt: skip
ACTIVITY_LIST, API_LIST = "Activity list (50 rows)", "API: plan's activities"
FRAMEWORK = "Framework floor (fixed text)"
API_FLOOR = "API floor: same rows, .values() + json.dumps"


def write_results(paths: list[Path]) -> None:
    runs = [json.loads(path.read_text()) for path in paths]
    lines = [*_heading(runs)]
    for run in runs:
        lines += _database(run)
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def _heading(runs) -> list[str]:
    described = runs[0]["machine"] if runs else machine()
    sizes = ", ".join(f"{int(s):,}" for s in runs[0]["sizes"]) if runs else "—"
    return [
        "# Benchmark results",
        "",
        f"Written {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `make bench` "
        f"(bench/run.py). Machine: {described}.",
        "",
        f"Sizes: {sizes} activities. Pages are served by gunicorn (2 sync workers) and "
        "requested over loopback from a second process, signed in as a focal point; each time "
        "is the median of 15 requests (5 for the plan page and the dashboard) after 2 untimed "
        "ones. Floors are measured in the same run, on the same data. After each growth step the "
        "planner's statistics are refreshed (ANALYZE; VACUUM ANALYZE on PostgreSQL, as "
        "autovacuum does after a bulk insert). Query counts include the session's renewal "
        "(3 queries) on every request.",
        "",
    ]


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines()
                  if ln.startswith("model name")]  # fmt: skip
        cpu = models[0] if models else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def _database(run) -> list[str]:
    title = f"{NAMES[run['database']]} ({run['version']})"
    return [
        f"## {title}",
        "",
        *_pages(run),
        *_targets(run),
        *_load(run),
        *_explain(run),
    ]


def _pages(run) -> list[str]:
    sizes = list(run["sizes"])
    head = " | ".join(f"queries at {int(s):,}" for s in sizes)
    times = " | ".join(f"ms at {int(s):,}" for s in sizes)
    lines = [
        "### Pages",
        "",
        f"| page | {head} | {times} | growth {int(sizes[-1]):,} ÷ {int(sizes[0]):,} |",
        "|---|" + "---:|" * (2 * len(sizes) + 1),
    ]
    for name in run["sizes"][sizes[0]]:
        queries = " | ".join(str(run["sizes"][s][name]["queries"]) for s in sizes)
        ms = " | ".join(f"{run['sizes'][s][name]['ms']:.1f}" for s in sizes)
        growth = run["sizes"][sizes[-1]][name]["ms"] / run["sizes"][sizes[0]][name]["ms"]
        lines.append(f"| {name} | {queries} | {ms} | {growth:.2f} |")
    return [*lines, ""]


def _targets(run) -> list[str]:
    lines = [
        "### Targets",
        "",
        "| target | measured | floor | ratio | limit | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for what, measured, floor, limit, unit in _ratios(run):
        ratio = measured / floor if floor else None
        met = "—" if limit is None or ratio is None else ("yes" if ratio <= limit else "**no**")
        lines.append(
            f"| {what} | {measured:.{3 if unit == 's' else 1}f} {unit} | "
            f"{_number(floor, unit)} | {_number(ratio, '×')} | {_number(limit, '×')} | {met} |"
        )
    lines += _query_target(run)
    return [*lines, ""]


def _number(value, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}{unit}" if unit == "×" else f"{value:.3f} {unit}"


def _ratios(run) -> list[tuple]:
    sizes = list(run["sizes"])
    largest, smallest = run["sizes"][sizes[-1]], run["sizes"][sizes[0]]
    at = f"at {int(sizes[-1]):,}"
    rows = [
        (f"Activity list at {int(sizes[0]):,} ÷ framework floor", smallest[ACTIVITY_LIST]["ms"],
         smallest[FRAMEWORK]["ms"], 8, "ms"),
        (f"Activity list {at} ÷ framework floor", largest[ACTIVITY_LIST]["ms"],
         largest[FRAMEWORK]["ms"], None, "ms"),
        # No limit since the dashboard sums the tallies: its SQL is a few milliseconds, so the
        # ratio says how much of the page is Python, not whether the page keeps up with data.
        (f"Dashboard {at} ÷ its SQL run raw", largest["Dashboard"]["ms"],
         largest["Dashboard"]["floor_ms"], None, "ms"),
        (f"API list page {at} ÷ .values() + JSON floor", largest[API_LIST]["ms"],
         largest[API_FLOOR]["ms"], 2, "ms"),
    ]  # fmt: skip
    for name in FLAT:
        rows.append(
            (f"{name} {at} ÷ at {int(sizes[0]):,}", largest[name]["ms"], smallest[name]["ms"],
             1.5, "ms")
        )  # fmt: skip
    for section in run["sections"]:
        unit = "MiB" if "MiB" in section["what"] else "s"
        rows.append(
            (section["what"], section["measured"], section["floor"], section["limit"], unit)
        )
    return rows


def _query_target(run) -> list[str]:
    sizes = list(run["sizes"])
    counts = {name: {run["sizes"][s][name]["queries"] for s in sizes} for name in SAME_QUERIES}
    growing = [name for name, seen in counts.items() if len(seen) > 1]
    sizes_text = " and ".join(f"{int(s):,}" for s in sizes)
    met = "yes" if not growing else f"**no**: {', '.join(growing)}"
    return [f"| Same query counts at {sizes_text} ({len(SAME_QUERIES)} pages) | | | | | {met} |"]


def _load(run) -> list[str]:
    if not run.get("load"):
        return []
    one, many = run["load"][0], run["load"][-1]
    lines = [
        "### Under load",
        "",
        f"`{one['path']}` at {int(run['load_size']):,} activities, each connection its own "
        "signed-in session, one request after another.",
        "",
        "| connections | seconds | requests | errors | requests/s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for step in run["load"]:
        lines.append(
            f"| {step['connections']} | {step['seconds']:.1f} | {step['completed']} | "
            f"{step['errors']} | {step['per_second']:.1f} |"
        )
    ratio = many["per_second"] / one["per_second"]
    errors = sum(step["errors"] for step in run["load"])
    lines += [
        "",
        f"Throughput at {many['connections']} connections ÷ at 1: **{ratio:.2f}×** "
        f"(target ≥ 1.6×: {'met' if ratio >= 1.6 else 'missed'}); errors: {errors} "
        f"(target 0: {'met' if errors == 0 else 'missed'}).",
        "",
    ]
    return lines


def _explain(run) -> list[str]:
    if not run.get("explain"):
        return []
    lines = [
        f"### Query plans of the activity list's filters at {int(run['explain_size']):,}",
        "",
        "Each filter's count and 50-row page, as `register_filters.explain_activity_filters` runs "
        "them; an index is used when neither query reads a table of activities or their links "
        "from end to end (Seq Scan).",
        "",
        "| user | filter | uses an index |",
        "|---|---|:---:|",
    ]
    for entry in run["explain"]:
        used = "yes" if entry["uses_index"] else "**no**"
        lines.append(f"| {entry['user']} | {entry['filter']} | {used} |")
    lines.append("")
    for entry in run["explain"]:
        lines += [f"<details><summary>{entry['user']}: {entry['filter']}</summary>", "", "```"]
        lines += [entry["plan"], "```", "", "</details>", ""]
    return lines
