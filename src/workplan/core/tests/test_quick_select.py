"""The register's quick select writes the same HTML as Django's own select."""

from django import forms
from django.test.html import parse_html

from workplan.core.forms import QuickSelect

CHOICES = [("", "Any"), ("1", "Terrorism & <extremism>"), ("2", 'Cyber "crime"'), (3, "Drugs")]


def test_it_writes_what_djangos_select_writes_whatever_is_chosen():
    attrs = {"id": "id_area", "aria-describedby": "area-help", "required": True, "disabled": False}
    for value in ["", "1", "2", 3, None, "missing"]:
        ours = QuickSelect(choices=CHOICES).render("area", value, attrs=attrs)
        django = forms.Select(choices=CHOICES).render("area", value, attrs=attrs)
        # the same elements, attributes and texts (in HTML, attributes have no order)
        assert parse_html(ours) == parse_html(django), value
