"""Who owes what: the reporting round tracker (page, API, export) and the page of what one party
owes (page, API, export), read under the access rules."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import ActionItem, Body
from workplan.parties.models import Party
from workplan.plans.models import Activity
from workplan.plans.tests.test_query_counts import add_activities
from workplan.reporting.actions import (
    return_update,
    save_update,
    start_update,
    submit_update,
)
from workplan.reporting.models import ProgressUpdate

D = datetime.date
SECRET = "Covert boarding of the vessel Orion"


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.fixture
def vnm_owes(plan, make_activity, asec, parties, vnm):
    """Viet Nam leads two activities of 2024 (one with a returned update) and owns an action
    item due 1 Sep 2024; Indonesia leads a restricted activity Viet Nam may not see."""
    returned = make_activity(code="SP-2024-01", title="Port state control course", lead="VNM")
    make_activity(code="SP-2024-02", title="Regional patrol exercise", lead="VNM")
    make_activity(code="SP-2024-03", title=SECRET, lead="IDN", classification="restricted")
    update = start_update(returned, plan.periods.get(name="H1 2024"), actor=vnm)
    data = {"narrative": "Held.", "percent_complete": 40, "reported_status": "ongoing"}
    update = save_update(update, data, {}, expected_version=update.version, actor=vnm)
    return_update(submit_update(update, actor=vnm), "Add the attendance list.", actor=asec)
    meeting = meeting_actions.create_meeting(
        {"body": Body.objects.get(key="SOMTC+JPN"), "number": 20, "plan": plan,
         "start_date": D(2024, 6, 10)}, actor=asec,
    )  # fmt: skip
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    meeting_actions.add_action_item(
        item,
        {"text": "Share the list of trained officers", "owners": [parties["VNM"]],
         "due_date": D(2024, 9, 1)},
        actor=asec,
    )  # fmt: skip
    return parties["VNM"]


# The tracker


def test_the_secretariat_sees_every_partys_row_and_opens_a_cell(client, plan, asec, vnm_owes):
    client.force_login(asec)
    page = client.get(reverse("reporting:tracker", args=[plan.pk])).content.decode()
    assert "Viet Nam" in page
    assert "Indonesia" in page
    h1 = plan.periods.get(name="H1 2024")
    cell = client.get(
        reverse("reporting:tracker", args=[plan.pk]), {"party": vnm_owes.pk, "period": h1.pk}
    ).content.decode()
    assert "Viet Nam · H1 2024" in cell
    assert "Port state control course" in cell
    assert "Returned" in cell
    assert "Overdue · due 31 Jul 2024" in cell


def test_the_tracker_filters_by_area(client, plan, asec, vnm_owes, make_activity):
    make_activity(code="TP-2024-01", title="Victim referral study", area="human-trafficking")
    client.force_login(asec)
    area = plan.areas.get(key="human-trafficking")
    url = reverse("reporting:tracker", args=[plan.pk])
    page = client.get(url, {"area": area.pk, "party": 0, "period": 0}).content.decode()
    assert "Indonesia" in page
    assert "Viet Nam" not in page


def test_a_focal_point_sees_only_its_own_partys_row_and_never_a_restricted_name(
    client, plan, vnm, vnm_owes
):
    client.force_login(vnm)
    indonesia = vnm_owes.__class__.objects.get(code="IDN")
    h1 = plan.periods.get(name="H1 2024")
    url = reverse("reporting:tracker", args=[plan.pk])
    pages = [
        client.get(url).content.decode(),
        client.get(url, {"party": indonesia.pk, "period": h1.pk}).content.decode(),
        json.dumps(client.get(reverse("api:plan-tracker", args=[plan.pk])).json()),
        body_of(client.get(reverse("exchange:tracker_export", args=[plan.pk, "csv"]))),
        client.get(reverse("overview:party", args=["VNM"])).content.decode(),
        json.dumps(client.get(reverse("api:party-owes", args=["VNM"])).json()),
        body_of(client.get(reverse("exchange:party_owes_export", args=["VNM", "csv"]))),
    ]
    assert "Viet Nam" in pages[0]
    # the header's language switcher offers Bahasa Indonesia to everyone; the party is hidden
    assert "Indonesia" not in pages[0].replace("Bahasa Indonesia", "")
    for page in pages:
        assert SECRET not in page
        assert "SP-2024-03" not in page
    assert client.get(reverse("overview:party", args=["IDN"])).status_code == 404
    assert client.get(reverse("api:party-owes", args=["IDN"])).status_code == 404


def test_the_tracker_api_gives_cells_and_items(client, plan, asec, vnm_owes):
    client.force_login(asec)
    data = client.get(reverse("api:plan-tracker", args=[plan.pk])).json()
    vnm_row = next(row for row in data["rows"] if row["party"] == "VNM")
    h1 = next(p for p in data["periods"] if p["name"] == "H1 2024")
    cell = next(c for c in vnm_row["cells"] if c["period"] == h1["id"])
    assert cell == {
        "period": h1["id"], "expected": 2, "counts": {"returned": 1, "missing": 1, "overdue": 2}
    }  # fmt: skip
    assert {"activity_code": "SP-2024-01", "state": "returned", "overdue": True}.items() <= next(
        i for i in data["items"] if i["activity_code"] == "SP-2024-01" and i["period"] == h1["id"]
    ).items()


def test_the_tracker_exports_one_row_per_update_owed(client, plan, asec, vnm_owes):
    client.force_login(asec)
    response = client.get(
        reverse("exchange:tracker_export", args=[plan.pk, "csv"]), {"party": vnm_owes.pk}
    )
    lines = body_of(response).splitlines()
    assert lines[0] == "Party,Period,Updates due,Activity code,Activity,State,Overdue"
    assert "Viet Nam,H1 2024,2024-07-31,SP-2024-01,Port state control course,Returned,Yes" in lines
    xlsx = client.get(reverse("exchange:tracker_export", args=[plan.pk, "xlsx"]))
    assert xlsx.status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_tracker_file_downloaded_in_japanese_writes_its_states_as_every_file_does(
    client, plan, asec, vnm_owes, fmt
):
    client.force_login(asec)
    url = reverse("exchange:tracker_export", args=[plan.pk, fmt])
    japanese = client.get(url, {"party": vnm_owes.pk}, HTTP_ACCEPT_LANGUAGE="ja")
    english = client.get(url, {"party": vnm_owes.pk}, HTTP_ACCEPT_LANGUAGE="en")

    assert japanese.status_code == 200
    if fmt != "xlsx":
        written = body_of(japanese)
        assert written == body_of(english)
        assert "Returned" in written


# What a party owes


def test_the_party_page_lists_overdue_updates_returned_ones_and_open_actions(
    client, asec, vnm_owes
):
    client.force_login(asec)
    page = client.get(reverse("overview:party", args=["VNM"])).content.decode()
    assert "What Viet Nam owes" in page
    assert "Regional patrol exercise" in page  # missing, overdue
    assert "Add the attendance list" not in page  # comments are on the update's own page
    assert page.index("Overdue updates") < page.index("Returned updates")
    assert "Share the list of trained officers" in page
    assert "Overdue · due 1 Sep 2024" in page


def test_a_party_owing_nothing_reads_a_clear_empty_state(client, asec, plan):
    client.force_login(asec)
    page = client.get(reverse("overview:party", args=["BRN"])).content.decode()
    assert "Brunei Darussalam owes nothing" in page


def test_the_party_api_and_export_say_the_same(client, asec, vnm_owes):
    client.force_login(asec)
    data = client.get(reverse("api:party-owes", args=["vnm"])).json()
    assert [i["activity_code"] for i in data["returned"]] == ["SP-2024-01"]
    assert "SP-2024-02" in [i["activity_code"] for i in data["overdue"]]
    assert [(a["text"], a["overdue"]) for a in data["actions"]] == [
        ("Share the list of trained officers", True)
    ]
    rows = body_of(client.get(reverse("exchange:party_owes_export", args=["VNM", "csv"])))
    assert "Action item,20th SOMTC + Japan,Share the list of trained officers" in rows
    assert "Returned update,SP-2024-01" in rows


# Query counts


@pytest.fixture(params=[10, 60])
def bulk(request, plan, asec):
    activities = add_activities(plan, request.param)
    periods = list(plan.periods.order_by("start_date")[:4])
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=a, party=a.lead_party, period=periods[i % 4], created_by=asec,
            status=["draft", "submitted", "returned", "accepted"][i % 4],
        )
        for i, a in enumerate(activities)
    )  # fmt: skip
    meeting = meeting_actions.create_meeting(
        {"body": Body.objects.get(key="SOMTC+JPN"), "number": 20, "plan": plan,
         "start_date": D(2024, 6, 10)}, actor=asec,
    )  # fmt: skip
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    made = ActionItem.objects.bulk_create(
        ActionItem(agenda_item=item, text=f"Action {n}", due_date=D(2024, 9, n % 28 + 1))
        for n in range(request.param // 5)
    )
    owners = ActionItem.owners.through
    indonesia = Party.objects.get(code="IDN")
    owners.objects.bulk_create(owners(actionitem=a, party=indonesia) for a in made)
    ContentType.objects.get_for_models(Activity, ProgressUpdate)
    return request.param


def test_the_tracker_runs_a_fixed_number_of_queries(
    client, plan, asec, bulk, django_assert_num_queries
):
    client.force_login(asec)
    # session, user, plan, periods, updates owed, parties, areas (filter)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(10):
        assert client.get(reverse("reporting:tracker", args=[plan.pk])).status_code == 200


def test_the_party_page_runs_a_fixed_number_of_queries(
    client, asec, bulk, django_assert_num_queries
):
    client.force_login(asec)
    # session, user, party, plans (page), periods, updates owed, parties, returned updates,
    # open action items, their owners
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(13):
        assert client.get(reverse("overview:party", args=["IDN"])).status_code == 200


# My tasks


def test_my_tasks_lists_the_action_items_of_my_party_overdue_first(client, vnm, vnm_owes):
    client.force_login(vnm)
    page = client.get(reverse("reporting:my_tasks")).content.decode()
    assert "Action items Viet Nam owns" in page
    assert "Share the list of trained officers" in page
    assert "Overdue · due 1 Sep 2024" in page
    assert "Regional patrol exercise" in page  # an update owed, every period


def test_my_tasks_runs_a_fixed_number_of_queries(client, idn, bulk, django_assert_num_queries):
    client.force_login(idn)
    # session, user, returned, drafts, periods, updates owed, parties, open action items,
    # their owners
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(12):
        assert client.get(reverse("reporting:my_tasks")).status_code == 200


# The dashboard's filters


def test_the_dashboard_filters_its_overdue_panel_by_party_over_every_period(
    client, plan, asec, vnm_owes, make_activity
):
    make_activity(code="SP-2023-07", title="Indonesian coast watch", lead="IDN",
                  planned_start=D(2023, 7, 1), planned_end=D(2023, 9, 30))  # fmt: skip
    client.force_login(asec)
    url = reverse("overview:dashboard", args=[plan.pk])
    everyone = client.get(url).content.decode()
    assert "Indonesian coast watch" in everyone  # H2 2023, not the last period past due
    assert "Regional patrol exercise" in everyone
    vietnam = client.get(url, {"party": vnm_owes.pk}).content.decode()
    assert "Regional patrol exercise" in vietnam
    assert "Indonesian coast watch" not in vietnam
    assert reverse("overview:party", args=["VNM"]) in vietnam
