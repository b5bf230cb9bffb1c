"""How dates, ranges and recorded values read on every page."""

# Ranges are written with an en dash, as the pages show them; the literals keep it visible.

import datetime

from django.template import Context, Template
from django.utils import translation

from workplan.core.formats import date_label, date_range_label, number_label
from workplan.core.templatetags.workplan import readable

AUG_20 = datetime.date(2023, 8, 20)
AUG_23 = datetime.date(2023, 8, 23)


def render(source: str, **context) -> str:
    return Template("{% load workplan %}" + source).render(Context(context))


def test_it_writes_a_day_as_day_month_year():
    assert date_label(AUG_20) == "20 Aug 2023"


def test_it_writes_a_day_without_a_leading_zero():
    assert date_label(datetime.date(2023, 9, 2)) == "2 Sep 2023"


def test_it_writes_no_day_as_nothing():
    assert date_label(None) == ""


def test_it_writes_a_range_within_one_month_with_the_month_once():
    assert date_range_label(AUG_20, AUG_23) == "20–23 Aug 2023"


def test_it_writes_a_range_across_months_with_both_months_and_the_year_once():
    start, end = datetime.date(2023, 8, 30), datetime.date(2023, 9, 2)
    assert date_range_label(start, end) == "30 Aug – 2 Sep 2023"


def test_it_writes_a_range_across_years_in_full():
    start, end = datetime.date(2023, 12, 30), datetime.date(2024, 1, 2)
    assert date_range_label(start, end) == "30 Dec 2023 – 2 Jan 2024"


def test_it_writes_a_range_within_one_day_as_that_day():
    assert date_range_label(AUG_20, AUG_20) == "20 Aug 2023"


def test_it_writes_a_range_without_an_end_as_its_start():
    assert date_range_label(AUG_20, None) == "20 Aug 2023"


def test_it_writes_a_range_without_a_start_as_its_end():
    assert date_range_label(None, AUG_23) == "23 Aug 2023"


def test_it_writes_a_range_without_either_date_as_nothing():
    assert date_range_label(None, None) == ""


def test_it_offers_the_day_filter_and_daterange_tag_to_templates():
    output = render("{{ start|day }} / {% daterange start end %}", start=AUG_20, end=AUG_23)

    assert output == "20 Aug 2023 / 20–23 Aug 2023"


def test_it_reads_no_value_as_empty():
    assert [readable(value) for value in (None, "", [])] == ["(empty)"] * 3


def test_it_reads_booleans_as_yes_and_no():
    assert (readable(True), readable(False)) == ("Yes", "No")


def test_it_reads_a_list_as_its_items_joined_by_commas():
    assert readable(["Japan", "Viet Nam"]) == "Japan, Viet Nam"


def test_it_reads_any_other_value_as_it_is():
    assert (readable("Planned"), readable(0)) == ("Planned", 0)


def test_it_escapes_html_in_a_readable_list():
    output = render("{{ value|readable }}", value=["<b>Japan</b>", "Viet Nam"])

    assert output == "&lt;b&gt;Japan&lt;/b&gt;, Viet Nam"


def test_it_writes_a_badge_with_its_meaning_in_words_and_its_colour_in_a_class():
    output = render('{% badge "status" "completed" "Completed" %}')

    assert output == '<span class="badge badge-status-completed">Completed</span>'


def test_it_escapes_html_in_every_part_of_a_badge():
    output = render("{% badge kind value label %}", kind='"x', value="<y>", label="<script>")

    assert "<script>" not in output
    assert "&lt;script&gt;" in output
    assert 'class="badge badge-&quot;x-&lt;y&gt;"' in output


def test_dates_and_numbers_read_as_each_language_writes_them():
    expected = {
        "en": ("20 Aug 2023", "20–23 Aug 2023", "12,000.75"),
        "ja": ("2023年8月20日", "2023年8月20日～23日", "12,000.75"),
        "id": ("20 Agu 2023", "20–23 Agu 2023", "12.000,75"),
    }
    for language, written in expected.items():
        with translation.override(language):
            shown = (date_label(AUG_20), date_range_label(AUG_20, AUG_23), number_label("12000.75"))
            assert shown == written, language
