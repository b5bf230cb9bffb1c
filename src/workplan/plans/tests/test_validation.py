"""Every rule an activity must meet: each refused with a message on the right field, and
nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from workplan.parties.models import Party
from workplan.plans.actions import create_activity, update_activity
from workplan.plans.models import Activity

D = datetime.date


def problems(make_activity, **fields) -> dict:
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as error:
        make_activity(**fields)
    assert Activity.objects.count() == before
    return error.value.message_dict


def test_it_refuses_a_planned_end_before_the_start(make_activity):
    errors = problems(make_activity, planned_start=D(2024, 5, 1), planned_end=D(2024, 4, 1))
    assert errors["planned_end"] == [
        "The planned end must be on or after the planned start (1 May 2024)."
    ]


def test_it_refuses_an_actual_end_without_an_actual_start(make_activity):
    errors = problems(make_activity, actual_end=D(2024, 4, 1))
    assert "actual start" in errors["actual_start"][0]


def test_it_refuses_an_actual_end_before_the_actual_start(make_activity):
    errors = problems(make_activity, actual_start=D(2024, 5, 1), actual_end=D(2024, 4, 1))
    assert "on or after the actual start" in errors["actual_end"][0]


def test_it_refuses_actual_dates_in_the_future(make_activity):
    future = datetime.date.today() + datetime.timedelta(days=3)
    errors = problems(make_activity, actual_start=future, planned_start=D(2024, 1, 1))
    assert "cannot be in the future" in errors["actual_start"][0]


def test_it_refuses_a_completed_activity_without_an_actual_end(make_activity):
    errors = problems(make_activity, status="completed", actual_start=D(2024, 3, 2))
    assert errors["actual_end"] == ["A completed activity needs its actual end date."]


def test_it_refuses_an_ongoing_activity_without_an_actual_start(make_activity):
    errors = problems(make_activity, status="ongoing")
    assert errors["actual_start"] == ["An ongoing activity needs its actual start date."]


def test_it_refuses_a_planned_start_outside_the_plan_period(make_activity):
    errors = problems(make_activity, planned_start=D(2022, 6, 1), planned_end=D(2023, 6, 1))
    assert "1 Jan 2023 to 31 Dec 2027" in errors["planned_start"][0]


def test_it_refuses_a_lead_party_that_is_not_a_party_of_the_plan(plan, asec, make_activity):
    Party.objects.create(code="KOR", name="Republic of Korea", kind="dialogue_partner")
    errors = problems(make_activity, lead="KOR")
    assert errors["lead_party"] == ["Republic of Korea is not a party of this plan."]


def test_it_refuses_a_partner_that_is_not_a_party_of_the_plan(make_activity):
    Party.objects.create(code="KOR", name="Republic of Korea", kind="dialogue_partner")
    errors = problems(make_activity, partners=["JPN", "KOR"])
    assert errors["partner_parties"] == ["Not a party of this plan: Republic of Korea."]


def test_it_refuses_the_lead_party_as_a_partner(make_activity):
    errors = problems(make_activity, lead="IDN", partners=["IDN", "JPN"])
    assert "Indonesia leads this activity" in errors["partner_parties"][0]


def test_it_refuses_a_commitment_of_another_area(plan, make_activity):
    other = plan.areas.get(key="cybercrime").commitments.first()
    errors = problems(make_activity, area="sea-piracy", commitments=[other])
    assert errors["commitments"][0].startswith("Not a commitment of Sea piracy")


def test_it_refuses_a_budget_without_a_currency(make_activity):
    errors = problems(make_activity, budget_amount=Decimal(1000))
    assert "currency" in errors["budget_currency"][0]


def test_it_refuses_a_currency_without_an_amount(make_activity):
    errors = problems(make_activity, budget_currency="USD")
    assert "amount" in errors["budget_amount"][0]


def test_it_refuses_a_negative_budget(make_activity):
    errors = problems(make_activity, budget_amount=Decimal(-5), budget_currency="USD")
    assert errors["budget_amount"] == ["The budget cannot be negative."]


def test_it_refuses_a_currency_that_is_not_an_iso_code(make_activity):
    errors = problems(make_activity, budget_amount=Decimal(5), budget_currency="us$")
    assert "ISO 4217" in errors["budget_currency"][0]


def test_it_refuses_a_code_with_spaces_or_small_letters(make_activity):
    errors = problems(make_activity, code="ter 2024 1")
    assert "capital letters" in errors["code"][0]


def test_it_refuses_a_missing_title(make_activity):
    errors = problems(make_activity, title="")
    assert "title" in errors


def test_it_refuses_an_area_of_another_plan(plan, asec, parties):
    from workplan.plans.actions import create_plan

    other = create_plan(
        {
            "title": "Other plan",
            "short_title": "Other",
            "start_date": D(2024, 1, 1),
            "end_date": D(2026, 12, 31),
        },
        parties=[parties["IDN"], parties["JPN"]],
        areas=[{"key": "x", "name": "X", "code_prefix": "XXX", "commitments": []}],
        actor=asec,
    )
    with pytest.raises(ValidationError) as error:
        create_activity(
            plan,
            {**_minimal(parties), "area": other.areas.get()},
            actor=asec,
        )
    assert error.value.message_dict["area"] == ["Choose a priority area of this plan."]


def test_it_reports_every_problem_at_once(make_activity):
    errors = problems(
        make_activity,
        planned_start=D(2024, 5, 1),
        planned_end=D(2024, 4, 1),
        budget_amount=Decimal(1),
        partners=["IDN"],
    )
    assert set(errors) == {"planned_end", "budget_currency", "partner_parties"}


def test_it_refuses_bad_values_on_update_and_keeps_the_old_ones(make_activity, idn):
    activity = make_activity()
    with pytest.raises(ValidationError):
        update_activity(activity, {"planned_end": D(2023, 1, 2)}, expected_version=1, actor=idn)
    activity.refresh_from_db()
    assert (activity.planned_end, activity.version) == (D(2024, 6, 30), 1)


def _minimal(parties) -> dict:
    return {
        "title": "T",
        "lead_party": parties["IDN"],
        "modality": "workshop",
        "planned_start": D(2024, 1, 1),
        "planned_end": D(2024, 2, 1),
        "status": "planned",
        "classification": "internal",
    }


def test_it_refuses_a_planned_end_after_the_plan_period(make_activity):
    errors = problems(make_activity, planned_end=D(2028, 3, 1))
    assert "1 Jan 2023 to 31 Dec 2027" in errors["planned_end"][0]


def test_it_refuses_an_actual_end_in_the_future(make_activity):
    future = datetime.date.today() + datetime.timedelta(days=3)
    errors = problems(make_activity, actual_start=D(2024, 3, 1), actual_end=future)
    assert "cannot be in the future" in errors["actual_end"][0]
