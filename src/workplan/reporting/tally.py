"""Stored roll-ups of a plan's activities, so the plan page, the dashboard and the register's
count cost the same at any size.

Each activity that is not archived adds itself once to `AreaTally` (by area, lead party,
classification, status, health, weight and whether it serves any commitment: a count and the
sum of its progress) and, when not cancelled, to `CommitmentTally` for each commitment it
serves (its share of weight, split as `progress` splits it). A restricted activity is counted
once more for each partner party, in that party's rows (`partner_id`), since it sees it too.
The updates its lead party owes and has not sent are counted by period in `OwedTally` and
listed one by one in `UnsentUpdate` (the dashboard's first overdue). A page sums the rows its
reader may see (`plans.access.classification_rule`, the activity rule's own) instead of
reading activities.

Kept exact by `settle`: it recomputes the facts of the activities given, takes away what each
one added last time (`TalliedActivity.facts`) and adds what it adds now, in the caller's
transaction, with the plan's row locked so two writers never interleave. Every recorded write
calls it (`follow_writes`, on `core.changelog.recorded`): the activities written, an
update's activity, and every activity of a plan whose periods changed (periods decide which
activities are stalled and what is owed).

Health also depends on the day: a plan's tallies count the health of its `TallyDay`. Each
activity keeps the first day its health may read otherwise (`health_until`), and `current`,
which each page calls first, moves the plan to today by settling only the activities whose day
has come (or counting afresh when that is most of them). `differences` recomputes everything
to show any drift (`workplan check-figures`); `rebuild` writes it all afresh.
"""

import datetime
from collections import defaultdict
from fractions import Fraction
from itertools import islice
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from workplan.plans.access import classification_rule
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting.health import BEHIND_BY, ActivityAsOf, health_rule, last_ended_periods
from workplan.reporting.models import (
    AREA_TALLY_KEY,
    COMMITMENT_TALLY_KEY,
    OWED_TALLY_KEY,
    UNSENT_KEY,
    AreaTally,
    CommitmentTally,
    OwedTally,
    ProgressUpdate,
    ReportingPeriod,
    TalliedActivity,
    TallyDay,
    UnsentUpdate,
)
from workplan.reporting.progress import SPLIT_UNITS, AreaProgress, PlanProgress, Share
from workplan.reporting.tracker import MISSING, Owed, followed_by

CHUNK = 2000
NOBODY = Q(pk__in=[])
FIELDS = (
    "pk", "code", "area_id", "lead_party_id", "classification", "status", "weight", "archived_at",
    "planned_start", "planned_end", "actual_start", "actual_end", "accepted_percent",
    "accepted_period_end",
)  # fmt: skip
SENT = (ProgressUpdate.Status.SUBMITTED, ProgressUpdate.Status.ACCEPTED)
RESTRICTED = Activity.Classification.RESTRICTED
CANCELLED = Activity.Status.CANCELLED


# Writing


def settle(plan_id: int, activity_ids) -> None:
    """Brings the tallies up to date with these activities as they are now (in the caller's
    transaction). A plan never tallied is left alone: its first reader builds its tallies."""
    with transaction.atomic():
        _lock(plan_id)
        day = _tally_day(plan_id)
        if day is not None:
            _settle(plan_id, list(activity_ids), day)


def follow_writes(sender, objects, **kwargs) -> None:
    """Settles the activities just written or reported on, and every activity of a plan whose
    periods changed (`core.changelog.recorded`)."""
    written, plans = defaultdict(list), set()
    reported_on = {obj.activity_id for obj in objects if isinstance(obj, ProgressUpdate)}
    for activity_id, plan_id in Activity.objects.filter(pk__in=reported_on).values_list(
        "pk", "plan_id"
    ):  # sent or not, an update changes what its activity still owes
        written[plan_id].append(activity_id)
    for obj in objects:
        if isinstance(obj, Activity):
            written[obj.plan_id].append(obj.pk)
        elif isinstance(obj, ReportingPeriod):
            plans.add(obj.plan_id)
    for plan_id, activity_ids in written.items():
        if plan_id not in plans:
            settle(plan_id, activity_ids)
    for plan_id in plans:
        settle_plan(plan_id)


def settle_plan(plan_id: int) -> None:
    """`settle` for every activity of the plan."""
    settle(plan_id, Activity.objects.filter(plan_id=plan_id).values_list("pk", flat=True))


def current(plan, today: datetime.date | None = None) -> None:
    """Makes the plan's tallies count today's health: one query when they already do."""
    today = today or timezone.localdate()
    if TallyDay.objects.filter(plan_id=plan.pk, day=today).exists():
        return
    with transaction.atomic():
        _lock(plan.pk)
        day = _tally_day(plan.pk)
        if day == today:
            return
        if day is None or day > today:
            rebuild(plan.pk, today)
            return
        due = TalliedActivity.objects.filter(plan_id=plan.pk, health_until__lte=today)
        due = list(due.values_list("activity_id", flat=True))
        if len(due) > CHUNK:  # a period has ended: counting afresh is quicker
            rebuild(plan.pk, today)
            return
        _settle(plan.pk, due, today)
        TallyDay.objects.filter(plan_id=plan.pk).update(day=today)


@transaction.atomic
def rebuild(plan_id: int, day: datetime.date | None = None) -> None:
    """Writes the plan's tallies afresh from its activities, counting the health of `day`."""
    day = day or timezone.localdate()
    _lock(plan_id)
    for model in (TalliedActivity, *TALLIES):
        model.objects.filter(plan_id=plan_id).delete()
    facts = _facts(plan_id, day)
    TalliedActivity.objects.bulk_create(
        (TalliedActivity(activity_id=pk, plan_id=plan_id, facts=f, health_until=until))
        for pk, (f, until) in facts.items()
    )
    for model, deltas in _added_up(fact for fact, _until in facts.values()).items():
        _apply(model, plan_id, deltas)
    TallyDay.objects.update_or_create(plan_id=plan_id, defaults={"day": day})


def _settle(plan_id: int, activity_ids: list[int], day: datetime.date) -> None:
    for chunk in _chunks(activity_ids):
        facts = _facts(plan_id, day, chunk)
        kept = {
            row.activity_id: row for row in TalliedActivity.objects.filter(activity_id__in=chunk)
        }
        deltas = {model: defaultdict(_zero) for model in TALLIES}
        changed, new = [], []
        for pk, (fact, until) in facts.items():
            row = kept.get(pk)
            if row is None:
                new.append(
                    TalliedActivity(activity_id=pk, plan_id=plan_id, facts=fact, health_until=until)
                )
            elif (row.facts, row.health_until) != (fact, until):
                _add(deltas, row.facts, sign=-1)
                row.facts, row.health_until = fact, until
                changed.append(row)
            else:
                continue
            _add(deltas, fact, sign=1)
        TalliedActivity.objects.bulk_create(new)
        TalliedActivity.objects.bulk_update(changed, ["facts", "health_until"])
        for model, model_deltas in deltas.items():
            _apply(model, plan_id, model_deltas)


def _lock(plan_id: int) -> None:
    """Locks the plan's row until the transaction ends: writers of one plan's tallies take
    turns, so none adds to a count another is changing."""
    list(WorkPlan.objects.select_for_update().filter(pk=plan_id).values_list("pk", flat=True))


def _tally_day(plan_id: int) -> datetime.date | None:
    return TallyDay.objects.filter(plan_id=plan_id).values_list("day", flat=True).first()


# The facts of an activity, and what they add


def _facts(plan_id: int, day: datetime.date, activity_ids=None) -> dict[int, tuple]:
    """Each activity's facts as tallied on `day` (None when archived), with the first day its
    health may read otherwise."""
    activities = Activity.objects.filter(plan_id=plan_id)
    if activity_ids is not None:
        activities = activities.filter(pk__in=activity_ids)
    rows = list(activities.order_by("pk").values(*FIELDS))
    ids = [row["pk"] for row in rows] if activity_ids is not None else None
    plan = SimpleNamespace(
        ended=last_ended_periods(WorkPlan(pk=plan_id), day),
        next_turn=_next_turn(plan_id, day),
        periods=list(ReportingPeriod.objects.filter(plan_id=plan_id).order_by("pk")),
    )
    links = {
        "partners": _related(Activity.partner_parties, ids, plan_id),
        "commitments": _related(Activity.commitments, ids, plan_id),
        "sent": _sent(ids, plan_id),
    }
    return {
        row["pk"]: _fact(
            row, {name: found.get(row["pk"], []) for name, found in links.items()}, plan, day
        )
        for row in rows
    }


def _fact(row: dict, links: dict, plan, day) -> tuple:
    if row["archived_at"] is not None:
        return None, None
    activity = SimpleNamespace(**row)
    accepted = (
        [(SimpleNamespace(end_date=row["accepted_period_end"]), row["accepted_percent"])]
        if row["accepted_period_end"]
        else []
    )
    facts = ActivityAsOf(activity, accepted)
    health = health_rule(facts, plan.ended, day)
    progress = 100 if row["status"] == Activity.Status.COMPLETED else facts.percent()
    fact = {
        "id": row["pk"],
        "code": row["code"],
        "area": row["area_id"],
        "lead": row["lead_party_id"],
        "classification": row["classification"],
        "status": row["status"],
        "health": health or "",
        "weight": row["weight"],
        "progress": progress,
        "partners": sorted(links["partners"]),
        "commitments": sorted(links["commitments"]),
        "unsent": _unsent(row, plan.periods, links["sent"]),
    }
    return fact, health_until(row, day, plan.next_turn)


def _unsent(row: dict, periods: list, sent: list) -> list[list]:
    """The periods for which the activity owes its lead party's update (`obligations.runs_in`)
    and none has been sent, with their due dates."""
    if row["status"] == CANCELLED:
        return []
    return [
        [period.pk, period.due_date.isoformat()]
        for period in periods
        if row["planned_start"] <= period.end_date
        and row["planned_end"] >= period.start_date
        and not (row["actual_end"] and row["actual_end"] < period.start_date)
        and (row["lead_party_id"], period.pk) not in sent
    ]


def _sent(activity_ids, plan_id: int) -> dict[int, set]:
    """The (party, period) of each activity's updates sent."""
    updates = ProgressUpdate.objects.filter(status__in=SENT)
    if activity_ids is None:
        updates = updates.filter(activity__plan_id=plan_id)
    else:
        updates = updates.filter(activity_id__in=activity_ids)
    found = defaultdict(set)
    for activity_id, party_id, period_id in updates.values_list(
        "activity_id", "party_id", "period_id"
    ):
        found[activity_id].add((party_id, period_id))
    return found


def health_until(row: dict, day: datetime.date, next_turn: datetime.date | None):
    """The first day after `day` on which the health rule may read otherwise for this activity:
    its planned start, the day after its planned end, the day it falls more than 25 points
    behind its planned time, or, when it is ongoing, the day after the plan's next period ends
    (which may stall it). None: never."""
    planned_days = (row["planned_end"] - row["planned_start"]).days
    percent = row["accepted_percent"] or 0
    behind_from = row["planned_start"] + datetime.timedelta(
        days=(percent + BEHIND_BY) * planned_days // 100 + 1
    )
    turns = [
        row["planned_start"],
        row["planned_end"] + datetime.timedelta(days=1),
        behind_from,
        # periods ending decide only whether an ongoing activity is stalled
        next_turn if row["status"] == Activity.Status.ONGOING else None,
    ]
    return min((turn for turn in turns if turn and turn > day), default=None)


def _next_turn(plan_id: int, day: datetime.date) -> datetime.date | None:
    """The day after the plan's next period to end, from which it counts as ended."""
    end = ReportingPeriod.objects.filter(plan_id=plan_id, end_date__gte=day).aggregate(
        end=Min("end_date")
    )["end"]
    return end + datetime.timedelta(days=1) if end else None


def _related(relation, activity_ids, plan_id: int) -> dict[int, list[int]]:
    field = relation.field
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links = through.objects.all()
    if activity_ids is None:
        links = links.filter(**{f"{field.m2m_field_name()}__plan_id": plan_id})
    else:
        links = links.filter(**{f"{source}__in": activity_ids})
    found = defaultdict(list)
    for activity_id, other_id in links.values_list(source, target):
        found[activity_id].append(other_id)
    return found


def _zero() -> list[int]:
    return [0, 0, 0]


def _add(deltas: dict, fact: dict | None, *, sign: int) -> None:
    """Adds what one activity's facts count to `deltas` ({tally model: {key: values}});
    `sign` -1 takes it away."""
    if fact is None:
        return
    seen_by = [0]
    if fact["classification"] == RESTRICTED:
        seen_by += [party for party in fact["partners"] if party != fact["lead"]]
    served = fact["commitments"]
    for partner in seen_by:
        key = (
            fact["area"],
            fact["lead"],
            partner,
            fact["classification"],
            fact["status"],
            fact["health"],
            fact["weight"],
            not served,
        )
        deltas[AreaTally][key][0] += sign
        deltas[AreaTally][key][1] += sign * fact["progress"]
    lead, classification = fact["lead"], fact["classification"]
    for period, due in fact["unsent"]:  # read by the lead party and the Secretariat only
        deltas[OwedTally][(period, fact["area"], lead, 0, classification)][0] += sign
        day = datetime.date.fromisoformat(due)
        key = (period, fact["id"], day, fact["code"], fact["area"], lead, 0, classification)
        deltas[UnsentUpdate][key][0] += sign
    if fact["status"] == CANCELLED or not served:
        return
    units = fact["weight"] * SPLIT_UNITS // len(served)
    for commitment in served:
        for partner in seen_by:
            key = (commitment, fact["area"], fact["lead"], partner, fact["classification"])
            deltas[CommitmentTally][key][0] += sign
            deltas[CommitmentTally][key][1] += sign * units
            deltas[CommitmentTally][key][2] += sign * units * fact["progress"]


def _added_up(facts) -> dict:
    deltas = {model: defaultdict(_zero) for model in TALLIES}
    for fact in facts:
        _add(deltas, fact, sign=1)
    return deltas


TALLIES = {
    AreaTally: (AREA_TALLY_KEY, ("activities", "progress")),
    CommitmentTally: (COMMITMENT_TALLY_KEY, ("activities", "weight_units", "weighted_units")),
    OwedTally: (OWED_TALLY_KEY, ("activities",)),
    UnsentUpdate: (UNSENT_KEY, ("activities",)),
}


def _apply(model, plan_id: int, deltas: dict) -> None:
    """Adds `deltas` ({key: [activities, sums...]}) to the plan's rows of `model`; a row left
    counting no activity is removed."""
    deltas = {key: values for key, values in deltas.items() if any(values)}
    if not deltas:
        return
    key_fields, value_fields = TALLIES[model]
    rows = model.objects.filter(plan_id=plan_id).filter(**_narrowing(key_fields, deltas))
    stored = {tuple(getattr(row, name) for name in key_fields): row for row in rows}
    new, changed, emptied = [], [], []
    for key, values in deltas.items():
        row = stored.get(key)
        if row is None:
            new.append((plan_id, *key, *values[: len(value_fields)]))
            continue
        for name, value in zip(value_fields, values, strict=False):
            setattr(row, name, getattr(row, name) + value)
        (changed if row.activities else emptied).append(row)
    _insert(model, ("plan_id", *key_fields, *value_fields), new)
    model.objects.bulk_update(changed, value_fields)
    model.objects.filter(pk__in=[row.pk for row in emptied]).delete()


def _insert(model, columns: tuple, rows: list[tuple]) -> None:
    """Inserts new rows with one statement run for all: tally rows are figures with nothing to
    do on save, and building a model object for each cost more than writing it."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    places = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({places})"  # noqa: S608  (names from the model)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Checking


def differences(plan_id: int) -> list[str]:
    """Every stored fact and tally row of the plan that differs from what its activities give
    on its tally day, in words; none for a plan not tallied yet."""
    day = _tally_day(plan_id)
    if day is None:
        return []
    facts = _facts(plan_id, day)
    kept = {
        row.activity_id: (row.facts, row.health_until)
        for row in TalliedActivity.objects.filter(plan_id=plan_id)
    }
    codes = dict(Activity.objects.filter(plan_id=plan_id).values_list("pk", "code"))
    found = [
        f"{codes[pk]}: tallied as {kept.get(pk)!r}, should be {now!r}"
        for pk, now in facts.items()
        if kept.get(pk) != now
    ]
    for model, expected in _added_up(fact for fact, _until in facts.values()).items():
        found += _row_differences(model, plan_id, expected)
    return found


def _row_differences(model, plan_id: int, expected: dict) -> list[str]:
    key_fields, value_fields = TALLIES[model]
    stored = {
        tuple(values[: len(key_fields)]): list(values[len(key_fields) :])
        for values in model.objects.filter(plan_id=plan_id).values_list(*key_fields, *value_fields)
    }
    wanted = {key: values[: len(value_fields)] for key, values in expected.items() if any(values)}
    return [
        f"{model.__name__} {dict(zip(key_fields, key, strict=True))}: "
        f"{stored.get(key)} should be {wanted.get(key)}"
        for key in sorted(stored.keys() | wanted.keys(), key=str)
        if stored.get(key) != wanted.get(key)
    ]


# Reading


def readable(model, plan, user):
    """The plan's rows of `model` that count activities `user` may see: every activity's own
    row for the Secretariat; for a party, its own rows by the activity rule's classification
    rule, and the rows counting restricted activities it partners."""
    rows = model.objects.filter(plan_id=plan.pk)
    if user.is_secretariat:
        return rows.filter(partner_id=0)
    member = any(party.pk == user.party_id for party in plan.parties.all())
    own = Q(partner_id=0) & classification_rule(
        member=Q() if member else NOBODY, involved=Q(lead_party_id=user.party_id)
    )
    return rows.filter(own | Q(partner_id=user.party_id))


def plan_progress(plan, areas, user, *, area_id: int | None = None) -> PlanProgress:
    """`progress.plan_progress` of the activities `user` may see, from the tallies."""
    result = PlanProgress([AreaProgress(area) for area in areas])
    by_area = {item.area.pk: item for item in result.areas}
    rows = _narrowed(readable(AreaTally, plan, user), area_id).exclude(status=CANCELLED)
    for row in rows.values("area_id", "weight", "serves_none").annotate(
        count=Sum("activities"), progress_sum=Sum("progress")
    ):
        item = by_area.get(row["area_id"])
        if item is None:
            continue
        weight, count = row["weight"], row["count"]
        item.share.add(weight * row["progress_sum"], weight * count)
        item.share.count(count, weight, weight)
        if row["serves_none"]:
            item.uncommitted.add(weight * row["progress_sum"], weight * count)
    served = _narrowed(readable(CommitmentTally, plan, user), area_id)
    by_commitment = {
        row["commitment_id"]: Share(
            Fraction(row["weighted"], SPLIT_UNITS), Fraction(row["weight"], SPLIT_UNITS)
        )
        for row in served.values("commitment_id").annotate(
            weight=Sum("weight_units"), weighted=Sum("weighted_units")
        )
    }
    for item in result.areas:
        for commitment in item.area.commitments.all():
            item.commitments.append((commitment, by_commitment.get(commitment.pk, Share())))
    return result


def status_counts(plan, user) -> dict[int, dict[str, int]]:
    """How many activities `user` may see are in each status, by area."""
    counts: dict[int, dict[str, int]] = {}
    rows = readable(AreaTally, plan, user).values("area_id", "status")
    for row in rows.annotate(count=Sum("activities")):
        counts.setdefault(row["area_id"], {})[row["status"]] = row["count"]
    return counts


def health_counts(plan, user, *, area_id: int | None = None) -> list[dict]:
    """How many activities `user` may see have each health, by lead party and area (cancelled
    ones have none and are left out)."""
    rows = _narrowed(readable(AreaTally, plan, user), area_id).exclude(health="")
    return list(rows.values("lead_party_id", "area_id", "health").annotate(count=Sum("activities")))


def register_count(*, plan, reader, area=None, lead_party=None, status=None) -> int:
    """How many active activities of the register `reader` sees, of an area, a lead party and
    a status when chosen (`plans.filters.ActivityFilter.known_count`)."""
    current(plan)
    rows = readable(AreaTally, plan, reader)
    for name, value in (
        ("area_id", area and area.pk),
        ("lead_party_id", lead_party and lead_party.pk),
        ("status", status),
    ):
        if value:
            rows = rows.filter(**{name: value})
    return rows.aggregate(count=Sum("activities"))["count"] or 0


def activity_count(plan, user, *, area_id: int | None = None) -> int:
    rows = _narrowed(readable(AreaTally, plan, user), area_id)
    return rows.aggregate(count=Sum("activities"))["count"] or 0


def overdue_counts(
    plan, user, today: datetime.date, *, area_id: int | None = None, party_id: int | None = None
) -> dict[int, int]:
    """How many updates `user` follows (`tracker.followed_by`) are overdue on `today`, by
    period: owed for a period whose due date has passed and not sent."""
    due = ReportingPeriod.objects.filter(plan_id=plan.pk, start_date__lte=today, due_date__lt=today)
    rows = _narrowed(readable(OwedTally, plan, user), area_id).filter(
        followed_by(user), period_id__in=due.values("pk")
    )
    if party_id:
        rows = rows.filter(lead_party_id=party_id)
    counts = rows.values("period_id").annotate(count=Sum("activities"))
    return {row["period_id"]: row["count"] for row in counts if row["count"]}


def overdue(
    plan, user, today: datetime.date, *, area_id=None, party_id=None, limit: int = 10
) -> tuple[int, list[Owed]]:
    """How many updates `user` follows are overdue on `today` (the tracker's rule), and the
    first `limit` of them, earliest due first, then by code: two queries through indexes."""
    counts = overdue_counts(plan, user, today, area_id=area_id, party_id=party_id)
    rows = _narrowed(readable(UnsentUpdate, plan, user), area_id).filter(
        followed_by(user), due_date__lt=today
    )
    if party_id:
        rows = rows.filter(lead_party_id=party_id)
    update = ProgressUpdate.objects.filter(
        activity_id=OuterRef("activity_id"),
        party_id=OuterRef("lead_party_id"),
        period_id=OuterRef("period_id"),
    )
    rows = rows.annotate(
        state=Subquery(update.values("status")[:1]), update_id=Subquery(update.values("pk")[:1])
    ).select_related("activity", "period")
    first = [
        Owed(
            activity_id=row.activity_id,
            code=row.code,
            title=row.activity.title,
            area_id=row.area_id,
            party_id=row.lead_party_id,
            period=row.period,
            state=row.state or MISSING,
            overdue=True,
            update_id=row.update_id,
        )
        for row in rows.order_by("due_date", "code")[:limit]
    ]
    return sum(counts.values()), first


def _narrowed(rows, area_id: int | None):
    return rows.filter(area_id=area_id) if area_id else rows


def _narrowing(key_fields: tuple, deltas: dict) -> dict:
    """A condition that keeps every row of these keys and few others: their activities' rows
    of a tally kept by activity; for a few keys, each key field among the values they have;
    else every row of the plan (a tally by area and party holds a few thousand at most)."""
    if "activity_id" in key_fields:
        position = key_fields.index("activity_id")
        return {"activity_id__in": {key[position] for key in deltas}}
    if len(deltas) <= 50:
        return {f"{name}__in": {key[i] for key in deltas} for i, name in enumerate(key_fields)}
    return {}


def _chunks(ids):
    iterator = iter(ids)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk
