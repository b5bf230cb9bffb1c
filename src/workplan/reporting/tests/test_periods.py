"""A plan's reporting periods lie within the plan: a new one, a moved one, and the plan's own
dates moved past one are refused by name, and nothing changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from workplan.reporting import actions
from workplan.reporting.models import ReportingPeriod

D = datetime.date


def period_data(start, end, name="Late round"):
    return {"name": name, "start_date": start, "end_date": end, "due_date": end}


def test_a_new_period_that_ends_after_the_plan_is_refused_naming_its_end(plan, asec):
    before = ReportingPeriod.objects.count()
    with pytest.raises(ValidationError) as refusal:
        actions.create_period(plan, period_data(D(2027, 7, 1), D(2028, 6, 30)), actor=asec)

    assert list(refusal.value.message_dict) == ["end_date"]
    assert "lies within its plan (1 Jan 2023 – 31 Dec 2027)" in refusal.value.messages[0]
    assert ReportingPeriod.objects.count() == before


def test_a_period_moved_before_the_plan_starts_is_refused_naming_its_start(plan, asec):
    period = plan.periods.order_by("start_date").first()
    with pytest.raises(ValidationError) as refusal:
        actions.update_period(
            period, {"start_date": D(2022, 7, 1)}, expected_version=period.version, actor=asec
        )

    assert list(refusal.value.message_dict) == ["start_date"]
    period.refresh_from_db()
    assert period.start_date >= plan.start_date


def test_a_period_inside_the_plan_is_added(plan, asec):
    made = actions.create_period(plan, period_data(D(2027, 7, 1), D(2027, 12, 31)), actor=asec)

    assert made.pk is not None
