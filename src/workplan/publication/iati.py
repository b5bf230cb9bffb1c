"""A published plan's public activities as IATI 2.03 activity XML (the open-data standard of
aid and cooperation), valid against the official schema.

What goes where (the README's table says why):
- iati-identifier: the reporting organisation's identifier, the plan's number and the
  activity's code, e.g. XI-IATI-ASEC-WP1-TER-2024-01 (codes are unique within a plan only);
- participating-org: the lead and partner parties implementing (role 4), the funding source
  funding (role 1);
- activity-status, activity-date, sector: the codelist values of `STATUS`, `DATE_TYPE`,
  `SECTORS` below;
- budget: the activity's budget over its planned dates, when it has one;
- result: one output result with the activity's indicators: baseline, target over the planned
  dates, and the actual value of each accepted progress report over its period.
Only what `access.published` returns is read, so nothing internal, restricted, archived or
unaccepted is ever written.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from lxml import etree

from workplan.core import access
from workplan.parties.models import Party
from workplan.plans.models import Activity, Indicator
from workplan.reporting.models import IndicatorValue, ProgressUpdate

VERSION = "2.03"
LANGUAGE = "en"

# ActivityStatus codelist: 1 Pipeline/identification, 2 Implementation, 4 Closed,
# 5 Cancelled, 6 Suspended.
STATUS = {
    Activity.Status.PLANNED: "1",
    Activity.Status.ONGOING: "2",
    Activity.Status.COMPLETED: "4",
    Activity.Status.CANCELLED: "5",
    Activity.Status.POSTPONED: "6",
}
# ActivityDateType codelist.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# OrganisationRole codelist.
FUNDING, IMPLEMENTING = "1", "4"
# OrganisationType codelist: 10 Government, 40 Multilateral.
ORGANISATION_TYPE = {
    Party.Kind.MEMBER_STATE: "10",
    Party.Kind.DIALOGUE_PARTNER: "10",
    Party.Kind.SECRETARIAT: "40",
}
REPORTING_ORG_TYPE = "40"
# SectorVocabulary 1: OECD DAC CRS purpose codes (5 digit), by priority area key.
SECTOR_VOCABULARY = "1"
SECTORS = {
    "terrorism": "15210",  # Security system management and reform
    "cybercrime": "15130",  # Legal and judicial development
    "drug-trafficking": "16063",  # Narcotics control
    "sea-piracy": "15130",  # Legal and judicial development
    "human-trafficking": "15160",  # Human rights
}
OTHER_AREAS = "15130"  # transnational crime is law enforcement first
# BudgetType 1 Original, BudgetStatus 1 Indicative; ResultType 1 Output;
# IndicatorMeasure 1 Unit, 2 Percentage; DescriptionType 1 General.
ORIGINAL, INDICATIVE, OUTPUT, GENERAL = "1", "1", "1", "1"
MEASURE = {
    Indicator.Unit.NUMBER: "1",
    Indicator.Unit.PERCENTAGE: "2",
    Indicator.Unit.YES_NO: "1",  # 1 yes, 0 no: a unit count of one
}
ASCENDING = {Indicator.Direction.INCREASE: "true", Indicator.Direction.DECREASE: "false"}


def identifier(activity) -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-WP{activity.plan_id}-{activity.code}"


def activities_xml(plan) -> bytes:
    """The plan's published activities as an iati-activities document (UTF-8 bytes)."""
    root = etree.Element(
        "iati-activities",
        version=VERSION,
        **{"generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )
    activities = _published_activities(plan)
    actuals = _accepted_values(plan)
    for activity in activities:
        root.append(_activity(activity, actuals))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _published_activities(plan) -> list:
    indicators = access.published(Indicator.objects.filter(archived_at__isnull=True))
    return list(
        access.published(plan.activities.all())
        .select_related("area", "lead_party", "funding_source")
        .prefetch_related("partner_parties", Prefetch("indicators", queryset=indicators))
        .order_by("area__position", "code")
    )


def _accepted_values(plan) -> dict[int, list]:
    """Each indicator's values from accepted reports, oldest period first."""
    updates = access.published(ProgressUpdate.objects.filter(activity__plan=plan))
    values = (
        IndicatorValue.objects.filter(update__in=updates)
        .select_related("update__period")
        .order_by("update__period__start_date", "pk")
    )
    by_indicator = defaultdict(list)
    for value in values:
        by_indicator[value.indicator_id].append(value)
    return by_indicator


def _sub(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        etree.SubElement(element, "narrative").text = text
    return element


def _activity(activity, actuals) -> etree._Element:
    node = etree.Element("iati-activity")
    node.set("{http://www.w3.org/XML/1998/namespace}lang", LANGUAGE)
    etree.SubElement(node, "iati-identifier").text = identifier(activity)
    _sub(
        node, "reporting-org", settings.IATI_REPORTING_ORG_NAME,
        ref=settings.IATI_REPORTING_ORG_REF, type=REPORTING_ORG_TYPE,
    )  # fmt: skip
    _sub(node, "title", activity.title)
    _sub(node, "description", activity.description or activity.title, type=GENERAL)
    _participants(node, activity)
    _sub(node, "activity-status", code=STATUS[activity.status])
    _dates(node, activity)
    _sub(
        node, "sector",
        vocabulary=SECTOR_VOCABULARY, code=SECTORS.get(activity.area.key, OTHER_AREAS),
    )  # fmt: skip
    _budget(node, activity)
    _result(node, activity, actuals)
    return node


def _participants(node, activity) -> None:
    for party in [activity.lead_party, *activity.partner_parties.all()]:
        _sub(
            node, "participating-org", party.name,
            role=IMPLEMENTING, type=ORGANISATION_TYPE.get(party.kind, "10"),
        )  # fmt: skip
    if activity.funding_source:
        _sub(node, "participating-org", activity.funding_source.name, role=FUNDING)


def _dates(node, activity) -> None:
    for kind, day in [
        (PLANNED_START, activity.planned_start),
        (ACTUAL_START, activity.actual_start),
        (PLANNED_END, activity.planned_end),
        (ACTUAL_END, activity.actual_end),
    ]:
        if day:
            _sub(node, "activity-date", type=kind, iso_date=day.isoformat())


def _budget(node, activity) -> None:
    if activity.budget_amount is None or not activity.budget_currency:
        return
    budget = _sub(node, "budget", type=ORIGINAL, status=INDICATIVE)
    _sub(budget, "period-start", iso_date=activity.planned_start.isoformat())
    _sub(budget, "period-end", iso_date=activity.planned_end.isoformat())
    value = _sub(
        budget, "value",
        currency=activity.budget_currency, value_date=activity.planned_start.isoformat(),
    )  # fmt: skip
    value.text = _number(activity.budget_amount)


def _result(node, activity, actuals) -> None:
    indicators = list(activity.indicators.all())
    if not indicators:
        return
    result = _sub(node, "result", type=OUTPUT)
    _sub(result, "title", f"Results of {activity.code}")
    for indicator in indicators:
        _indicator(result, activity, indicator, actuals.get(indicator.pk, []))


def _indicator(result, activity, indicator, values) -> None:
    extra = (
        {"ascending": ASCENDING[indicator.direction]} if indicator.direction in ASCENDING else {}
    )
    element = _sub(result, "indicator", measure=MEASURE[indicator.unit], **extra)
    _sub(element, "title", indicator.name)
    if indicator.baseline is not None:
        _sub(
            element, "baseline",
            year=str(activity.planned_start.year), value=_number(indicator.baseline),
        )  # fmt: skip
    if indicator.target is not None:
        period = _period(element, activity.planned_start, activity.planned_end)
        _sub(period, "target", value=_number(indicator.target))
    for value in values:
        period = _period(element, value.update.period.start_date, value.update.period.end_date)
        _sub(period, "actual", value=_number(value.value))


def _period(indicator, start: datetime.date, end: datetime.date):
    period = _sub(indicator, "period")
    _sub(period, "period-start", iso_date=start.isoformat())
    _sub(period, "period-end", iso_date=end.isoformat())
    return period


def _number(value: Decimal) -> str:
    """1500.00 as 1500, 12.50 as 12.5."""
    return format(value.normalize(), "f")
