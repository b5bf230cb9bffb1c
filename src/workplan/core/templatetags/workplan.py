"""Template helpers for how values read: dates, ranges and badges with text and colour."""

import datetime

from django import template
from django.apps import apps
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from workplan.core import access
from workplan.core.formats import (
    date_label,
    date_range_label,
    long_month_label,
    moment_label,
    month_label,
    number_label,
)
from workplan.core.history import name_links

register = template.Library()


@register.filter
def day(value):
    """20 Aug 2023."""
    return date_label(value)


@register.filter
def moment(value):
    """20 Aug 2023, 14:05 UTC, in the reader's language."""
    return moment_label(value)


@register.filter
def month(value):
    """Aug 2023, in the reader's language."""
    return month_label(value) if value else ""


@register.filter
def long_month(value):
    """August 2023, in the reader's language (a calendar's heading)."""
    return long_month_label(value) if value else ""


@register.simple_tag
def now_moment():
    """The moment now, as `moment` writes it (an error page names when it happened)."""
    return moment_label(timezone.now())


@register.filter
def number(value):
    """200, 1,500, 2.5: a stored decimal as people write it."""
    return number_label(value)


@register.filter
def machine_time(value):
    """A moment as HTML's datetime attribute wants it: UTC, whole seconds (2026-11-30T10:23:27Z)."""
    if not value:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.simple_tag
def daterange(start, end):
    """20–23 Aug 2023."""
    return date_range_label(start, end)


@register.simple_tag
def badge(kind: str, value: str, label: str):
    """A badge that says its meaning in words; the colour only repeats it."""
    return format_html('<span class="badge badge-{}-{}">{}</span>', kind, value, label)


@register.filter
def readable(value):
    """A recorded value as a person reads it: lists joined, yes/no, "(empty)" for nothing."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


@register.simple_tag(takes_context=True)
def named_for_reader(context, history):
    """History rows with the records they link to named only if the page's reader may see them."""
    return name_links(history, context["request"].user)


@register.filter
def get(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def may(context, action: str, target):
    """`{% may "review" "reporting.ProgressUpdate" as may_review %}`: the access rules' answer
    for the signed-in user, for a record or (named "app.Model") a kind of record."""
    if isinstance(target, str):
        target = apps.get_model(target)
    return access.can(context["request"].user, action, target)


@register.filter
def local(record, field: str):
    """A plan's, area's or commitment's text in the reader's language: {{ area|local:"name" }}."""
    return record.localized(field) if record else ""
