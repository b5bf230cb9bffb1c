"""Filters shared by the FilterSets of every app."""

import django_filters
from django import forms
from django.utils.translation import gettext as _

from workplan.core.formats import number_label

LARGEST_ID = 2**63 - 1  # a 64-bit key, the largest either database stores


class IdFilter(django_filters.NumberFilter):
    """A filter on a row's id: a whole number from 1 up to the largest key, else a 400 that
    says so (instead of a number the database cannot hold)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


MAX_SEARCH_WORDS = 20


class SearchWordsField(forms.CharField):
    """Words to search for, at most MAX_SEARCH_WORDS of them."""

    def clean(self, value):
        value = super().clean(value)
        count = len((value or "").split())
        if count > MAX_SEARCH_WORDS:
            raise forms.ValidationError(
                _("Search with at most %(most)s words; this search has %(count)s.")
                % {"most": MAX_SEARCH_WORDS, "count": number_label(count)}
            )
        return value


class SearchFilter(django_filters.CharFilter):
    """A search box whose every word must be found. Each word is one more condition in the
    query, and SQLite refuses a query past a depth of 1000 ("Expression tree is too large"):
    the number of words is capped here, for the page, the API and the export alike."""

    field_class = SearchWordsField


class YesNoField(forms.Field):
    """`true` or `false` as a query string writes them; empty is no filter."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() in {"true", "false"}:
            return str(value).lower() == "true"
        raise forms.ValidationError(_("Send true or false."), code="invalid")


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter that refuses anything but true or false (django-filter's own reads an
    unknown word, `null` or `2` as "no filter" or "yes")."""

    field_class = YesNoField
