"""The pages of the reporting workbook: where a focal point finds it, the upload and its
preview, the confirmation, and submitting the drafts at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.exchange.tests.test_updates_workbook import (
    NARRATIVE,
    PERCENT,
    STATUS,
    VALUE_1,
    _row_of,
    download,
    fill,
)
from workplan.reporting import obligations
from workplan.reporting.actions import save_update, start_update
from workplan.reporting.models import ProgressUpdate


@pytest.fixture
def h1(plan):
    return plan.periods.get(name="H1 2024")


@pytest.fixture
def owed(make_activity):
    first = make_activity(lead="VNM", title="Port security drill")
    second = make_activity(lead="VNM", title="Boarding course")
    return first, second


def page(period, code="vnm", name="updates_workbook"):
    return reverse(f"exchange:{name}", args=[period.plan_id, period.pk, code])


def upload(client, period, path, code="vnm"):
    with path.open("rb") as handle:
        file = SimpleUploadedFile("filled.xlsx", handle.read())
    return client.post(page(period, code), {"file": file})


def test_a_focal_point_finds_the_workbook_in_my_tasks_and_on_the_party_page(
    client, vnm, plan, make_activity
):
    due = obligations.next_due(plan)
    make_activity(lead="VNM", planned_start=due.start_date, planned_end=due.end_date)
    client.force_login(vnm)
    tasks = client.get(reverse("reporting:my_tasks")).content.decode()
    party = client.get(reverse("overview:party", args=["VNM"])).content.decode()

    assert page(due) in tasks
    assert page(due) in party


def test_the_secretariat_finds_every_partys_workbook_in_the_tracker(client, asec, plan, owed, h1):
    client.force_login(asec)
    tracker = client.get(reverse("reporting:tracker", args=[plan.pk])).content.decode()
    cell = client.get(
        reverse("reporting:tracker", args=[plan.pk]),
        {"party": owed[0].lead_party_id, "period": h1.pk},
    ).content.decode()

    assert page(h1, "all") in tracker
    assert page(h1) in cell


def test_a_focal_point_uploads_confirms_and_submits_its_workbook(client, vnm, owed, h1, tmp_path):
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    cells = {}
    for title in ("Port security drill", "Boarding course"):
        row = _row_of(path, title)
        cells |= {(row, NARRATIVE): f"{title} held.", (row, PERCENT): 100,
                  (row, STATUS): "Completed"}  # fmt: skip
    fill(path, cells)

    preview = upload(client, h1, path)
    token = preview.context["token"]
    assert "2 new drafts" in preview.content.decode()
    assert ProgressUpdate.objects.count() == 0
    confirmed = client.post(page(h1, name="updates_workbook_confirm"), {"token": token})
    assert confirmed.status_code == 302
    drafts = client.get(page(h1)).context["drafts"]
    assert [d.status for d in drafts] == ["draft", "draft"]
    submitted = client.post(
        page(h1, name="updates_workbook_submit"), {"update": [d.pk for d in drafts]}, follow=True
    )

    assert "2 updates submitted for review." in submitted.content.decode()
    assert set(ProgressUpdate.objects.values_list("status", flat=True)) == {"submitted"}


def test_submitting_all_submits_none_when_one_is_incomplete(client, vnm, owed, h1):
    complete = start_update(owed[0], h1, actor=vnm)
    data = {"narrative": "Done.", "percent_complete": 100, "reported_status": "completed"}
    save_update(complete, data, {}, expected_version=1, actor=vnm)
    incomplete = start_update(owed[1], h1, actor=vnm)
    client.force_login(vnm)

    response = client.post(
        page(h1, name="updates_workbook_submit"),
        {"update": [complete.pk, incomplete.pk]},
        follow=True,
    )

    assert "Nothing was submitted." in response.content.decode()
    assert set(ProgressUpdate.objects.values_list("status", flat=True)) == {"draft"}


def test_a_row_saved_online_after_the_preview_is_a_conflict_at_the_confirmation(
    client, vnm, owed, h1, tmp_path
):
    draft = start_update(owed[0], h1, actor=vnm)
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    fill(path, {(row, NARRATIVE): "From the workbook."})
    token = upload(client, h1, path).context["token"]
    save_update(draft, {"narrative": "Online meanwhile."}, {}, expected_version=1, actor=vnm)

    response = client.post(page(h1, name="updates_workbook_confirm"), {"token": token})

    assert "changed online since your preview" in response.content.decode()
    draft.refresh_from_db()
    assert draft.narrative == "Online meanwhile."


def test_a_file_over_the_size_limit_is_refused_and_changes_nothing(client, vnm, owed, h1, settings):
    settings.IMPORT_MAX_MB = 1
    client.force_login(vnm)
    big = SimpleUploadedFile("big.xlsx", b"0" * (1024 * 1024 + 1))

    response = client.post(page(h1), {"file": big})

    assert "files up to 1 MB are read" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(client, vnm, owed, h1):
    client.force_login(vnm)
    response = client.post(page(h1), {"file": SimpleUploadedFile("a.xlsx", b"hello")})

    assert "This file is not an Excel workbook (.xlsx)" in response.content.decode()


def test_an_indicator_value_problem_names_the_column(client, vnm, owed, h1, tmp_path, asec):
    from workplan.plans.actions import add_indicator

    add_indicator(owed[0], {"name": "Share trained", "unit": "percentage"}, actor=asec)
    path = download(client, vnm, h1, target=tmp_path / "vnm.xlsx")
    row = _row_of(path, "Port security drill")
    fill(path, {(row, VALUE_1): 120})

    response = upload(client, h1, path)

    assert (
        f"Row {row}, Value 1 (Share trained): Share trained: A percentage lies between 0 and 100."
        in response.content.decode()
    )
