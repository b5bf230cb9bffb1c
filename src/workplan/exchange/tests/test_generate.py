"""Synthetic benchmark data: the size asked for, repeatable by seed, refused in production."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from workplan.exchange.generate import generate
from workplan.meetings.models import ActionItem
from workplan.plans.models import Activity
from workplan.reporting.models import ProgressUpdate


def test_it_makes_the_number_of_activities_asked_with_updates_and_meetings(plan):
    made = generate(40, seed=3)
    assert made["activities"] == Activity.objects.count() == 40
    assert ProgressUpdate.objects.count() == made["updates"] > 0
    assert ActionItem.objects.exists()


class Undo(Exception):
    pass


def _generated(seed: int) -> list[tuple]:
    """What `generate` makes with this seed, then rolled back."""
    rows = []
    try:
        with transaction.atomic():
            generate(15, seed=seed)
            rows = list(
                Activity.objects.order_by("code").values_list(
                    "title", "lead_party__code", "planned_start", "planned_end", "classification"
                )
            )
            raise Undo
    except Undo:
        return rows


def test_it_makes_the_same_data_for_the_same_seed(plan):
    assert _generated(5) == _generated(5)
    assert _generated(5) != _generated(6)


def test_it_refuses_to_generate_in_production(plan, settings):
    settings.ALLOW_SAMPLE_DATA = False
    with pytest.raises(CommandError, match="never generated in production"):
        call_command("generate_data", activities=5)


def test_with_dated_history_the_activities_are_recorded_over_the_years_and_read_back(plan):
    from workplan.core import asof
    from workplan.core.models import ChangeLog

    generate(20, seed=3, dated_history=True)

    rows = ChangeLog.objects.filter(content_type__model="activity")
    assert len({row.timestamp.year for row in rows}) >= 2
    activities = Activity.objects.filter(plan=plan).order_by("pk")
    first = min(row.timestamp for row in rows)
    assert asof.as_of(activities, first) == []  # nothing was recorded before the first row
