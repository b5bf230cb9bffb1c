"""Exports of exactly the list the user is looking at, as Excel, CSV and JSON, with cells a
spreadsheet would run neutralised."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workplan.exchange.activity_columns import HEADERS, neutralise, unneutralise
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import Body
from workplan.plans.models import WorkPlan
from workplan.reporting.actions import save_update, start_update, submit_update


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def rows_of(response, fmt: str) -> list[list]:
    content = body(response)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content), read_only=True)["Activities"]
        return [list(line) for line in sheet.iter_rows(values_only=True)]
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [list(record.values()) for record in json.loads(content)]


@pytest.fixture
def activities(make_activity):
    return {
        "idn": make_activity(lead="IDN", partners=["JPN"], title="+Indonesian drill"),
        "jpn_restricted": make_activity(lead="JPN", partners=["THA"], classification="restricted"),
        "vnm": make_activity(lead="VNM", partners=[], title="@Viet Nam course"),
    }


def export(client, plan, fmt, **query):
    return client.get(reverse("exchange:activity_export", args=[plan.pk, fmt]), query)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_it_exports_what_the_register_page_shows_for_the_same_query(
    client, plan, idn, activities, fmt
):
    client.force_login(idn)
    query = {"lead_party": plan.parties.get(code="VNM").pk}
    page = client.get(reverse("plans:activity_list", args=[plan.pk]), query)
    shown = [activity.code for activity in page.context["page"].object_list]

    response = export(client, plan, fmt, **query)

    assert response.status_code == 200
    lines = rows_of(response, fmt)
    codes = [line[0] for line in (lines[1:] if fmt != "json" else lines)]
    assert codes == shown == [activities["vnm"].code]


def test_it_leaves_out_what_the_user_may_not_see(client, plan, vnm, activities):
    client.force_login(vnm)
    lines = rows_of(export(client, plan, "csv"), "csv")
    assert activities["jpn_restricted"].code not in str(lines)
    assert len(lines) == 3


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_neutralises_cells_a_spreadsheet_would_run(client, plan, asec, activities, fmt):
    client.force_login(asec)
    lines = rows_of(export(client, plan, fmt), fmt)
    titles = [line[1] for line in lines[1:]]
    assert "'+Indonesian drill" in titles
    assert "'@Viet Nam course" in titles
    assert lines[0] == HEADERS


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_it_names_a_search_of_too_many_words_before_writing_anything(
    client, plan, asec, activities, fmt
):
    client.force_login(asec)
    response = export(client, plan, fmt, q=" ".join(f"word{n}" for n in range(1000)))
    assert response.status_code == 400
    assert response.content.decode() == (
        "This export cannot be made: q (Search): Search with at most 20 words; this search has "
        "1,000.\n"
    )


@pytest.mark.parametrize(
    ("value", "guarded"),
    [
        ("=7+7", "'=7+7"),
        ("+7+7", "'+7+7"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=7+7", "'\t'=7+7"),
        ("\r=7+7", "'\r=7+7"),
        (";=7+7", ";'=7+7"),
        ("Workshop;=7+7", "Workshop;'=7+7"),
        ("Drill,-7+7", "Drill,'-7+7"),
        ("Tab\t@SUM(1)", "Tab\t'@SUM(1)"),
        ("a;;=1", "a;;'=1"),
        ("'=typed", "''=typed"),
        ("Japan; Viet Nam", "Japan; Viet Nam"),
        ("2024-03-01, 10:00", "2024-03-01, 10:00"),
    ],
)  # fmt: skip
def test_it_guards_every_piece_a_separator_could_make_a_formula_and_takes_it_off(value, guarded):
    assert neutralise(value) == guarded
    assert unneutralise(guarded) == value


def test_it_keeps_values_as_they_are_in_json(client, plan, asec, activities):
    client.force_login(asec)
    records = json.loads(body(export(client, plan, "json")))
    assert records[0]["title"] == "+Indonesian drill"
    assert records[0]["planned_start"] == "2024-03-01"
    assert set(records[0]) == {
        "code", "title", "description", "area", "commitments", "lead_party", "partner_parties",
        "modality", "planned_start", "planned_end", "actual_start", "actual_end", "status",
        "classification", "funding_source", "budget_amount", "budget_currency", "weight",
    }  # fmt: skip


def test_it_serves_the_template_as_the_export_without_rows(client, plan, idn):
    client.force_login(idn)
    response = client.get(reverse("exchange:activity_template", args=[plan.pk]))
    book = load_workbook(io.BytesIO(body(response)), read_only=True)
    assert book.sheetnames == ["Activities", "Lists"]
    assert [list(line) for line in book["Activities"].iter_rows(values_only=True)] == [HEADERS]
    lists = list(book["Lists"].iter_rows(values_only=True))
    assert "Sea piracy" in {line[0] for line in lists}


def test_it_refuses_an_unknown_format_and_a_hidden_plan(client, plan, outsider, activities):
    client.force_login(outsider)
    assert export(client, plan, "pdf").status_code == 404
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    assert export(client, plan, "csv").status_code == 404


def test_it_sends_a_signed_out_visitor_to_sign_in(client, plan):
    response = export(client, plan, "csv")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_exports_progress_updates_filtered_as_asked(client, plan, idn, asec, activities):
    period = plan.periods.get(name="H1 2024")
    update = start_update(activities["idn"], period, actor=idn)
    fields = {"narrative": "=cmd|' /C calc'!A0", "percent_complete": 40}
    fields["reported_status"] = "ongoing"
    submit_update(save_update(update, fields, {}, expected_version=1, actor=idn), actor=idn)
    client.force_login(asec)

    submitted = client.get(reverse("exchange:update_export", args=["csv"]), {"status": "submitted"})
    accepted = client.get(reverse("exchange:update_export", args=["csv"]), {"status": "accepted"})

    lines = rows_of(submitted, "csv")
    code, title, party, period, status = lines[1][:5]
    assert (code, title) == (activities["idn"].code, "'+Indonesian drill")
    assert (party, period, status) == ("Indonesia", "H1 2024", "Submitted")
    assert lines[1][7] == "'=cmd|' /C calc'!A0"
    assert len(rows_of(accepted, "csv")) == 1
    xlsx = client.get(reverse("exchange:update_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(body(xlsx)), read_only=True)["Progress updates"]
    assert len(list(sheet.iter_rows())) == 2


def test_it_exports_action_items_of_a_meeting(client, plan, asec, vnm, parties):
    body_ = Body.objects.get(key="SOMTC+JPN")
    meeting = meeting_actions.create_meeting(
        {"body": body_, "number": 20, "plan": plan, "start_date": "2024-06-10"}, actor=asec
    )
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    meeting_actions.add_action_item(
        item, {"text": "-Share the list", "owners": [parties["VNM"]]}, actor=asec
    )
    client.force_login(vnm)
    response = client.get(reverse("exchange:action_export", args=["csv"]), {"meeting": meeting.pk})
    lines = rows_of(response, "csv")
    assert lines[1][:4] == ["20th SOMTC + Japan", "Review", "'-Share the list", "Viet Nam"]
    other = client.get(reverse("exchange:action_export", args=["json"]), {"owner": "JPN"})
    assert json.loads(body(other)) == []


def test_it_leaves_out_a_filter_no_database_could_read(client, asec, activities):
    client.force_login(asec)
    response = client.get(reverse("exchange:update_export", args=["csv"]), {"party": "JP\x00N"})
    assert response.status_code == 200
