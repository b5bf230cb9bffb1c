"""The register's rows, written once in Python: each cell's text and links are made here, so
the template prints fifty rows without running some fifteen tags and lookups for each."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from workplan.core.formats import date_range_label
from workplan.core.templatetags.workplan import badge
from workplan.parties.models import Party
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


def rows(activities, plan) -> list[Row]:
    """The rows of a page of the plan's activities (read without their relations): areas and
    parties come from the plan's few, read once, and partners from one query of links."""
    activities = list(activities)
    areas = {area.pk: area for area in plan.areas.all()}
    parties = {party.pk: party for party in plan.parties.all()}
    links = Activity.partner_parties.through.objects.filter(
        activity_id__in=[activity.pk for activity in activities]
    ).values_list("activity_id", "party_id")
    partners: dict[int, list] = {}
    for activity_id, party_id in links.order_by("party__name"):
        partners.setdefault(activity_id, []).append(party_id)
    named = _with_strays(parties, {activity.lead_party_id for activity in activities}, partners)
    return [_row(activity, areas, named, partners.get(activity.pk, [])) for activity in activities]


def _with_strays(parties: dict, leads: set, partners: dict) -> dict:
    """The plan's parties, and any other party named (one no longer a party of the plan)."""
    wanted = leads | {party for ids in partners.values() for party in ids}
    missing = wanted - parties.keys()
    return {**parties, **Party.objects.in_bulk(missing)} if missing else parties


def _row(activity: Activity, areas: dict, parties: dict, partner_ids: list) -> Row:
    return Row(
        url=activity.get_absolute_url(),
        code=activity.code,
        title=activity.title,
        badges=_badges(activity),
        area=areas[activity.area_id].localized("name"),
        lead=_party(parties[activity.lead_party_id]),
        partners=_partners([parties[party_id] for party_id in partner_ids]),
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


def _partners(partners: list) -> SafeString:
    if not partners:
        return format_html('<span class="muted">{}</span>', gettext("none"))
    return format_html_join(", ", "{}", ((_party(party),) for party in partners))
