"""Sample activities and demo accounts, for demonstrations and never in production.

These tests do not use the shared asec/idn/jpn/vnm fixtures: the demo accounts carry the same
usernames, and an existing account is kept as it is.
"""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured

from workplan.accounts.models import User
from workplan.core.models import ChangeLog
from workplan.exchange.sample import load_sample
from workplan.meetings import pack
from workplan.plans.models import Activity

DEMO_PASSWORD = "workplan-demo"


@pytest.fixture
def loaded(plan):
    """What `load_sample(plan)` returns: the demo accounts and how many activities it added."""
    return load_sample(plan)


def test_it_adds_25_activities_all_flagged_as_sample(plan, loaded):
    _, added = loaded

    assert added == 25
    assert plan.activities.count() == 25
    assert not plan.activities.filter(is_sample=False).exists()


def test_it_covers_all_five_priority_areas(plan, loaded):
    areas = set(plan.activities.values_list("area__key", flat=True))

    assert areas == set(plan.areas.values_list("key", flat=True))
    assert len(areas) == 5


def test_it_shows_at_least_four_statuses_and_all_three_classifications(plan, loaded):
    statuses = set(plan.activities.values_list("status", flat=True))
    classifications = set(plan.activities.values_list("classification", flat=True))

    assert len(statuses) >= 4
    assert classifications == set(Activity.Classification.values)


def test_it_spreads_the_activities_over_several_lead_parties_and_years(plan, loaded):
    leads = set(plan.activities.values_list("lead_party__code", flat=True))
    years = {activity.planned_start.year for activity in plan.activities.all()}

    assert len(leads) >= 5
    assert {"IDN", "JPN", "VNM"} <= leads
    assert len(years) >= 4


@pytest.mark.parametrize(
    ("username", "role", "party"),
    [
        ("asec", User.Role.SECRETARIAT, "ASEC"),
        ("idn", User.Role.FOCAL_POINT, "IDN"),
        ("jpn", User.Role.FOCAL_POINT, "JPN"),
        ("vnm", User.Role.FOCAL_POINT, "VNM"),
        ("viewer", User.Role.VIEWER, "THA"),
    ],
)
def test_it_creates_demo_accounts_that_sign_in_with_the_demo_password(
    loaded, username, role, party
):
    user = authenticate(username=username, password=DEMO_PASSWORD)

    assert user is not None
    assert (user.role, user.party.code) == (role, party)


def test_it_returns_the_five_demo_accounts_secretariat_first(loaded):
    accounts, _ = loaded

    assert [account.username for account in accounts] == ["asec", "idn", "jpn", "vnm", "viewer"]


def test_it_records_the_sample_activities_as_created_by_the_secretariat_demo_account(plan, loaded):
    rows = ChangeLog.objects.filter(object_repr__in=[str(a) for a in plan.activities.all()])

    assert rows.filter(kind=ChangeLog.Kind.CREATE).count() == 25
    assert set(rows.values_list("actor__username", flat=True)) == {"asec"}


def test_its_history_runs_from_2023_to_2026_so_past_meeting_reports_differ(plan, loaded):
    activity_rows = ChangeLog.objects.filter(content_type__model="activity")
    years = {row.timestamp.year for row in activity_rows}
    accepted = ChangeLog.objects.filter(content_type__model="progressupdate", message="Accepted")
    asec = User.objects.get(username="asec")

    assert years == {2023, 2024, 2025, 2026}
    assert {row.timestamp.year for row in accepted} == {2024, 2025, 2026}
    twentieth, twenty_first = (pack.build(plan.meetings.get(body__key="SOMTC+JPN", number=n), asec)
                               for n in (20, 21))  # fmt: skip
    assert len(twenty_first.completed) > 0
    assert len(twenty_first.indicators) > 0
    assert twenty_first.compliance.totals()  # the updates owed then, as they stood
    assert len(twentieth.activities) < len(twenty_first.activities)
    overdue = [a.text for a, late, _note in twenty_first.actions if late]
    assert "Share the list of investigators trained in cryptocurrency tracing" in overdue
    assert [a.text for a, late, _note in twentieth.actions if late] == []
    assert {a.agenda_item.meeting.body.key for a, _late, _note in twenty_first.actions} == {
        "SOMTC+JPN"  # the 9th AMMTC + Japan's action was done by then
    }
    assert any(d.agenda_item.meeting.body.key == "AMMTC+JPN" for d, _f in twenty_first.decisions)


def test_it_adds_nothing_when_run_twice(plan, loaded):
    counts = (User.objects.count(), Activity.objects.count(), ChangeLog.objects.count())

    accounts, added = load_sample(plan)

    assert added == 0
    assert [account.username for account in accounts] == ["asec", "idn", "jpn", "vnm", "viewer"]
    assert (User.objects.count(), Activity.objects.count(), ChangeLog.objects.count()) == counts


def test_it_refuses_when_sample_data_is_not_allowed_and_creates_nothing(plan, settings):
    settings.ALLOW_SAMPLE_DATA = False
    log_rows = ChangeLog.objects.count()

    with pytest.raises(ImproperlyConfigured, match="never loaded in production"):
        load_sample(plan)

    assert not User.objects.exists()
    assert not Activity.objects.exists()
    assert ChangeLog.objects.count() == log_rows
