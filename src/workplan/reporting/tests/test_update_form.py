"""The update form as a focal point uses it: the period it proposes, nothing made until the first
save, evidence chosen with the text, and no refusal or conflict losing what was typed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from workplan.accounts.actions import create_user
from workplan.core.models import ChangeLog
from workplan.plans.actions import add_indicator
from workplan.reporting import actions, obligations
from workplan.reporting.models import Evidence, ProgressUpdate
from workplan.testing.fixtures import PASSWORD

PDF = b"%PDF-1.4\n%%EOF\n"
EXE = b"MZ\x90\x00 a program, not a report"
LONG_NARRATIVE = " ".join(["The national coast guard held three joint boarding drills."] * 40)
day = datetime.date


@pytest.fixture
def owed(plan):
    """The latest period whose updates are past due, and the one falling due next (today, the
    first is H1 2026 and the second H2 2026)."""
    return obligations.last_past_due(plan), obligations.next_due(plan)


@pytest.fixture
def activity(make_activity, asec, owed):
    """An ongoing Indonesian activity running through both periods, with one indicator."""
    past_due, _ = owed
    made = make_activity(
        lead="IDN", partners=["JPN"], status="ongoing", title="Joint boarding drills",
        planned_start=past_due.start_date, actual_start=past_due.start_date,
        planned_end=timezone.localdate() + datetime.timedelta(days=300),
    )  # fmt: skip
    add_indicator(made, {"name": "Drills held", "unit": "number"}, actor=asec)
    return made


@pytest.fixture
def idn2(parties):
    """A second focal point of Indonesia, a colleague of `idn`."""
    return create_user("idn2", PASSWORD, role="focal_point", party=parties["IDN"])


def new_url(activity, period=None) -> str:
    url = reverse("reporting:update_start", args=[activity.pk])
    return f"{url}?period={period.pk}" if period else url


def typed(activity, period, **fields) -> dict:
    """What a focal point types into the form of a new update."""
    indicator = activity.indicators.get()
    data = {
        "period": period.pk, "narrative": LONG_NARRATIVE, "percent_complete": "40",
        "reported_status": "ongoing", "links": "https://example.org/drills",
        f"indicator_{indicator.pk}": "3",
    }  # fmt: skip
    data.update(fields)
    return data


def pdf(name="drills.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# The period proposed


def test_it_proposes_the_earliest_period_the_activity_still_owes(client, activity, idn, owed):
    past_due, next_due = owed
    client.force_login(idn)
    form = client.get(new_url(activity)).context["form"]
    assert form["period"].value() == past_due.pk
    assert next_due != past_due


def test_it_proposes_the_next_period_once_the_owed_ones_are_sent(client, activity, idn, owed):
    past_due, next_due = owed
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, past_due, submit="1"))
    assert ProgressUpdate.objects.get().status == "submitted"
    form = client.get(new_url(activity)).context["form"]
    assert form["period"].value() == next_due.pk


def sent(activity, period, reporter):
    data = {"narrative": "Done.", "percent_complete": 50, "reported_status": "ongoing"}
    update = actions.write_update(activity, period, data, {}, actor=reporter)
    return actions.submit_update(update, actor=reporter)


def test_it_proposes_an_earlier_period_still_owed_before_the_last_one(make_activity, idn, plan):
    activity = make_activity(lead="IDN", planned_start=day(2024, 3, 1), planned_end=day(2025, 9, 1))
    h1_2024, h2_2024 = plan.periods.get(name="H1 2024"), plan.periods.get(name="H2 2024")
    assert obligations.earliest_owed(activity, idn.party, today=day(2025, 10, 1)) == h1_2024
    sent(activity, h1_2024, idn)
    assert obligations.earliest_owed(activity, idn.party, today=day(2025, 10, 1)) == h2_2024


def test_it_proposes_the_period_due_next_when_nothing_is_owed(make_activity, idn, plan):
    finished = make_activity(lead="IDN", planned_start=day(2024, 3, 1), planned_end=day(2024, 4, 1))
    sent(finished, plan.periods.get(name="H1 2024"), idn)
    proposed = obligations.earliest_owed(finished, idn.party, today=day(2025, 10, 1))
    assert proposed == plan.periods.get(name="H2 2025")


def test_it_counts_a_period_the_lead_party_sent_as_owed_no_more(make_activity, jpn, idn, plan):
    activity = make_activity(lead="JPN", partners=["IDN"], planned_start=day(2024, 3, 1),
                             planned_end=day(2024, 9, 1))  # fmt: skip
    sent(activity, plan.periods.get(name="H1 2024"), jpn)
    proposed = obligations.earliest_owed(activity, idn.party, today=day(2024, 10, 1))
    assert proposed == plan.periods.get(name="H2 2024")


def test_it_proposes_the_activitys_own_status(client, activity, idn):
    client.force_login(idn)
    form = client.get(new_url(activity)).context["form"]
    assert form["reported_status"].value() == "ongoing"


# Nothing made until the first save


def test_it_creates_nothing_when_the_form_of_a_new_update_is_opened(client, activity, idn):
    history = ChangeLog.objects.count()
    client.force_login(idn)
    response = client.get(new_url(activity))
    assert response.status_code == 200
    assert ProgressUpdate.objects.count() == 0
    assert ChangeLog.objects.count() == history


def test_it_opens_the_draft_at_the_first_save(client, activity, idn, owed):
    client.force_login(idn)
    response = client.post(new_url(activity), typed(activity, owed[0], save="1"))
    update = ProgressUpdate.objects.get()
    assert response.url == reverse("reporting:update_edit", args=[update.pk])
    assert (update.party.code, update.period, update.status) == ("IDN", owed[0], "draft")
    assert (update.narrative, update.values.get().value) == (LONG_NARRATIVE, 3)


def test_it_goes_to_the_draft_already_open_for_the_period(client, activity, idn, owed):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], save="1"))
    response = client.get(new_url(activity, owed[0]))
    assert response.url == reverse("reporting:update_edit", args=[ProgressUpdate.objects.get().pk])


def test_it_makes_one_draft_when_two_colleagues_write_at_once(client, activity, idn, idn2, owed):
    client.force_login(idn)
    client.get(new_url(activity))
    colleague = Client()
    colleague.force_login(idn2)
    colleague.get(new_url(activity))

    client.post(new_url(activity), typed(activity, owed[0], narrative="Mine first."))
    response = colleague.post(new_url(activity), typed(activity, owed[0]))

    update = ProgressUpdate.objects.get()
    assert update.narrative == "Mine first."
    assert response.status_code == 200
    assert response.context["conflict"].current == update
    assert response.context["form"]["narrative"].value() == LONG_NARRATIVE
    page = response.content.decode()
    assert reverse("reporting:update_edit", args=[update.pk]) in page


def test_it_refuses_a_period_whose_update_was_already_sent(client, activity, idn, owed):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], submit="1"))
    response = client.post(new_url(activity), typed(activity, owed[0], narrative="Again."))
    assert response.context["form"].errors["period"] == [
        f"Indonesia's update for {owed[0]} was already submitted; open it from the activity's page."
    ]
    assert ProgressUpdate.objects.get().narrative == LONG_NARRATIVE


def test_it_refuses_the_new_update_form_to_a_viewer(client, activity, viewer):
    client.force_login(viewer)
    assert client.get(new_url(activity)).status_code == 403


# Evidence chosen with the text


def test_it_saves_attaches_and_submits_in_one_request(client, activity, idn, owed):
    client.force_login(idn)
    data = typed(activity, owed[0], submit="1", file=[pdf("drills.pdf"), pdf("attendance.pdf")])
    response = client.post(new_url(activity), data)
    update = ProgressUpdate.objects.get()
    assert response.url == update.get_absolute_url()
    assert update.status == "submitted"
    names = list(update.evidence.values_list("original_name", flat=True))
    assert names == ["drills.pdf", "attendance.pdf"]
    assert Evidence.objects.get(original_name="drills.pdf").content_type == "application/pdf"


def test_it_saves_the_draft_without_a_file_of_the_wrong_type_and_keeps_the_text(
    client, activity, idn, owed
):
    client.force_login(idn)
    program = SimpleUploadedFile("drills.pdf", EXE, content_type="application/pdf")
    response = client.post(new_url(activity), typed(activity, owed[0], submit="1", file=program))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == [
        "drills.pdf is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file "
        "(judged by its content)."
    ]
    assert form["narrative"].value() == LONG_NARRATIVE
    assert form["links"].value() == "https://example.org/drills"
    update = ProgressUpdate.objects.get()
    assert (update.status, update.narrative, update.evidence.count()) == (
        "draft",
        LONG_NARRATIVE,
        0,
    )
    page = response.content.decode()
    assert "Your text was saved as a draft, but the file was not attached" in page
    assert "the update was not submitted" in page
    assert f'action="{reverse("reporting:update_edit", args=[update.pk])}"' in page
    assert form["version"].value() == update.version


def test_it_refuses_a_file_over_the_size_limit_keeping_the_text(
    client, activity, idn, owed, settings
):
    settings.EVIDENCE_MAX_MB = 1
    client.force_login(idn)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (1024 * 1024 + 1))
    response = client.post(new_url(activity), typed(activity, owed[0], file=big))
    assert response.context["form"].errors["file"] == ["scan.pdf is 1.0 MB; the limit is 1 MB."]
    assert response.context["form"]["narrative"].value() == LONG_NARRATIVE
    assert Evidence.objects.count() == 0


def test_it_keeps_the_text_on_a_validation_error_and_asks_for_the_file_again(
    client, activity, idn, owed
):
    client.force_login(idn)
    indicator = activity.indicators.get()
    not_a_number = {f"indicator_{indicator.pk}": "about 3"}
    data = typed(activity, owed[0], percent_complete="120", file=pdf(), **not_a_number)
    response = client.post(new_url(activity), data)

    form = response.context["form"]
    assert set(form.errors) >= {"percent_complete", f"indicator_{indicator.pk}"}
    assert (form["narrative"].value(), form["percent_complete"].value()) == (LONG_NARRATIVE, "120")
    assert ProgressUpdate.objects.count() == 0
    assert "Nothing was saved, so drills.pdf was not attached: choose it again." in (
        response.content.decode()
    )


def test_it_keeps_the_text_on_an_edit_conflict_and_attaches_nothing(client, activity, idn, owed):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], save="1"))
    update = ProgressUpdate.objects.get()
    edit_url = reverse("reporting:update_edit", args=[update.pk])
    opened = client.get(edit_url).context["form"]["version"].value()
    colleague = {"narrative": "Saved by a colleague."}
    actions.save_update(update, colleague, {}, expected_version=update.version, actor=idn)

    mine = typed(activity, owed[0], narrative="Typed by me.", version=opened, file=pdf())
    response = client.post(edit_url, mine)

    assert response.context["conflict"].current == update
    assert response.context["form"]["narrative"].value() == "Typed by me."
    assert "Nothing was saved, so drills.pdf was not attached" in response.content.decode()
    update.refresh_from_db()
    assert (update.narrative, update.evidence.count()) == ("Saved by a colleague.", 0)


def test_it_removes_the_files_ticked_when_saving(client, activity, idn, owed):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], file=[pdf("old.pdf"), pdf("keep.pdf")]))
    update = ProgressUpdate.objects.get()
    old = update.evidence.get(original_name="old.pdf")
    data = typed(activity, owed[0], version=update.version, remove_evidence=[old.pk])
    client.post(reverse("reporting:update_edit", args=[update.pk]), data)
    current = update.evidence.filter(archived_at__isnull=True)
    assert list(current.values_list("original_name", flat=True)) == ["keep.pdf"]


def test_it_refuses_to_remove_a_file_of_another_update(
    client, activity, idn, jpn, owed, make_activity
):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], file=pdf()))
    theirs = Evidence.objects.get()
    other = make_activity(
        lead="IDN", title="Another", planned_start=owed[0].start_date,
        planned_end=owed[1].end_date,
    )  # fmt: skip
    draft = actions.write_update(other, owed[0], {"narrative": "x"}, {}, actor=idn)
    data = {"narrative": "x", "version": draft.version, "remove_evidence": [theirs.pk]}
    response = client.post(reverse("reporting:update_edit", args=[draft.pk]), data)
    assert "remove_evidence" in response.context["form"].errors
    assert Evidence.objects.get().archived_at is None


# My tasks


def test_it_links_my_tasks_straight_to_the_form_of_the_owed_period(client, activity, idn, owed):
    client.force_login(idn)
    page = client.get(reverse("reporting:my_tasks")).content.decode()
    assert f'href="{new_url(activity, owed[0])}"' in page


def test_it_keeps_a_colleagues_change_to_a_field_i_did_not_touch_after_a_conflict(
    client, activity, idn, idn2, owed
):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], save="1"))
    update = ProgressUpdate.objects.get()
    edit_url = reverse("reporting:update_edit", args=[update.pk])
    opened = as_posted(client.get(edit_url).context["form"])
    actions.save_update(
        update, {"percent_complete": 70}, {}, expected_version=update.version, actor=idn2
    )

    response = client.post(edit_url, {**opened, "narrative": "Typed by me."})

    form = response.context["form"]
    assert response.context["both_changed"] == []
    assert (form["narrative"].value(), form["percent_complete"].value()) == ("Typed by me.", "70")
    client.post(edit_url, as_posted(form, bound=True))
    update.refresh_from_db()
    assert (update.narrative, update.percent_complete) == ("Typed by me.", 70)


def test_it_names_the_fields_we_both_changed_after_a_conflict(client, activity, idn, idn2, owed):
    client.force_login(idn)
    client.post(new_url(activity), typed(activity, owed[0], save="1"))
    update = ProgressUpdate.objects.get()
    indicator = activity.indicators.get()
    edit_url = reverse("reporting:update_edit", args=[update.pk])
    opened = as_posted(client.get(edit_url).context["form"])
    actions.save_update(update, {}, {indicator.pk: 5}, expected_version=update.version, actor=idn2)

    response = client.post(edit_url, {**opened, f"indicator_{indicator.pk}": "4"})

    assert response.context["both_changed"] == ["Drills held (number)"]
    assert response.context["form"][f"indicator_{indicator.pk}"].value() == "4"


def test_it_fills_what_i_left_empty_from_a_colleagues_draft_saved_first(
    client, activity, idn, idn2, owed
):
    colleague = Client()
    colleague.force_login(idn2)
    colleague.post(new_url(activity), typed(activity, owed[0], links="https://example.org/a"))
    client.force_login(idn)

    response = client.post(new_url(activity), typed(activity, owed[0], links=""))

    form = response.context["form"]
    assert form["links"].value() == "https://example.org/a"
    assert form["narrative"].value() == LONG_NARRATIVE
    assert response.context["both_changed"] == [
        "Drills held (number)", "Narrative", "Percent complete"
    ]  # fmt: skip


def as_posted(form, *, bound: bool = False) -> dict:
    """What the browser sends for the form as shown: each field's value and, where the form
    keeps it, the value it started from."""
    posted = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name in ("file", "remove_evidence") or value is None:
            continue
        posted[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
        if field.show_hidden_initial:
            initial_name = form.add_initial_prefix(name)
            started = form.data.get(initial_name) if bound else value
            posted[initial_name] = "" if started is None else str(started)
    return posted
