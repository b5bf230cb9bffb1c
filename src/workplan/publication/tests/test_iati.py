"""The IATI export: the published plan's public activities as IATI 2.03 activity XML, valid
against the official schema (copied unchanged to ../shared/iati-2.03/), with nothing that is
not public."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from lxml import etree

from workplan.plans.actions import add_indicator, archive_activity, ensure_funding_source
from workplan.plans.models import Activity, WorkPlan
from workplan.plans.tests.test_query_counts import add_activities
from workplan.reporting import actions as reporting
from workplan.reporting.models import ProgressUpdate

D = datetime.date
SCHEMA_DIR = Path(__file__).resolve().parents[5] / "shared" / "iati-2.03"


@pytest.fixture(scope="session")
def schema():
    path = SCHEMA_DIR / "iati-activities-schema.xsd"
    if not path.exists():
        pytest.fail(f"The official IATI 2.03 schema is missing at {path} (see its README).")
    return etree.XMLSchema(etree.parse(str(path)))


def _xml(client, plan):
    response = client.get(reverse("publication:iati", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def assert_valid(schema, document) -> None:
    if not schema.validate(document):
        raise AssertionError("\n".join(str(error) for error in schema.error_log))


def _report(activity, plan, user, asec, values, *, accept=True):
    update = reporting.start_update(activity, plan.periods.get(name="H1 2024"), actor=user)
    update = reporting.save_update(
        update,
        {"narrative": "Reported.", "percent_complete": 40, "reported_status": "ongoing"},
        values,
        expected_version=1,
        actor=user,
    )
    reporting.submit_update(update, actor=user)
    if accept:
        reporting.accept_update(update, actor=asec)


@pytest.fixture
def funded(plan, make_activity, asec, idn, jpn):
    """A public JAIF-funded activity with a budget and an indicator with an accepted report;
    a public one with an indicator whose report is not accepted; hidden ones."""
    jaif = ensure_funding_source("jaif", name="Japan-ASEAN Integration Fund (JAIF)", actor=asec)
    shown = make_activity(
        code="SP-2024-01", title="Boarding and inspection course", area="sea-piracy",
        classification="public", status="ongoing", actual_start=D(2024, 3, 4),
        partners=["JPN", "PHL"], funding_source=jaif, budget_amount=Decimal("150000.00"),
        budget_currency="USD",
    )  # fmt: skip
    officers = add_indicator(
        shown,
        {"name": "Officers trained", "unit": "number", "baseline": 0, "target": 120},
        actor=asec,
    )
    _report(shown, plan, idn, asec, {officers.pk: 45})
    pending = make_activity(
        code="TIP-2024-01", title="Victim identification guide", area="human-trafficking",
        lead="JPN", partners=[], classification="public", status="planned",
    )  # fmt: skip
    guide = add_indicator(pending, {"name": "Guides printed", "unit": "number"}, actor=asec)
    _report(pending, plan, jpn, asec, {guide.pk: 987654}, accept=False)
    make_activity(code="CY-2024-09", title="Internal cyber study", classification="internal")
    make_activity(code="TER-2024-09", title="Restricted exchange", classification="restricted")
    archived = make_activity(code="DT-2024-09", title="Archived drill", classification="public")
    archive_activity(archived, actor=asec)
    return shown


def test_the_iati_file_validates_against_the_official_schema(client, plan, funded, schema):
    assert_valid(schema, _xml(client, plan))


def test_it_writes_the_public_activities_only(client, plan, funded):
    document = _xml(client, plan)

    identifiers = document.xpath("//iati-identifier/text()")
    assert identifiers == [
        f"XI-IATI-ASEC-WP{plan.pk}-SP-2024-01",
        f"XI-IATI-ASEC-WP{plan.pk}-TIP-2024-01",
    ]
    text = etree.tostring(document).decode()
    for hidden in ["Internal cyber study", "Restricted exchange", "Archived drill", "987654"]:
        assert hidden not in text


def test_it_maps_the_activity_to_iati_codes(client, plan, funded):
    activity = _xml(client, plan).xpath("//iati-activity")[0]

    assert activity.xpath("reporting-org/@ref") == ["XI-IATI-ASEC"]
    assert activity.xpath("title/narrative/text()") == ["Boarding and inspection course"]
    roles = [
        (org.get("role"), org.findtext("narrative")) for org in activity.xpath("participating-org")
    ]
    assert roles == [
        ("4", "Indonesia"), ("4", "Japan"), ("4", "Philippines"),
        ("1", "Japan-ASEAN Integration Fund (JAIF)"),
    ]  # fmt: skip
    assert activity.xpath("activity-status/@code") == ["2"]
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.xpath("activity-date")]
    assert dates == [("1", "2024-03-01"), ("2", "2024-03-04"), ("3", "2024-06-30")]
    assert activity.xpath("sector/@code") == ["15130"]
    assert activity.xpath("sector/@vocabulary") == ["1"]
    assert activity.xpath("budget/value/text()") == ["150000"]
    assert activity.xpath("budget/value/@currency") == ["USD"]


def test_it_writes_indicators_with_baseline_target_and_accepted_actuals(client, plan, funded):
    indicator = _xml(client, plan).xpath("//iati-activity")[0].xpath("result/indicator")[0]

    assert indicator.get("measure") == "1"
    assert indicator.get("ascending") == "true"
    assert indicator.xpath("baseline/@value") == ["0"]
    assert indicator.xpath("period/target/@value") == ["120"]
    assert indicator.xpath("period/actual/@value") == ["45"]
    assert indicator.xpath("period[actual]/period-end/@iso-date") == ["2024-06-30"]


def test_the_reporting_organisation_is_a_setting(client, plan, funded, settings):
    settings.IATI_REPORTING_ORG_REF = "XI-IATI-TEST"

    document = _xml(client, plan)

    assert document.xpath("//iati-identifier/text()")[0].startswith("XI-IATI-TEST-WP")


def test_an_unpublished_plan_has_no_open_data(client, plan):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)

    assert client.get(reverse("publication:iati", args=[plan.pk])).status_code == 404


def test_the_sample_plan_validates_whole(client, plan, schema):
    from workplan.exchange.sample import load_sample

    load_sample(plan)
    document = _xml(client, plan)

    assert len(document) == Activity.objects.filter(classification="public").count() - (
        Activity.objects.filter(classification="public", archived_at__isnull=False).count()
    )
    assert_valid(schema, document)


@pytest.mark.parametrize("size", [10, 100])
def test_it_runs_a_fixed_number_of_queries(client, plan, asec, size, django_assert_num_queries):
    activities = add_activities(plan, size)
    for activity in activities[::3]:
        add_indicator(activity, {"name": "Count", "unit": "number", "target": 3}, actor=asec)
    ContentType.objects.get_for_models(Activity, ProgressUpdate)
    # the plan and its parties; the activities, their partners, their indicators; the values
    # of accepted reports
    with django_assert_num_queries(6):
        client.get(reverse("publication:iati", args=[plan.pk]))
