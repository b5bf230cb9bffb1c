"""The register's rows, written once in Python: each cell's text and links are made here, so
the template prints fifty rows without running some fifteen tags and lookups for each."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from workplan.core.formats import date_range_label
from workplan.core.templatetags.workplan import badge
from workplan.plans.models import Activity


@dataclass(frozen=True)
class Row:
    url: str
    code: str
    title: str
    badges: SafeString
    area: str
    lead: SafeString
    partners: SafeString
    planned: str
    status: SafeString


def rows(activities) -> list[Row]:
    return [_row(activity) for activity in activities]


def _row(activity: Activity) -> Row:
    return Row(
        url=activity.get_absolute_url(),
        code=activity.code,
        title=activity.title,
        badges=_badges(activity),
        area=activity.area.localized("name"),
        lead=_party(activity.lead_party),
        partners=_partners(activity),
        planned=date_range_label(activity.planned_start, activity.planned_end),
        status=badge("status", activity.status, activity.get_status_display()),
    )


def _badges(activity: Activity) -> SafeString:
    shown = []
    if activity.is_sample:
        shown.append(badge("flag", "sample", gettext("Sample")))
    if activity.classification != Activity.Classification.INTERNAL:
        shown.append(badge("class", activity.classification, activity.get_classification_display()))
    if activity.is_archived:
        shown.append(badge("flag", "archived", gettext("Archived")))
    return format_html_join(" ", "{}", ((html,) for html in shown))


def _party(party) -> SafeString:
    return format_html('<abbr title="{}">{}</abbr>', party.name, party.code)


def _partners(activity: Activity) -> SafeString:
    partners = activity.partner_parties.all()
    if not partners:
        return format_html('<span class="muted">{}</span>', gettext("none"))
    return format_html_join(", ", "{}", ((_party(party),) for party in partners))
