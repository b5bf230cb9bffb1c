"""Loads the embedded default plan (data/default_plan.yaml) into the database.

Loading is idempotent: parties, bodies and meetings are matched by code or key and
number, and a plan already present (matched by title) is left as its users keep it.
"""

from pathlib import Path

import yaml
from django.db import transaction

from workplan.core import changelog
from workplan.meetings.actions import ensure_body, ensure_meeting
from workplan.parties.actions import ensure_party
from workplan.parties.models import Party
from workplan.plans.actions import create_plan, ensure_funding_source
from workplan.plans.models import WorkPlan
from workplan.reporting.actions import ensure_default_periods

DEFAULT_PLAN_FILE = Path(__file__).parent / "data" / "default_plan.yaml"
PLAN_FIELDS = [
    "title", "short_title", "start_date", "end_date", "rooted_in", "rooted_in_date",
    "rooted_in_place", "agreed_at", "adopted_at", "adopted_on", "is_public", "monitoring",
]  # fmt: skip


def read_default_plan(path: Path = DEFAULT_PLAN_FILE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_default_plan(data: dict | None = None) -> tuple[WorkPlan, bool]:
    """Loads the default plan and everything it needs; returns it and whether it was new."""
    data = data or read_default_plan()
    with changelog.request_scope(), transaction.atomic():
        for party in data["parties"]:
            ensure_party(**_party(party))
        for source in data["funding_sources"]:
            ensure_funding_source(source["key"], name=source["name"])
        plan, created = _load_plan(data)
        ensure_default_periods(plan)
        _load_meetings(data, plan)
    return plan, created


def _party(entry: dict) -> dict:
    return {
        "code": entry["code"],
        "name": entry["name"],
        "kind": entry["kind"],
        "member_since": entry.get("member_since"),
        "aliases": entry.get("aliases", []),
    }


def _load_plan(data: dict) -> tuple[WorkPlan, bool]:
    fields = {name: data["plan"][name] for name in PLAN_FIELDS if name in data["plan"]}
    existing = WorkPlan.objects.filter(title=fields["title"]).first()
    if existing:
        return existing, False
    parties = Party.objects.filter(code__in=data["plan"]["parties"])
    return create_plan(fields, parties=parties, areas=data["priority_areas"]), True


def _load_meetings(data: dict, plan: WorkPlan) -> None:
    codes = {party.code: party for party in Party.objects.all()}
    bodies = {}
    for entry in data["bodies"]:
        entry = dict(entry)
        key, lead = entry.pop("key"), codes.get(entry.pop("lead", None))
        bodies[key] = ensure_body(key, lead_party=lead, **entry)
    for entry in data["meetings"]:
        entry = dict(entry)
        body = bodies[entry.pop("body")]
        for name in ("country", "chair"):
            entry[name] = codes.get(entry.get(name))
        ensure_meeting(body, entry.pop("number"), plan=plan, **entry)
