"""Date fields read and show days the way every page writes them: "31 Dec 2026"."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

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


@pytest.mark.parametrize(
    ("language", "shown", "typed"),
    [("ja", "2024年3月5日", "2024年3月5日"), ("id", "5 Mar 2024", "5 Maret 2024")],
)
def test_a_day_shown_in_the_readers_language_reads_back_as_the_same_day(
    plan, asec, make_activity, language, shown, typed
):
    activity = make_activity(planned_start=datetime.date(2024, 3, 5))
    with translation.override(language):
        form = ActivityForm(instance=activity, plan=plan, user=asec)
        assert f'value="{shown}"' in str(form["planned_start"])
        widget = form.fields["planned_start"].widget
        read = widget.value_from_datadict({"planned_start": typed}, {}, "planned_start")
        assert form.fields["planned_start"].clean(read) == datetime.date(2024, 3, 5)


def test_indonesian_months_that_differ_from_english_read_back(plan, asec):
    form = ActivityForm(plan=plan, user=asec)
    widget, field = form.fields["planned_start"].widget, form.fields["planned_start"]
    for typed, day in [("17 Agu 2025", (2025, 8, 17)), ("1 Des 2025", (2025, 12, 1))]:
        read = widget.value_from_datadict({"planned_start": typed}, {}, "planned_start")
        assert field.clean(read) == datetime.date(*day), typed
