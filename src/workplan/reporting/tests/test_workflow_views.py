"""Progress updates through the pages: who may do each step, and bad input refused."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.plans.actions import add_indicator
from workplan.reporting import actions
from workplan.reporting.models import Evidence, ProgressUpdate

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def activity(make_activity, asec):
    made = make_activity(
        lead="JPN", partners=["IDN"], classification="restricted", status="ongoing",
        actual_start=datetime.date(2024, 3, 2),
    )  # fmt: skip
    add_indicator(made, {"name": "Officers trained", "unit": "number"}, actor=asec)
    return made


@pytest.fixture
def period(plan):
    return plan.periods.get(name="H1 2024")


@pytest.fixture
def draft(activity, period, jpn):
    return actions.start_update(activity, period, actor=jpn)


def _submit(draft, reporter):
    """Fills the draft in and submits it, as its focal point would."""
    fields = {"narrative": "x", "percent_complete": 5, "reported_status": "ongoing"}
    values = {draft.activity.indicators.get().pk: 1}
    saved = actions.save_update(draft, fields, values, expected_version=1, actor=reporter)
    return actions.submit_update(saved, actor=reporter)


def _post_update(client, update, **fields):
    indicator = update.activity.indicators.get()
    data = {
        "narrative": "Course held.", "percent_complete": "50", "reported_status": "ongoing",
        "links": "", f"indicator_{indicator.pk}": "12", "version": update.version,
    }  # fmt: skip
    data.update(fields)
    return client.post(reverse("reporting:update_edit", args=[update.pk]), data)


def test_it_starts_a_draft_for_the_focal_points_own_party(client, activity, period, idn):
    client.force_login(idn)
    url = reverse("reporting:update_start", args=[activity.pk])
    response = client.post(url, {"period": period.pk})
    update = ProgressUpdate.objects.get()
    assert response.url == reverse("reporting:update_edit", args=[update.pk])
    assert (update.party.code, update.status) == ("IDN", "draft")


def test_it_refuses_a_viewer_starting_an_update(client, activity, period, plan, viewer):
    activity.classification = "internal"
    activity.save()
    client.force_login(viewer)
    response = client.post(
        reverse("reporting:update_start", args=[activity.pk]), {"period": period.pk}
    )
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_it_hides_a_draft_from_other_parties_and_the_secretariat(client, draft, vnm, asec, idn):
    url = reverse("reporting:update_detail", args=[draft.pk])
    for user in (vnm, asec, idn):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_it_saves_and_submits_an_update(client, draft, jpn):
    client.force_login(jpn)
    response = _post_update(client, draft, submit="1")
    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.status, draft.percent_complete, draft.submitted_by) == ("submitted", 50, jpn)
    assert draft.values.get().value == 12


@pytest.mark.parametrize("typed", ["N/A", "about 30", "30 officers"])
def test_it_refuses_an_indicator_value_that_is_not_a_number(client, draft, jpn, typed):
    client.force_login(jpn)
    response = _post_update(
        client, draft, **{f"indicator_{draft.activity.indicators.get().pk}": typed}
    )
    errors = response.context["form"].errors
    assert errors[f"indicator_{draft.activity.indicators.get().pk}"] == [
        f"“{typed}” is not a number: type digits only, such as 30 or 12.5."
    ]
    assert not draft.values.exists()


def test_it_refuses_a_percent_above_100(client, draft, jpn):
    client.force_login(jpn)
    response = _post_update(client, draft, percent_complete="120")
    assert "percent_complete" in response.context["form"].errors


def test_it_refuses_to_submit_an_incomplete_update_and_keeps_the_draft(client, draft, jpn):
    client.force_login(jpn)
    indicator = draft.activity.indicators.get()
    response = _post_update(
        client,
        draft,
        narrative="",
        percent_complete="",
        submit="1",
        **{f"indicator_{indicator.pk}": ""},
    )
    errors = response.context["form"].errors
    assert errors["narrative"] == ["Say what happened in this period before submitting."]
    assert errors["percent_complete"] == ["Give the percent complete before submitting."]
    assert errors[f"indicator_{indicator.pk}"] == ["Give a value for Officers trained."]
    assert ProgressUpdate.objects.get().status == "draft"


def test_it_refuses_to_accept_an_update_that_is_not_submitted(client, draft, asec, jpn):
    client.force_login(asec)
    response = client.post(reverse("reporting:update_accept", args=[draft.pk]), follow=True)
    assert response.status_code == 404  # a draft is not the Secretariat's to see
    submitted = _submit(draft, jpn)
    actions.accept_update(submitted, actor=asec)
    again = client.post(reverse("reporting:update_accept", args=[draft.pk]), follow=True)
    assert (
        "Only a submitted update can be reviewed; this one is accepted." in again.content.decode()
    )


def test_it_refuses_a_focal_point_accepting(client, draft, jpn):
    _submit(draft, jpn)
    client.force_login(jpn)
    assert client.post(reverse("reporting:update_accept", args=[draft.pk])).status_code == 403
    assert ProgressUpdate.objects.get().status == "submitted"


def test_it_returns_only_with_a_comment(client, draft, jpn, asec):
    _submit(draft, jpn)
    client.force_login(asec)
    url = reverse("reporting:update_return", args=[draft.pk])
    refused = client.post(url, {"comment": "  "}, follow=True)
    assert "Say what the party should change." in refused.content.decode()
    client.post(url, {"comment": "Add the list of units."})
    assert ProgressUpdate.objects.get().review_comment == "Add the list of units."


def test_it_reopens_an_accepted_update_with_a_reason_on_record(client, draft, jpn, asec):
    actions.accept_update(_submit(draft, jpn), actor=asec)
    client.force_login(asec)
    client.post(reverse("reporting:update_reopen", args=[draft.pk]), {"reason": "Wrong figure."})
    page = client.get(reverse("reporting:update_detail", args=[draft.pk])).content.decode()
    assert ProgressUpdate.objects.get().status == "returned"
    assert "Reopened: Wrong figure." in page


def test_it_attaches_a_pdf_checked_by_its_content(client, draft, jpn):
    client.force_login(jpn)
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/octet-stream")
    _post_update(client, draft, file=upload)
    assert Evidence.objects.get().content_type == "application/pdf"


def test_it_refuses_a_file_whose_content_is_not_an_allowed_type(client, draft, jpn):
    client.force_login(jpn)
    upload = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf"
    )
    response = _post_update(client, draft, file=upload)
    assert (
        "report.pdf is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file"
        in response.content.decode()
    )
    assert Evidence.objects.count() == 0


def test_it_refuses_a_file_over_the_size_limit(client, draft, jpn, settings):
    settings.EVIDENCE_MAX_MB = 1
    client.force_login(jpn)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    response = _post_update(client, draft, file=upload)
    assert "big.pdf is 1.0 MB; the limit is 1 MB." in response.content.decode()
    assert Evidence.objects.count() == 0


def test_it_serves_evidence_only_to_who_may_see_the_activity(client, draft, jpn, vnm, idn, asec):
    client.force_login(jpn)
    _post_update(client, draft, file=SimpleUploadedFile("minutes.pdf", PDF))
    url = Evidence.objects.get().get_absolute_url()
    response = client.get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(vnm)
    assert client.get(url).status_code == 404


def test_it_stores_and_serves_evidence_under_the_extension_of_its_content(client, draft, jpn):
    client.force_login(jpn)
    upload = SimpleUploadedFile("minutes.pdf.html", PDF, content_type="text/html")
    _post_update(client, draft, file=upload)
    evidence = Evidence.objects.get()

    response = client.get(evidence.get_absolute_url())

    assert evidence.original_name == "minutes.pdf"
    assert evidence.file.name.endswith(".pdf")
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_it_serves_evidence_stored_under_a_wrong_name_under_the_right_one(client, draft, jpn):
    actions.add_evidence(draft, SimpleUploadedFile("minutes.pdf", PDF), actor=jpn)
    Evidence.objects.update(original_name="minutes.pdf.html")  # as stored before the names
    client.force_login(jpn)

    response = client.get(Evidence.objects.get().get_absolute_url())

    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'


def test_it_shows_the_review_queue_to_the_secretariat_only(client, asec, jpn):
    client.force_login(jpn)
    assert client.get(reverse("reporting:review_queue")).status_code == 403
    client.force_login(asec)
    assert client.get(reverse("reporting:review_queue")).status_code == 200


def test_it_lists_returned_updates_and_drafts_in_my_tasks(client, draft, jpn, asec):
    client.force_login(jpn)
    page = client.get(reverse("reporting:my_tasks"))
    assert list(page.context["drafts"]) == [draft]


def test_it_lets_only_the_secretariat_edit_periods(client, plan, period, asec, idn):
    url = reverse("reporting:period_edit", args=[period.pk])
    client.force_login(idn)
    assert client.get(url).status_code == 403
    client.force_login(asec)
    data = {"name": "H1 2024", "start_date": "2024-01-01", "end_date": "2024-06-30",
            "due_date": "2024-06-01", "version": 1}  # fmt: skip
    response = client.post(url, data)
    assert response.context["form"].errors["due_date"] == [
        "Updates fall due on or after the period ends."
    ]
    client.post(url, {**data, "due_date": "2024-08-15"})
    period.refresh_from_db()
    assert period.due_date == datetime.date(2024, 8, 15)


def test_the_reviewer_sees_what_changed_since_the_update_was_returned(client, draft, jpn, asec):
    submitted = _submit(draft, jpn)
    returned = actions.return_update(submitted, "Give the number of officers.", actor=asec)
    indicator = returned.activity.indicators.get()
    fields = {"narrative": "Two courses, 30 officers.", "percent_complete": 5}
    fields["reported_status"] = "ongoing"
    saved = actions.save_update(
        returned, fields, {indicator.pk: 30}, expected_version=returned.version, actor=jpn
    )
    actions.submit_update(saved, actor=jpn)
    client.force_login(asec)
    page = client.get(reverse("reporting:update_detail", args=[draft.pk])).content.decode()
    section = page.split('id="since-return-heading"', 1)[1].split("</section>", 1)[0]
    assert "Give the number of officers." in section
    assert (
        '<td class="diff-before">x</td><td class="diff-after">Two courses, 30 officers.</td>'
        in section
    )
    assert "Officers trained" in section
    assert "Percent complete" not in section


def test_an_update_never_returned_shows_no_changes_since_a_return(client, draft, jpn, asec):
    _submit(draft, jpn)
    client.force_login(asec)
    page = client.get(reverse("reporting:update_detail", args=[draft.pk])).content.decode()
    assert "Changed since it was returned" not in page
