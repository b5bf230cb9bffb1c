"""Synthetic data at a chosen size, for benchmarks: deterministic for a given seed.

Activities spread over the default plan's areas and parties; for every reporting period an
activity runs through (and that has ended), an accepted update from its lead party and one
from a partner (four a year), each with its indicator value; meetings of each body every
year with agenda items and action items; one history row per activity. Rows are written in
bulk, straight to the tables: this is test data, not a record of anyone's work.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from workplan.accounts.models import User
from workplan.core import changelog, statistics
from workplan.core.models import ChangeLog
from workplan.exchange.default_plan import load_default_plan
from workplan.meetings.models import ActionItem, AgendaItem, Body, Meeting
from workplan.parties.models import Party
from workplan.plans.models import Activity, Indicator
from workplan.reporting import figures, tally
from workplan.reporting.models import IndicatorValue, ProgressUpdate

BATCH = 5000
WORDS = [
    "regional", "workshop", "training", "exchange", "maritime", "cyber", "forensic", "border",
    "patrol", "victim", "prosecutor", "precursor", "port", "container", "online", "study",
]  # fmt: skip


def generate(activities: int, seed: int = 1, *, dated_history: bool = False) -> dict:
    """Adds `activities` synthetic activities (and what goes with them) to the default plan;
    with `dated_history`, their change history as it would have been written over the years
    (recorded, started, completed; each update accepted after its period), which meeting
    reports read (`workplan.meetings.pack`)."""
    rng = random.Random(seed)
    plan, _ = load_default_plan()
    with transaction.atomic():
        author = _author()
        made = _activities(plan, activities, rng)
        _relations(made, plan, rng)
        indicators = _indicators(made)
        updates = _updates(made, plan, indicators, author, rng)
        figures.refresh_figures([activity.pk for activity in made])
        meetings = _meetings(plan, made, rng, author)
        (_dated_history if dated_history else _history)(made, author)
        tally.rebuild(plan.pk)  # the history above is written straight to its table
    statistics.refresh()
    return {"activities": len(made), "updates": updates, "meetings": meetings}


def _author() -> User:
    party = Party.objects.get(code="ASEC")
    user, _ = User.objects.get_or_create(
        username="bench-asec", defaults={"role": User.Role.SECRETARIAT, "party": party}
    )
    return user


def _activities(plan, count: int, rng: random.Random) -> list[Activity]:
    areas = list(plan.areas.all())
    parties = list(plan.parties.exclude(code="ASEC"))
    today = timezone.localdate()
    start = plan.start_date
    taken = Activity.objects.filter(plan=plan).count()
    rows = []
    for number in range(count):
        area = areas[number % len(areas)]
        begin = start + datetime.timedelta(days=rng.randrange(0, 1600))
        end = min(begin + datetime.timedelta(days=rng.randrange(30, 500)), plan.end_date)
        status, actual_start, actual_end = _status(begin, end, today, rng)
        rows.append(
            Activity(
                plan=plan,
                code=f"{area.code_prefix}-G{taken + number:06d}",
                title=" ".join(rng.choice(WORDS) for _ in range(5)).capitalize(),
                description="Synthetic activity for benchmarks.",
                area=area,
                lead_party=parties[rng.randrange(len(parties))],
                modality="workshop",
                planned_start=begin,
                planned_end=end,
                actual_start=actual_start,
                actual_end=actual_end,
                status=status,
                classification=rng.choice(["public", "internal", "internal", "restricted"]),
            )
        )
    return Activity.objects.bulk_create(rows, batch_size=BATCH)


def _status(begin, end, today, rng):
    if begin > today:
        return Activity.Status.PLANNED, None, None
    if end < today and rng.random() < 0.7:
        return Activity.Status.COMPLETED, begin, end
    return Activity.Status.ONGOING, begin, None


def _relations(made, plan, rng) -> None:
    parties = list(plan.parties.exclude(code="ASEC"))
    commitments = {area.pk: list(area.commitments.all()) for area in plan.areas.all()}
    partners = Activity.partner_parties.through
    served = Activity.commitments.through
    partner_rows, served_rows = [], []
    for activity in made:
        others = [p for p in parties if p.pk != activity.lead_party_id]
        for party in rng.sample(others, rng.randrange(1, 4)):
            partner_rows.append(partners(activity_id=activity.pk, party_id=party.pk))
        served_rows.append(
            served(activity_id=activity.pk, commitment=rng.choice(commitments[activity.area_id]))
        )
    partners.objects.bulk_create(partner_rows, batch_size=BATCH)
    served.objects.bulk_create(served_rows, batch_size=BATCH)


def _indicators(made) -> dict[int, Indicator]:
    rows = [
        Indicator(activity_id=a.pk, name="People trained", unit="number", target=100) for a in made
    ]
    return {
        indicator.activity_id: indicator
        for indicator in Indicator.objects.bulk_create(rows, batch_size=BATCH)
    }


def _updates(made, plan, indicators, author, rng) -> int:
    today = timezone.localdate()
    periods = [p for p in plan.periods.order_by("start_date") if p.end_date < today]
    partner_of = dict(
        Activity.partner_parties.through.objects.filter(
            activity__in=[a.pk for a in made]
        ).values_list("activity_id", "party_id")
    )
    now = timezone.now()
    total = 0
    batch = []
    for activity in made:
        running = [
            p
            for p in periods
            if p.start_date <= activity.planned_end and p.end_date >= activity.planned_start
        ]
        for step, period in enumerate(running, start=1):
            percent = min(100, round(100 * step / max(len(running), 1)))
            for party_id in (activity.lead_party_id, partner_of.get(activity.pk)):
                batch.append(
                    ProgressUpdate(
                        activity_id=activity.pk,
                        party_id=party_id,
                        period=period,
                        narrative="Synthetic progress.",
                        percent_complete=percent,
                        reported_status="ongoing",
                        status=ProgressUpdate.Status.ACCEPTED,
                        created_by=author,
                        submitted_at=now,
                        submitted_by=author,
                        reviewed_at=now,
                        reviewed_by=author,
                    )
                )
        if len(batch) >= BATCH:
            total += _flush(batch, indicators, rng)
            batch = []
    return total + _flush(batch, indicators, rng)


def _flush(batch, indicators, rng) -> int:
    updates = ProgressUpdate.objects.bulk_create(batch)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            update_id=u.pk,
            indicator=indicators[u.activity_id],
            value=Decimal(rng.randrange(0, 100)),
        )
        for u in updates
    )
    return len(updates)


def _meetings(plan, made, rng, author) -> int:
    """A meeting of each body every year of the plan, five agenda items each, every item
    reviewing three activities and deciding two actions; written in bulk."""
    meetings = Meeting.objects.bulk_create(_meeting_rows(plan))
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, position=p, title=f"Item {p}") for m in meetings for p in range(1, 6)
    )
    reviewed = AgendaItem.activities.through
    reviewed.objects.bulk_create(
        reviewed(agendaitem_id=item.pk, activity_id=activity.pk)
        for item in items
        for activity in rng.sample(made, min(3, len(made)))
    )
    _actions(items, plan, rng)
    return len(meetings)


def _meeting_rows(plan) -> list[Meeting]:
    rows = []
    for body in Body.objects.all():
        taken = Meeting.objects.filter(body=body).values_list("number", flat=True)
        number = max(taken, default=0) + 1
        for year in range(plan.start_date.year, plan.end_date.year + 1):
            rows.append(
                Meeting(
                    body=body,
                    number=number,
                    plan=plan,
                    start_date=datetime.date(year, 6, 10 + len(rows) % 10),
                    status="held" if year < 2026 else "planned",
                )
            )
            number += 1
    return rows


def _actions(items, plan, rng) -> None:
    parties = list(plan.parties.exclude(code="ASEC"))
    actions = ActionItem.objects.bulk_create(
        ActionItem(
            agenda_item=item,
            text="Report back on progress.",
            due_date=item.meeting.start_date + datetime.timedelta(days=120),
            status=rng.choice(["open", "in_progress", "done"]),
        )
        for item in items
        for _ in range(2)
    )
    owners = ActionItem.owners.through
    owners.objects.bulk_create(
        owners(actionitem_id=action.pk, party_id=rng.choice(parties).pk) for action in actions
    )


def _history(made, author) -> None:
    content_type = ContentType.objects.get_for_model(Activity)
    ChangeLog.objects.bulk_create(
        (
            ChangeLog(
                actor=author,
                actor_label=str(author),
                content_type=content_type,
                object_id=a.pk,
                object_repr=str(a)[:300],
                object_version=1,
                kind=ChangeLog.Kind.CREATE,
                after={"title": a.title, "code": a.code},
            )
            for a in made
        ),
        batch_size=BATCH,
    )


def _dated_history(made, author) -> None:
    """Full snapshots of each activity when recorded (planned, 90 days before its planned
    start), started and completed, and an "Accepted" event for each update 24 days after its
    period ended; never later than now."""
    now = timezone.now()
    rows = []
    for activity in made:
        for moment, snapshot in _activity_steps(activity):
            kind = (
                ChangeLog.Kind.CREATE
                if not rows or rows[-1][0] != activity
                else ChangeLog.Kind.UPDATE
            )
            rows.append((activity, min(moment, now), kind, snapshot, ""))
    updates = ProgressUpdate.objects.filter(
        activity__in=[a.pk for a in made], status=ProgressUpdate.Status.ACCEPTED
    ).select_related("period")
    for update in updates:
        accepted = _moment(update.period.end_date + datetime.timedelta(days=24))
        snapshot = {
            "status": "Accepted",
            "percent_complete": update.percent_complete,
            "period": changelog.reference(update.period),
        }
        rows.append((update, min(accepted, now), ChangeLog.Kind.EVENT, snapshot, "Accepted"))
    ChangeLog.objects.bulk_create(
        (
            ChangeLog(
                timestamp=moment,
                actor=author,
                actor_label=str(author),
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                object_repr=str(obj.pk),
                kind=kind,
                after=after,
                message=message,
            )
            for obj, moment, kind, after, message in rows
        ),
        batch_size=BATCH,
    )


def _activity_steps(activity) -> list[tuple]:
    final = changelog.snapshot(activity, relations=False)
    planned = {**final, "status": "Planned", "actual_start": None, "actual_end": None}
    steps = [(_moment(activity.planned_start - datetime.timedelta(days=90)), planned)]
    if activity.actual_start:
        ongoing = {**planned, "status": "Ongoing", "actual_start": final["actual_start"]}
        steps.append((_moment(activity.actual_start), ongoing))
    if activity.actual_end:
        steps.append((_moment(activity.actual_end + datetime.timedelta(days=3)), final))
    return steps


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
