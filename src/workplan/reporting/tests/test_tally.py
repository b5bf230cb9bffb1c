"""The tallies the plan page and the dashboard sum stay equal to counting the activities, for
every reader, whatever the actions and the days that pass."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workplan.core import access
from workplan.plans.actions import (
    ACTIVITY_FIELDS,
    archive_activity,
    restore_activity,
    update_activity,
)
from workplan.plans.bulk_actions import import_activities
from workplan.plans.models import WorkPlan
from workplan.reporting import tally, tracker
from workplan.reporting.actions import (
    accept_update,
    create_period,
    reopen_update,
    return_update,
    save_update,
    start_update,
    submit_update,
    update_period,
)
from workplan.reporting.health import ActivityAsOf, health_rule, with_health
from workplan.reporting.models import AreaTally
from workplan.reporting.progress import plan_progress

day = datetime.date
FIRST_DAY = day(2024, 5, 1)
LEADS = ["IDN", "JPN", "VNM"]


def live_figures(plan, user, today) -> dict:
    """The figures counted over the activities themselves, as before the tallies."""
    areas = list(plan.areas.prefetch_related("commitments"))
    activities = access.restrict(plan.activities.filter(archived_at__isnull=True), user)
    health = (
        with_health(activities, plan, today)
        .order_by()
        .exclude(health=None)
        .values("lead_party_id", "area_id", "health")
        .annotate(count=Count("id"))
    )
    statuses = activities.order_by().values("area_id", "status").annotate(count=Count("id"))
    real_today = datetime.date.today()
    late = tracker.for_reader(WorkPlan.objects.filter(pk=plan.pk), user, as_of=real_today).overdue
    return {
        "overdue": dict(Counter(item.period.pk for item in late)),
        "first overdue": [(item.activity_id, item.period.pk, item.state) for item in late[:10]],
        "progress": _summary(plan_progress(areas, activities)),
        "health": sorted(
            (r["lead_party_id"], r["area_id"], r["health"], r["count"]) for r in health
        ),
        "statuses": sorted((r["area_id"], r["status"], r["count"]) for r in statuses),
        "count": activities.count(),
    }


def tallied_figures(plan, user) -> dict:
    areas = list(plan.areas.prefetch_related("commitments"))
    statuses = tally.status_counts(plan, user)
    return {
        "overdue": tally.overdue_counts(plan, user, datetime.date.today()),
        "first overdue": [
            (item.activity_id, item.period.pk, item.state)
            for item in tally.overdue(plan, user, datetime.date.today())[1]
        ],
        "progress": _summary(tally.plan_progress(plan, areas, user)),
        "health": sorted(
            (r["lead_party_id"], r["area_id"], r["health"], r["count"])
            for r in tally.health_counts(plan, user)
        ),
        "statuses": sorted(
            (area, status, count)
            for area, counts in statuses.items()
            for status, count in counts.items()
        ),
        "count": tally.activity_count(plan, user),
    }


def _summary(progress) -> list:
    return [
        (
            item.area.pk,
            item.share.weighted,
            item.share.weight,
            item.share.activities,
            item.share.lightest,
            item.share.heaviest,
            item.uncommitted.weighted,
            item.uncommitted.weight,
            [(c.pk, share.weighted, share.weight) for c, share in item.commitments],
        )
        for item in progress.areas
    ]


@pytest.fixture
def cast(plan, parties, asec, idn, jpn, vnm, viewer):
    """The readers whose figures are compared, and the focal point of each lead party."""
    return SimpleNamespace(
        readers=[asec, idn, jpn, vnm, viewer],
        focal_points={"IDN": idn, "JPN": jpn, "VNM": vnm},
        asec=asec,
    )


def test_the_plan_page_counts_what_its_reader_may_see_from_the_tallies(plan, make_activity, cast):
    make_activity(lead="IDN", partners=["VNM"], classification="restricted", weight=3)
    make_activity(lead="JPN", partners=["IDN"], classification="restricted")
    make_activity(lead="VNM", partners=[], classification="restricted")
    make_activity(
        lead="JPN",
        partners=[],
        area="terrorism",
        **_dates("completed", day(2024, 1, 10), 40),
    )
    make_activity(lead="VNM", status="cancelled", classification="public", commitments=[])
    tally.current(plan, FIRST_DAY)
    for reader in cast.readers:
        assert tallied_figures(plan, reader) == live_figures(plan, reader, FIRST_DAY), reader
    assert tally.activity_count(plan, cast.focal_points["VNM"]) == 4  # not Japan's restricted


def test_a_plan_not_tallied_yet_is_tallied_by_its_first_reader(plan, make_activity, asec):
    make_activity()
    assert not AreaTally.objects.filter(plan=plan).exists()
    tally.current(plan, FIRST_DAY)
    assert tally.activity_count(plan, asec) == 1


def test_the_day_moving_on_changes_only_the_health_whose_day_has_come(plan, make_activity, cast):
    make_activity(planned_start=day(2024, 6, 1), planned_end=day(2024, 9, 30))
    tally.current(plan, FIRST_DAY)
    assert _healths(plan, cast.asec) == {"not_started": 1}
    tally.current(plan, day(2024, 6, 2))
    assert _healths(plan, cast.asec) == {"at_risk": 1}  # started on paper, not in fact
    tally.current(plan, day(2024, 10, 1))
    assert _healths(plan, cast.asec) == {"delayed": 1}
    tally.current(plan, FIRST_DAY)  # a day earlier than the tallies': counted afresh
    assert _healths(plan, cast.asec) == {"not_started": 1}


def _healths(plan, user) -> dict:
    return {row["health"]: row["count"] for row in tally.health_counts(plan, user)}


def test_check_figures_names_a_drifted_tally_and_fix_rebuilds_it(plan, make_activity, capsys):
    make_activity()
    tally.current(plan, FIRST_DAY)
    AreaTally.objects.filter(plan=plan).update(activities=5)
    with pytest.raises(CommandError, match="1 plans' tallies"):
        call_command("check_figures")
    assert "AreaTally" in capsys.readouterr().out
    call_command("check_figures", "--fix")
    assert tally.differences(plan.pk) == []
    call_command("check_figures")
    assert "every plan's tallies its activities" in capsys.readouterr().out


STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "create",
                "edit",
                "edit",
                "relate",
                "archive",
                "restore",
                "accept",
                "reopen",
                "import",
                "move",
                "add period",
                "day",
            ]
        ),
        st.integers(min_value=0, max_value=5),  # which activity
        st.integers(min_value=0, max_value=1000),  # a number each step reads its choices from
    ),
    min_size=1,
    max_size=14,
)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(steps=STEPS)
def test_the_tallies_equal_the_counted_figures_after_any_sequence_of_actions(
    steps, plan, make_activity, parties, cast
):
    world = SimpleNamespace(
        plan=plan, parties=parties, cast=cast, today=FIRST_DAY, make=make_activity
    )
    world.activities = [
        make_activity(),
        make_activity(lead="JPN", partners=["VNM"], classification="restricted"),
    ]
    tally.current(plan, world.today)
    for action, which, number in steps:
        activity = world.activities[which % len(world.activities)]
        activity.refresh_from_db()
        ACTIONS[action](world, activity, number)
        assert tally.differences(plan.pk) == [], (action, number)
    call_command("check_figures")  # the command finds nothing to say either
    for reader in cast.readers:
        assert tallied_figures(plan, reader) == live_figures(plan, reader, world.today), reader


def _create(world, activity, number):
    lead = LEADS[number % 3]
    start = day(2024, 1, 1) + datetime.timedelta(days=number % 300)
    world.activities.append(
        world.make(
            area=["sea-piracy", "terrorism", "cybercrime"][number % 3],
            lead=lead,
            partners=[code for code in LEADS[: number % 4] if code != lead],
            classification=["public", "internal", "restricted"][number % 3],
            weight=1 + number % 4,
            **_dates(STATUSES[number % 5], start, number),
        )
    )


STATUSES = ["planned", "ongoing", "completed", "postponed", "cancelled"]


def _dates(status: str, start, number: int) -> dict:
    """A status with dates its rules accept: started when ongoing, ended when completed."""
    end = start + datetime.timedelta(days=30 + number % 200)
    started = status in ("ongoing", "completed") or number % 2
    return {
        "status": status,
        "planned_start": start,
        "planned_end": end,
        "actual_start": start if started else None,
        "actual_end": end if status == "completed" else None,
    }


def _edit(world, activity, number):
    lead = LEADS[number % 3]
    partners = {party.code for party in activity.partner_parties.all()}
    start = day(2024, 1, 1) + datetime.timedelta(days=number % 300)
    data = {
        "classification": ["public", "internal", "restricted"][number % 3],
        "weight": 1 + number % 5,
        "lead_party": world.parties[activity.lead_party.code if lead in partners else lead],
        **_dates(STATUSES[number % 5], start, number),
    }
    if not activity.is_archived:
        update_activity(activity, data, expected_version=activity.version, actor=world.cast.asec)


def _relate(world, activity, number):
    commitments = list(activity.area.commitments.all())
    data = {
        "commitments": commitments[: number % (len(commitments) + 1)],
        "partner_parties": [
            world.parties[code] for code in LEADS[number % 3 :] if code != activity.lead_party.code
        ],
    }
    if not activity.is_archived:
        update_activity(activity, data, expected_version=activity.version, actor=world.cast.asec)


def _archive(world, activity, number):
    if not activity.is_archived:
        archive_activity(activity, actor=world.cast.asec)


def _restore(world, activity, number):
    if activity.is_archived:
        restore_activity(activity, actor=world.cast.asec)


def _accept(world, activity, number):
    update = _report(world, activity, number)
    if update:
        accept_update(submit_update(update, actor=update.created_by), actor=world.cast.asec)


def _submit(world, activity, number):
    """An update written and sent, or only begun (a draft owes as much as nothing)."""
    update = _report(world, activity, number)
    if update and number % 3:
        submit_update(update, actor=update.created_by)


def _report(world, activity, number):
    """The lead party's update written for a period it has none for, if it may report."""
    period = list(world.plan.periods.all())[number % 4]
    lead = world.cast.focal_points[activity.lead_party.code]
    if not _reportable(activity) or activity.updates.filter(period=period).exists():
        return None
    update = start_update(activity, period, actor=lead)
    data = {"narrative": "Done.", "percent_complete": number % 101, "reported_status": "ongoing"}
    return save_update(update, data, {}, expected_version=update.version, actor=lead)


def _return(world, activity, number):
    submitted = activity.updates.filter(status="submitted").first()
    if submitted:
        return_update(submitted, "Add the list.", actor=world.cast.asec)


def _reportable(activity) -> bool:
    return not activity.is_archived and activity.status != "cancelled"


def _reopen(world, activity, number):
    accepted = activity.updates.filter(status="accepted").first()
    if accepted:
        reopen_update(accepted, "Correct the figure.", actor=world.cast.asec)


def _import(world, activity, number):
    data = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    data.update(
        **_dates(["ongoing", "completed"][number % 2], activity.planned_start, number),
        weight=1 + number % 3,
        commitments=list(activity.commitments.all()),
        partner_parties=list(activity.partner_parties.all()),
    )
    if not activity.is_archived:
        import_activities(world.plan, [(activity, data)], actor=world.cast.asec)


def _move(world, activity, number):
    period = list(world.plan.periods.all())[number % 4]
    end = period.start_date + datetime.timedelta(days=170 + number % 20)
    data = {"end_date": end, "due_date": end + datetime.timedelta(days=31)}
    update_period(period, data, expected_version=period.version, actor=world.cast.asec)


def _add_period(world, activity, number):
    last = world.plan.periods.order_by("-end_date").first()
    start = last.end_date + datetime.timedelta(days=1)
    if start.year > 2027:
        return
    end = start + datetime.timedelta(days=30 + number % 100)
    data = {"name": f"Extra {start}", "start_date": start, "end_date": end, "due_date": end}
    create_period(world.plan, data, actor=world.cast.asec)


def _day(world, activity, number):
    world.today += datetime.timedelta(days=number % 200 - 20)
    tally.current(world.plan, world.today)


ACTIONS = {
    "create": _create,
    "edit": _edit,
    "relate": _relate,
    "archive": _archive,
    "restore": _restore,
    "accept": _accept,
    "submit": _submit,
    "return": _return,
    "reopen": _reopen,
    "import": _import,
    "move": _move,
    "add period": _add_period,
    "day": _day,
}


PERIOD_ENDS = [day(2024, 6, 30), day(2024, 12, 31), day(2025, 6, 30), day(2025, 12, 31)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    start=st.dates(day(2023, 6, 1), day(2025, 12, 31)),
    days=st.integers(min_value=0, max_value=600),
    started=st.integers(min_value=-60, max_value=60) | st.none(),
    status=st.sampled_from(["planned", "ongoing", "completed", "postponed", "cancelled"]),
    percent=st.integers(min_value=0, max_value=100) | st.none(),
    today=st.dates(day(2023, 6, 1), day(2026, 6, 30)),
)
def test_an_activitys_health_holds_until_the_day_it_is_told_to_look_again(
    start, days, started, status, percent, today
):
    row = {
        "planned_start": start,
        "planned_end": start + datetime.timedelta(days=days),
        "actual_start": None if started is None else start + datetime.timedelta(days=started),
        "status": status,
        "accepted_percent": percent,
        "accepted_period_end": PERIOD_ENDS[0] if percent is not None else None,
    }
    next_turn = next(
        (end + datetime.timedelta(days=1) for end in PERIOD_ENDS if end >= today), None
    )
    until = tally.health_until(row, today, next_turn)
    last = until or today + datetime.timedelta(days=800)
    health = _health_on(row, today)
    assert until is None or until > today
    for offset in range(1, (last - today).days):
        later = today + datetime.timedelta(days=offset)
        assert _health_on(row, later) == health, later


def _health_on(row: dict, today) -> str:
    ended = [
        SimpleNamespace(start_date=end - datetime.timedelta(days=180), end_date=end)
        for end in PERIOD_ENDS
        if end < today
    ][::-1][:2]
    accepted = (
        [(SimpleNamespace(end_date=row["accepted_period_end"]), row["accepted_percent"])]
        if row["accepted_period_end"]
        else []
    )
    return health_rule(ActivityAsOf(SimpleNamespace(**row), accepted), ended, today)


def test_the_register_and_its_api_count_from_the_tallies_what_they_would_count_themselves(
    plan, make_activity, parties, cast, client
):
    from workplan.plans.filters import ActivityFilter

    make_activity(lead="IDN", partners=["VNM"], classification="restricted", weight=3)
    make_activity(lead="JPN", partners=[], classification="restricted", area="terrorism")
    make_activity(lead="VNM", partners=[], **_dates("ongoing", day(2024, 2, 1), 7))
    archive_activity(make_activity(lead="JPN", partners=[]), actor=cast.asec)
    choices = [
        {},
        {"area": str(plan.areas.get(key="terrorism").pk)},
        {"lead_party": str(parties["IDN"].pk), "status": "planned"},
        {"status": "ongoing"},
    ]
    for reader in cast.readers:
        client.force_login(reader)
        for chosen in choices:
            activities = access.restrict(plan.activities.all(), reader)
            filterset = ActivityFilter(chosen or None, queryset=activities, plan=plan)
            counted = filterset.qs.count()
            assert filterset.known_count(reader) == counted, (reader, chosen)
            api = client.get(f"/api/plans/{plan.pk}/activities/", chosen).json()
            assert (api["count"], api["count_is_exact"]) == (counted, True), (reader, chosen)
    assert (
        ActivityFilter({"year": "2024"}, queryset=activities, plan=plan).known_count(reader) is None
    )
