"""Date fields read and show days the way every page writes them: "31 Dec 2026"."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from workplan.plans.forms import ActivityForm


def test_a_date_field_shows_the_day_as_the_pages_write_it(plan, asec, make_activity):
    activity = make_activity(planned_start=datetime.date(2024, 3, 5))
    html = str(ActivityForm(instance=activity, plan=plan, user=asec)["planned_start"])
    assert 'value="5 Mar 2024"' in html
    assert 'type="text"' in html


def test_a_date_field_reads_the_pages_way_iso_and_day_first_numbers(plan, asec):
    field = ActivityForm(plan=plan, user=asec).fields["planned_start"]
    for typed in ("5 Mar 2024", "5 March 2024", "2024-03-05", "05/03/2024", "5.3.2024"):
        assert field.clean(typed) == datetime.date(2024, 3, 5), typed


def test_a_date_that_cannot_be_read_is_explained_with_an_example(plan, asec):
    field = ActivityForm(plan=plan, user=asec).fields["planned_start"]
    with pytest.raises(ValidationError) as refusal:
        field.clean("03/31/2024")
    assert refusal.value.messages == ["Enter a date such as 31 Dec 2026."]
