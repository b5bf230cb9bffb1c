"""Loads a plan file into the database: the embedded default plan (data/default_plan.yaml)
or any file in the same format (`workplan load-plan FILE.yaml`; the README describes it).

A file is checked whole before anything is written: every problem (a missing section or
area, an unknown party or body, a period or meeting that ends before it starts) is one
message, in the reader's language (the file's keys stay as written), and a file with any loads
nothing. Loading is idempotent: parties, bodies and
meetings are matched by code or key and number, and a plan already present (matched by
title) is left as its users keep it.
"""

import datetime
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from workplan.core import changelog
from workplan.meetings.actions import ensure_body, ensure_meeting
from workplan.parties.actions import ensure_party
from workplan.parties.models import Party
from workplan.plans.actions import create_plan, ensure_funding_source
from workplan.plans.models import Commitment, PriorityArea, WorkPlan, translation_problems
from workplan.reporting.actions import ensure_default_periods

DEFAULT_PLAN_FILE = Path(__file__).parent / "data" / "default_plan.yaml"
PLAN_FIELDS = [
    "title", "short_title", "start_date", "end_date", "rooted_in", "rooted_in_date",
    "rooted_in_place", "agreed_at", "adopted_at", "adopted_on", "is_public", "monitoring",
    "translations",
]  # fmt: skip


class PlanFileError(Exception):
    """A plan file that cannot be loaded; `problems` has one message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_default_plan(path: Path = DEFAULT_PLAN_FILE) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise PlanFileError([
            gettext("%(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ]) from None  # fmt: skip
    if not isinstance(data, dict):
        raise PlanFileError([
            gettext("%(path)s is not a plan file: it holds no sections.") % {"path": path}
        ])  # fmt: skip
    return data


def load_plan_file(path: Path) -> tuple[WorkPlan, bool]:
    """Loads a plan file; `PlanFileError` lists every problem and nothing is loaded."""
    return load_default_plan(read_default_plan(Path(path)))


def load_default_plan(data: dict | None = None) -> tuple[WorkPlan, bool]:
    """Loads the default plan (or the plan `data` of a file) and everything it needs; returns
    it and whether it was new."""
    data = data or read_default_plan()
    problems = plan_file_problems(data)
    if problems:
        raise PlanFileError(problems)
    try:
        return _load(data)
    except ValidationError as error:
        raise PlanFileError(_messages(error)) from None


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return error.messages
    return [
        f"{name.replace('_', ' ')}: {message}" if name != "__all__" else message
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _load(data: dict) -> tuple[WorkPlan, bool]:
    with changelog.request_scope(), transaction.atomic():
        for party in data["parties"]:
            ensure_party(**_party(party))
        for source in data.get("funding_sources", []):
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
    for entry in data.get("bodies", []):
        entry = dict(entry)
        key, lead = entry.pop("key"), codes.get(entry.pop("lead", None))
        bodies[key] = ensure_body(key, lead_party=lead, **entry)
    for entry in data.get("meetings", []):
        entry = dict(entry)
        body = bodies[entry.pop("body")]
        for name in ("country", "chair"):
            entry[name] = codes.get(entry.get(name))
        ensure_meeting(body, entry.pop("number"), plan=plan, **entry)


def plan_file_problems(data: dict) -> list[str]:
    """Every problem of a plan file that loading would meet, one message each, checked
    before anything is written."""
    plan = data.get("plan")
    if not isinstance(plan, dict):
        return [gettext("The file has no plan section: give the plan's title, period and parties.")]
    problems = [
        gettext("plan: %(name)s is missing.") % {"name": name}
        for name in _PLAN_REQUIRED
        if not plan.get(name)
    ]
    problems += _period_problems(None, plan.get("start_date"), plan.get("end_date"))
    problems += _translation_problems("plan", plan, WorkPlan)
    known = {entry.get("code") for entry in data.get("parties") or [] if isinstance(entry, dict)}
    known |= set(Party.objects.values_list("code", flat=True))  # the parties already there
    for code in plan.get("parties") or []:
        if code not in known:
            problems.append(
                gettext("plan: unknown party %(code)s; list it under parties first.")
                % {"code": code}
            )
    problems += _area_problems(data.get("priority_areas"))
    bodies = {entry.get("key") for entry in data.get("bodies") or [] if isinstance(entry, dict)}
    for entry in data.get("bodies") or []:
        if entry.get("lead") and entry["lead"] not in known:
            problems.append(
                gettext("body %(key)s: unknown party %(code)s.")
                % {"key": entry.get("key"), "code": entry["lead"]}
            )
    for entry in data.get("meetings") or []:
        problems += _meeting_problems(entry, bodies, known)
    return problems


_PLAN_REQUIRED = ("title", "short_title", "start_date", "end_date", "parties")
_AREA_REQUIRED = ("key", "name", "code_prefix")


def _period_problems(meeting: dict | None, start, end) -> list[str]:
    """The dates of the plan (`meeting` None) or of a meeting."""
    dates = [value for value in (start, end) if value is not None]
    facts = {"start": start, "end": end}
    if meeting is not None:
        facts |= {"body": meeting.get("body"), "number": meeting.get("number")}
    if any(not isinstance(value, datetime.date) for value in dates):
        message = (
            gettext("Meeting %(body)s %(number)s: dates are written as YYYY-MM-DD.")
            if meeting is not None
            else gettext("The plan: dates are written as YYYY-MM-DD.")
        )
        return [message % facts]
    if start and end and end < start:
        message = (
            gettext("Meeting %(body)s %(number)s ends (%(end)s) before it starts (%(start)s).")
            if meeting is not None
            else gettext("The plan ends (%(end)s) before it starts (%(start)s).")
        )
        return [message % facts]
    return []


def _area_problems(areas) -> list[str]:
    if not areas:
        return [gettext("The plan has no priority areas: give at least one under priority_areas.")]
    problems = []
    for number, area in enumerate(areas, start=1):
        name = area.get("name") or area.get("key")
        where = (
            gettext("priority area %(name)s") % {"name": name}
            if name
            else gettext("priority area number %(number)s") % {"number": number}
        )
        problems += [
            gettext("%(where)s: %(field)s is missing.") % {"where": where, "field": field}
            for field in _AREA_REQUIRED
            if not area.get(field)
        ]
        problems += _translation_problems(where, area, PriorityArea)
        for place, commitment in enumerate(area.get("commitments") or [], start=1):
            if isinstance(commitment, dict):
                what = gettext("%(area)s, commitment %(place)s") % {"area": where, "place": place}
                problems += _translation_problems(what, commitment, Commitment)
    return problems


def _translation_problems(what: str, entry: dict, model) -> list[str]:
    """The entry's `translations` ({language: {text: …}}, the texts of `model.TRANSLATED`)."""
    if "translations" not in entry:
        return []
    problems = translation_problems(entry["translations"], model.TRANSLATED)
    message = gettext("%(where)s: translations: %(problem)s")
    return [message % {"where": what, "problem": problem} for problem in problems]


def _meeting_problems(entry: dict, bodies: set, known: set) -> list[str]:
    facts = {"body": entry.get("body"), "number": entry.get("number")}
    problems = []
    if entry.get("body") not in bodies:
        problems.append(gettext("meeting %(body)s %(number)s: unknown body %(body)s.") % facts)
    for name in ("country", "chair"):
        if entry.get(name) and entry[name] not in known:
            problems.append(
                gettext("meeting %(body)s %(number)s: unknown party %(code)s as %(field)s.")
                % (facts | {"code": entry[name], "field": name})
            )
    return problems + _period_problems(entry, entry.get("start_date"), entry.get("end_date"))
