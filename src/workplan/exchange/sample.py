"""Sample activities and demo accounts, for demonstrations; refused in production.

Idempotent: accounts are matched by username, and sample activities are only added
to a plan that has none yet.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from workplan.accounts.actions import change_email, create_user
from workplan.accounts.models import User
from workplan.core import changelog, clock
from workplan.exchange.default_plan import load_plan_file
from workplan.meetings.actions import (
    add_action_item,
    add_agenda_item,
    add_decision,
    create_meeting,
    update_action_item,
    update_meeting,
)
from workplan.meetings.models import Body, Meeting
from workplan.notifications.actions import email_paused
from workplan.parties.models import Party
from workplan.plans.actions import add_indicator, create_activity, update_activity
from workplan.plans.models import Activity, FundingSource, WorkPlan
from workplan.reporting.actions import (
    accept_update,
    return_update,
    save_update,
    start_update,
    submit_update,
)

SAMPLE_FILE = Path(__file__).parent / "data" / "sample.yaml"
# The demo's second plan, beside the default: illustrative, flagged "Sample" in its title.
SECOND_PLAN_FILE = Path(__file__).parent / "data" / "sample_china_plan.yaml"


def read_sample(path: Path = SAMPLE_FILE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_sample(plan: WorkPlan, data: dict | None = None) -> tuple[list[User], int]:
    """Creates the demo accounts and the sample activities; returns the accounts and how many
    activities were added."""
    if not settings.ALLOW_SAMPLE_DATA:
        raise ImproperlyConfigured("Sample data and demo accounts are never loaded in production.")
    data = data or read_sample()
    # The sample's made-up history is told in the app; nobody is e-mailed about it.
    with email_paused(), changelog.request_scope(), transaction.atomic():
        accounts = [_demo_account(entry, data["demo_password"]) for entry in data["accounts"]]
        added = _sample_activities(plan, data["activities"], actor=accounts[0])
        if added:
            _sample_reporting(plan, data, {account.party.code: account for account in accounts})
            _sample_meetings(plan, data.get("meetings", []), actor=accounts[0])
    return accounts, added


def load_second_plan(data: dict | None = None) -> tuple[WorkPlan, int]:
    """Loads the demo's second plan (an illustrative SOMTC + China plan, "Sample") and its
    sample activities, so the demo shows plans side by side; returns it and how many
    activities were added (none the second time)."""
    if not settings.ALLOW_SAMPLE_DATA:
        raise ImproperlyConfigured("Sample data and demo accounts are never loaded in production.")
    data = data or read_sample()
    actor = User.objects.get(username=data["accounts"][0]["username"])
    with email_paused(), changelog.request_scope(), transaction.atomic():
        plan, _ = load_plan_file(SECOND_PLAN_FILE)
        added = _sample_activities(plan, data.get("second_plan_activities", []), actor=actor)
        _note_plan(plan, data.get("second_plan_noted_by", []), actor=actor)
    return plan, added


def _note_plan(plan: WorkPlan, entries: list[dict], *, actor: User) -> None:
    """The meetings named (by body and number) also note `plan`; each once, through the
    meeting's edit, so the history says who did it."""
    for entry in entries:
        meeting = Meeting.objects.filter(body__key=entry["body"], number=entry["number"]).first()
        if meeting is None or meeting.noted_plans.filter(pk=plan.pk).exists():
            continue
        noted = [*meeting.noted_plans.all(), plan]
        update_meeting(
            meeting, {"noted_plans": noted}, expected_version=meeting.version, actor=actor
        )


def _demo_account(entry: dict, password: str) -> User:
    existing = User.objects.filter(username=entry["username"]).first()
    if existing:
        if not existing.email and entry.get("email"):  # made before demo accounts had one
            change_email(existing, entry["email"], actor=existing)
        return existing
    fields = {key: value for key, value in entry.items() if key not in ("username", "party")}
    party = Party.objects.get(code=entry["party"])
    return create_user(entry["username"], password, party=party, **fields)


def _sample_activities(plan: WorkPlan, entries: list[dict], *, actor: User) -> int:
    if Activity.objects.filter(plan=plan, is_sample=True).exists():
        return 0
    areas = {area.key: area for area in plan.areas.prefetch_related("commitments")}
    parties = {party.code: party for party in Party.objects.all()}
    sources = {source.key: source for source in FundingSource.objects.all()}
    for entry in entries:
        data = _activity_data(entry, areas, parties, sources)
        _replay_activity(plan, data, actor)
    return len(entries)


ADOPTED = datetime.date(2023, 8, 22)  # the plan's adoption, at the 8th AMMTC + Japan
DAY = datetime.timedelta(days=1)


def on(day: datetime.date):
    """Dates what is recorded inside the block on `day` (never later than today)."""
    return clock.dated(min(day, timezone.localdate()))


def recorded_on(planned_start: datetime.date) -> datetime.date:
    """When a sample activity was recorded: four months before it was to start, but not
    before the plan was adopted."""
    return max(ADOPTED + 3 * DAY, planned_start - 120 * DAY)


def _replay_activity(plan, data: dict, actor) -> None:
    """Records the activity as it happened: planned first, then started, then finished,
    postponed or cancelled, each on its day."""
    final = {name: data[name] for name in ("status", "actual_start", "actual_end")}
    planned = {**data, "status": Activity.Status.PLANNED, "actual_start": None, "actual_end": None}
    with on(recorded_on(data["planned_start"])):
        activity = create_activity(plan, planned, actor=actor, is_sample=True)
        # the time it was first saved, which readers of stored times (the tracker) go by
        Activity.objects.filter(pk=activity.pk).update(created_at=clock.now())
    steps = []
    if final["actual_start"]:
        steps.append(
            (
                final["actual_start"] + 2 * DAY,
                {"status": Activity.Status.ONGOING, "actual_start": final["actual_start"]},
            )
        )
    if final["status"] in (Activity.Status.POSTPONED, Activity.Status.CANCELLED):
        steps.append((data["planned_start"] - 30 * DAY, {"status": final["status"]}))
    elif final["status"] == Activity.Status.COMPLETED:
        steps.append((final["actual_end"] + 5 * DAY, final))
    for day, change in steps:
        with on(day):
            activity = update_activity(
                activity, change, expected_version=activity.version, actor=actor
            )


def _sample_reporting(plan: WorkPlan, data: dict, accounts: dict) -> None:
    """Indicators and updates, each made through the same actions as on the pages."""
    activities = list(Activity.objects.filter(plan=plan, is_sample=True).order_by("pk"))
    secretariat = accounts["ASEC"]
    for entry in data.get("indicators", []):
        fields = {key: entry[key] for key in ("name", "unit", "baseline", "target")}
        activity = activities[entry["activity"] - 1]
        with on(recorded_on(activity.planned_start) + DAY):
            add_indicator(activity, fields, actor=secretariat)
    periods = {period.name: period for period in plan.periods.all()}
    for entry in data.get("updates", []):
        activity = activities[entry["activity"] - 1]
        reporter = accounts[activity.lead_party.code]
        _sample_update(activity, periods[entry["period"]], entry, reporter, secretariat)


def _sample_update(activity, period, entry: dict, reporter, secretariat) -> None:
    with on(period.end_date + 10 * DAY):
        update = _sample_report(activity, period, entry, reporter)
    if update is None:
        return
    with on(period.end_date + 24 * DAY):
        if entry["review"] == "accepted":
            accept_update(update, actor=secretariat)
        elif entry["review"] == "returned":
            return_update(update, entry["comment"], actor=secretariat)


def _sample_report(activity, period, entry: dict, reporter):
    """The update written (and submitted, unless it stays a draft) by its party."""
    update = start_update(activity, period, actor=reporter)
    indicators = list(activity.indicators.order_by("position", "pk"))
    values = {i.pk: Decimal(v) for i, v in zip(indicators, entry.get("values", []), strict=True)}
    fields = {
        "narrative": entry["narrative"],
        "percent_complete": entry["percent"],
        "reported_status": entry["status"],
    }
    update = save_update(update, fields, values, expected_version=1, actor=reporter)
    if entry["review"] == "draft":
        return None
    return submit_update(update, actor=reporter)


def _sample_meetings(plan: WorkPlan, entries: list[dict], *, actor: User) -> None:
    """Meetings with agendas, decisions and action items, through the meeting actions: each
    recorded before it, what it decided on its first day, actions closed on their day."""
    parties = {party.code: party for party in Party.objects.all()}
    areas = {area.key: area for area in plan.areas.all()}
    bodies = {body.key: body for body in Body.objects.all()}
    for entry in entries:
        fields = {key: entry[key] for key in ("number", "start_date", "end_date", "city", "status")}
        fields.update(body=bodies[entry["body"]], plan=plan,
                      country=parties[entry["country"]], chair=parties[entry["chair"]])  # fmt: skip
        recorded = entry.get("recorded", entry["start_date"] - 60 * DAY)
        with on(recorded):
            meeting = create_meeting(fields, actor=actor)
        with on(max(recorded, min(entry["start_date"], timezone.localdate()))):
            for item_entry in entry.get("agenda", []):
                _sample_agenda_item(meeting, item_entry, areas, parties, bodies, actor)


def _sample_agenda_item(meeting, entry: dict, areas, parties, bodies, actor) -> None:
    item = add_agenda_item(meeting, {
        "title": entry["title"], "noted": entry.get("noted", ""),
        "areas": [areas[key] for key in entry.get("areas", [])],
    }, actor=actor)  # fmt: skip
    if "decision" in entry:
        add_decision(item, entry["decision"], actor=actor)
    if "action" not in entry:
        return
    data = dict(entry["action"])
    closed = data.pop("closed", None)
    data["owners"] = [parties[code] for code in data["owners"]]
    if "due_by_next_meeting_of" in data:
        data["due_by_next_meeting_of"] = bodies[data["due_by_next_meeting_of"]]
    action = add_action_item(item, data, actor=actor)
    if closed:
        with on(closed[0]):
            update_action_item(action, {"status": closed[1]}, expected_version=1, actor=actor)


def _activity_data(entry: dict, areas: dict, parties: dict, sources: dict) -> dict:
    area = areas[entry["area"]]
    commitments = list(area.commitments.all())
    actual = entry.get("actual", [None, None])
    funding = entry.get("funding", [None, None, ""])
    return {
        "title": entry["title"],
        "description": f"Sample activity under {area.name.lower()}: {entry['title'].lower()}.",
        "area": area,
        "commitments": [commitments[number - 1] for number in entry["commitments"]],
        "lead_party": parties[entry["lead"]],
        "partner_parties": [parties[code] for code in entry["partners"]],
        "modality": entry["modality"],
        "planned_start": entry["planned"][0],
        "planned_end": entry["planned"][1],
        "actual_start": actual[0],
        "actual_end": actual[1],
        "status": entry["status"],
        "classification": entry["classification"],
        "funding_source": sources.get(funding[0]),
        "budget_amount": Decimal(funding[1]) if funding[1] is not None else None,
        "budget_currency": funding[2],
    }
