"""The embedded default plan: the ASEAN-Japan work plan 2023-2027 and what it needs."""

# Ranges are written with an en dash, as the pages show them; the literals keep it visible.

import datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from workplan.core.models import ChangeLog
from workplan.exchange.default_plan import load_default_plan
from workplan.meetings.models import Body, Meeting
from workplan.parties.models import Party
from workplan.plans.models import Commitment, FundingSource, PriorityArea, WorkPlan

ASEAN_MEMBERS = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"}
LOADED_MODELS = [Party, FundingSource, WorkPlan, PriorityArea, Commitment, Body, Meeting]


@pytest.fixture
def loaded(db):
    """What `load_default_plan()` returns on an empty database: the plan and whether it was new."""
    return load_default_plan()


def test_it_creates_the_plan_and_says_it_is_new(loaded):
    plan, created = loaded

    assert created is True
    assert WorkPlan.objects.get() == plan


def test_it_creates_the_eleven_asean_member_states_japan_and_the_secretariat(loaded):
    kinds = dict(Party.objects.values_list("code", "kind"))

    assert len(kinds) == 13
    assert {
        code for code, kind in kinds.items() if kind == Party.Kind.MEMBER_STATE
    } == ASEAN_MEMBERS
    assert kinds["JPN"] == Party.Kind.DIALOGUE_PARTNER
    assert kinds["ASEC"] == Party.Kind.SECRETARIAT


def test_it_records_timor_leste_as_a_member_since_26_october_2025(loaded):
    timor_leste = Party.objects.get(code="TLS")

    assert timor_leste.name == "Timor-Leste"
    assert timor_leste.member_since == datetime.date(2025, 10, 26)


def test_it_gives_the_plan_its_title_and_its_period_2023_to_2027(loaded):
    plan, _ = loaded

    assert plan.title == (
        "SOMTC + Japan Work Plan on Cooperation to Combat Transnational Crime (2023-2027)"
    )
    assert (plan.start_date, plan.end_date) == (
        datetime.date(2023, 1, 1),
        datetime.date(2027, 12, 31),
    )


def test_it_makes_all_thirteen_parties_parties_of_the_plan(loaded):
    plan, _ = loaded

    assert set(plan.parties.all()) == set(Party.objects.all())
    assert plan.parties.count() == 13


def test_it_roots_the_plan_in_the_2014_joint_declaration(loaded):
    plan, _ = loaded

    assert plan.rooted_in == (
        "ASEAN-Japan Joint Declaration for Cooperation to Combat Terrorism and Transnational Crime"
    )
    assert plan.rooted_in_date == datetime.date(2014, 11, 12)


def test_it_creates_the_five_priority_areas_in_order_with_their_commitments(loaded):
    plan, _ = loaded

    areas = [(area.key, area.commitments.count()) for area in plan.areas.all()]

    assert areas == [
        ("terrorism", 4),
        ("cybercrime", 3),
        ("drug-trafficking", 2),
        ("sea-piracy", 4),
        ("human-trafficking", 2),
    ]


def test_it_creates_the_jaif_funding_source(loaded):
    source = FundingSource.objects.get()

    assert source.key == "jaif"
    assert "JAIF" in str(source)


def test_it_creates_the_seven_bodies_and_four_meetings(loaded):
    assert Body.objects.count() == 7
    assert Meeting.objects.count() == 4


def test_it_records_the_17th_ammtc_in_labuan_bajo_chaired_by_indonesia(loaded):
    meeting = Meeting.objects.get(body__key="AMMTC", number=17)

    assert str(meeting) == "17th AMMTC"
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2023, 8, 20),
        datetime.date(2023, 8, 23),
    )
    assert meeting.dates_label == "20–23 Aug 2023"
    assert meeting.city == "Labuan Bajo"
    assert meeting.chair.code == "IDN"
    assert meeting.status == Meeting.Status.HELD


def test_it_dates_the_19th_somtc_plus_japan_to_the_month_only(loaded):
    meeting = Meeting.objects.get(body__key="SOMTC+JPN", number=19)

    assert str(meeting) == "19th SOMTC + Japan"
    assert meeting.date_precision == Meeting.DatePrecision.MONTH
    assert meeting.dates_label == "Jun 2023"


def test_it_creates_nothing_new_when_loaded_twice(loaded):
    plan, _ = loaded
    counts = {model: model.objects.count() for model in apps.get_models()}

    again, created = load_default_plan()

    assert (again, created) == (plan, False)
    assert {model: model.objects.count() for model in apps.get_models()} == counts
    assert counts[ChangeLog] > 0


def test_it_records_a_create_row_for_every_object_it_creates(loaded):
    for model in LOADED_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        logged = ChangeLog.objects.filter(content_type=content_type, kind=ChangeLog.Kind.CREATE)
        ids = sorted(logged.values_list("object_id", flat=True))

        assert ids == sorted(model.objects.values_list("pk", flat=True)), model.__name__


def test_it_records_the_load_as_one_event_made_by_the_system(loaded):
    rows = ChangeLog.objects.all()

    assert rows.values("request_id").distinct().count() == 1
    assert rows.first().request_id is not None
    assert set(rows.values_list("actor_label", flat=True)) == {"System"}
