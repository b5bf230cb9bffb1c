"""`make load-test`: 16 signed-in officials at once on PostgreSQL with 4 gunicorn workers.

A fresh database grows to `--size` activities (100,000 by default); then first one user, then
16 users, each on their own session, browse a mix of pages one request after another for
`--seconds`: the plan page, the dashboard, the register with a filter, an activity page, a
meeting page and the API's activity list; about 1 request in 20 is a write (an edit of an
activity the user's party leads, through the API with If-Match, or a message on one of its
progress updates). Any answer but the expected one, and any failed connection, is an error.
Writes bench/LOAD.md: throughput, median and 95th-percentile latency, errors, per page kind.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from http_client import Client  # noqa: E402
from run import fresh_postgres, generate_up_to, served, setup_django, vacuum  # noqa: E402

USERS = 16
WORKERS = 4
PASSWORD = "bench-password-1"
WRITE_SHARE = 0.05
READS = {  # kind: weight
    "plan page": 15,
    "dashboard": 15,
    "register, filtered": 25,
    "activity page": 20,
    "meeting page": 10,
    "API activity list": 15,
}


@dataclass
class Official:
    username: str
    led: list[int]  # activities the user's party leads, which the user may edit
    updates: list[int]  # progress updates of the user's party, to write a message on
    client: Client | None = None


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, milliseconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(milliseconds)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1


def officials(plan) -> list[Official]:
    """16 accounts: 12 focal points of the plan's parties and 4 Secretariat officers."""
    from workplan.accounts.models import User
    from workplan.parties.models import Party
    from workplan.reporting.models import ProgressUpdate

    parties = list(plan.parties.exclude(code="ASEC").order_by("code"))
    secretariat = Party.objects.get(code="ASEC")
    people = []
    for number in range(USERS):
        is_secretariat = number % 4 == 3
        party = secretariat if is_secretariat else parties[number % len(parties)]
        user, _ = User.objects.get_or_create(username=f"load-{number:02d}")
        user.role = User.Role.SECRETARIAT if is_secretariat else User.Role.FOCAL_POINT
        user.party = party
        user.set_password(PASSWORD)
        user.save()
        led = plan.activities.filter(archived_at__isnull=True)
        if not is_secretariat:
            led = led.filter(lead_party=party)
        # Each official edits their own share of the activities, so that two never edit the
        # same one: a conflict (412) would be the right answer, but not what is measured here.
        led_ids = list(led.order_by("pk").values_list("pk", flat=True)[number::USERS][:200])
        updates = ProgressUpdate.objects.filter(activity_id__in=led_ids[:50])
        if not is_secretariat:
            updates = updates.filter(party=party)
        people.append(
            Official(user.username, led_ids, list(updates.values_list("pk", flat=True)[:50]))
        )
    return people


def read_path(kind: str, plan, rng: random.Random, ids: dict) -> str:
    if kind == "plan page":
        return f"/plans/{plan.pk}/"
    if kind == "dashboard":
        return f"/plans/{plan.pk}/dashboard/"
    if kind == "register, filtered":
        choice = rng.choice(
            [f"area={rng.choice(ids['areas'])}", "status=ongoing", "q=maritime", "year=2025"]
        )
        return f"/plans/{plan.pk}/activities/?{choice}&page={rng.randint(1, 3)}"
    if kind == "activity page":
        return f"/activities/{rng.choice(ids['activities'])}/"
    if kind == "meeting page":
        return f"/meetings/{rng.choice(ids['meetings'])}/"
    return f"/api/plans/{plan.pk}/activities/?page={rng.randint(1, ids['api_pages'])}"


def write(official: Official, rng: random.Random) -> tuple[str, bool]:
    """An edit through the API, If-Match from the GET before it, or a message on an update."""
    client = official.client
    csrf = {"X-CSRFToken": client.cookies.get("csrftoken", ""), "Content-Type": "application/json"}
    if official.updates and rng.random() < 0.5:
        update = rng.choice(official.updates)
        body = json.dumps({"text": f"Load test message {rng.randint(1, 10**6)}."})
        status, _ = client.request("POST", f"/api/updates/{update}/comments/", body, csrf)
        return "write: message on an update", status in (200, 201)
    activity = rng.choice(official.led)
    connection_status, _ = client.get(f"/api/activities/{activity}/")
    version = client.last_headers.get("ETag", "")
    body = json.dumps({"description": f"Checked in the load test ({rng.randint(1, 10**6)})."})
    status, _ = client.request(
        "PATCH", f"/api/activities/{activity}/", body, {**csrf, "If-Match": version}
    )
    return "write: activity edit", connection_status == 200 and status == 200


def browse(official: Official, plan, ids: dict, stop_at: float, tally: Tally, seed: int):
    rng = random.Random(seed)
    kinds, weights = list(READS), list(READS.values())
    while time.perf_counter() < stop_at:
        started = time.perf_counter()
        try:
            if rng.random() < WRITE_SHARE and official.led:
                kind, ok = write(official, rng)
            else:
                kind = rng.choices(kinds, weights)[0]
                status, _ = official.client.get(read_path(kind, plan, rng, ids))
                ok = status == 200
        except OSError:
            kind, ok = "connection", False
        tally.add(kind, (time.perf_counter() - started) * 1000, ok)


def run_load(people: list[Official], plan, ids: dict, seconds: float) -> dict:
    tally = Tally()
    stop_at = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=browse, args=(person, plan, ids, stop_at, tally, number))
        for number, person in enumerate(people)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return summarise(tally, elapsed, len(people))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarise(tally: Tally, elapsed: float, users: int) -> dict:
    every = [ms for values in tally.latencies.values() for ms in values]
    return {
        "users": users,
        "seconds": elapsed,
        "requests": len(every),
        "errors": sum(tally.errors.values()),
        "per_second": len(every) / elapsed,
        "median_ms": statistics.median(every),
        "p95_ms": percentile(every, 0.95),
        "kinds": {
            kind: {
                "requests": len(values),
                "errors": tally.errors.get(kind, 0),
                "median_ms": statistics.median(values),
                "p95_ms": percentile(values, 0.95),
            }
            for kind, values in sorted(tally.latencies.items())
        },
    }


def report(size: int, runs: list[dict], version: str) -> str:
    one, many = runs
    lines = [
        "# Load test",
        "",
        f"Written {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make load-test`"
        f" (bench/load_test.py). {version}, {size:,} activities, gunicorn with {WORKERS} sync"
        f" workers, {os.cpu_count()} cores shared by the server, the database and the clients.",
        "",
        "Each user is a signed-in official on their own session (12 focal points, 4 Secretariat"
        " officers) sending one request after another: plan page, dashboard, register with a"
        f" filter, activity page, meeting page, API list; {WRITE_SHARE:.0%} writes (an activity"
        " edit through the API with If-Match, or a message on a progress update).",
        "",
        "| users | seconds | requests | errors | requests/s | median ms | p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['users']} | {run['seconds']:.0f} | {run['requests']:,} | {run['errors']} |"
            f" {run['per_second']:.1f} | {run['median_ms']:.0f} | {run['p95_ms']:.0f} |"
        )
    growth = many["per_second"] / one["per_second"]
    per_worker = many["per_second"] / WORKERS
    lines += [
        "",
        f"Throughput at {many['users']} users ÷ at 1: **{growth:.2f}×**; errors:"
        f" **{many['errors']}**; per worker: {per_worker:.1f} requests/s.",
        "",
        f"### By kind, {many['users']} users",
        "",
        "| kind | requests | errors | median ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, row in many["kinds"].items():
        lines.append(
            f"| {kind} | {row['requests']:,} | {row['errors']} | {row['median_ms']:.0f} |"
            f" {row['p95_ms']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--output", default=str(BENCH / "LOAD.md"))
    args = parser.parse_args()
    url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/workplan_load")
    fresh_postgres(url)
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(url, data_dir)
        from run import database_version

        from workplan.meetings.models import Meeting

        plan = generate_up_to(args.size)
        vacuum()
        people = officials(plan)
        ids = {
            "areas": list(plan.areas.values_list("pk", flat=True)),
            "activities": list(
                plan.activities.filter(classification="public").values_list("pk", flat=True)[:5000]
            ),
            "meetings": list(Meeting.objects.filter(plan=plan).values_list("pk", flat=True)),
            "api_pages": max(1, min(20, args.size // 200)),
        }
        with served(url, data_dir, workers=WORKERS) as port:
            for person in people:
                person.client = Client(port)
                person.client.sign_in(person.username, PASSWORD)
            runs = [run_load(group, plan, ids, args.seconds) for group in (people[:1], people)]
        Path(args.output).write_text(report(args.size, runs, database_version()))
    print(Path(args.output).read_text())


if __name__ == "__main__":
    main()
