"""A proposal that matches a recorded meeting (same body and number) but gives other dates or
another place: the page shows both side by side and asks which is right; nothing is linked
until the person chooses."""

import datetime

import pytest
from django.urls import reverse

from workplan.core.changelog import history_of
from workplan.meetings.actions import ensure_meeting
from workplan.meetings.models import Body, Meeting
from workplan.parties.models import Party
from workplan.statements.models import Statement
from workplan.statements.tests.helpers import confirm_data

READ = reverse("statements:statement_read")
CONFIRM = reverse("statements:statement_confirm")
RELEASE = (
    "MANILA, 5 June 2025 – The 20th SOMTC + Japan Consultation was held in Manila, the "
    "Philippines, on 3-4 June 2025. It reviewed the ASEAN-Japan work plan on terrorism."
)


@pytest.fixture
def recorded_in_vientiane(plan):
    """The 20th SOMTC + Japan as the register holds it: Vientiane, 2024."""
    return ensure_meeting(
        Body.objects.get(key="SOMTC+JPN"), 20,
        start_date=datetime.date(2024, 6, 25), end_date=datetime.date(2024, 6, 25),
        date_precision="day", city="Vientiane", country=Party.objects.get(code="LAO"),
        status=Meeting.Status.HELD,
    )  # fmt: skip


@pytest.fixture
def read_release(client, asec, recorded_in_vientiane):
    client.force_login(asec)
    return client.post(READ, {"text": RELEASE, "title": "20th SOMTC + Japan"})


def test_it_shows_the_statement_and_the_record_side_by_side(read_release):
    (row,) = read_release.context["review"].meeting_rows()
    differs = {field["label"]: (field["statement"], field["record"]) for field in row["conflict"]
               if not field["same"]}  # fmt: skip
    assert differs == {
        "Dates": ("2025-06-03 to 2025-06-04", "25 Jun 2024"),
        "City": ("Manila", "Vientiane"),
        "Country": ("Philippines", "Lao PDR"),
    }
    assert b"Differs from the record" in read_release.content
    assert b"This statement says" in read_release.content


def test_it_chooses_nothing_for_the_person(read_release):
    (form,) = read_release.context["review"].meetings.forms
    assert form["decision"].value() is None


def test_it_links_nothing_until_the_person_chooses(client, read_release):
    response = client.post(CONFIRM, confirm_data(read_release.context["review"]))
    assert response.status_code == 200
    assert Statement.objects.count() == 0
    assert b"choose which is right" in response.content


def test_the_record_kept_as_it_is_is_linked_unchanged(client, read_release, recorded_in_vientiane):
    data = confirm_data(read_release.context["review"], meetings={0: {"decision": "keep_record"}})
    client.post(CONFIRM, data)
    meeting = Meeting.objects.get(pk=recorded_in_vientiane.pk)
    assert (meeting.city, str(meeting.start_date)) == ("Vientiane", "2024-06-25")
    assert meeting in Statement.objects.get().meetings.all()


def test_the_record_corrected_from_the_statement_takes_its_dates_and_place(
    client, read_release, recorded_in_vientiane
):
    review = read_release.context["review"]
    client.post(CONFIRM, confirm_data(review, meetings={0: {"decision": "correct_record"}}))
    meeting = Meeting.objects.get(pk=recorded_in_vientiane.pk)
    assert (meeting.city, meeting.country.code) == ("Manila", "PHL")
    assert (str(meeting.start_date), str(meeting.end_date)) == ("2025-06-03", "2025-06-04")
    assert meeting.version == recorded_in_vientiane.version + 1
    statement = Statement.objects.get()
    assert meeting in statement.meetings.all()
    assert history_of(meeting).first().message == (
        f"Dates and place corrected from statement #{statement.pk} “{statement.title}”, "
        "and linked to it."
    )


def test_a_proposal_that_agrees_with_the_record_is_linked_without_asking(client, asec, plan):
    client.force_login(asec)
    response = client.post(READ, {"text": "The 17th AMMTC met in Labuan Bajo on 20-23 August "
                                          "2023."})  # fmt: skip
    (row,) = response.context["review"].meeting_rows()
    assert row["match"] is not None
    assert row["conflict"] == []
    assert response.context["review"].meetings.forms[0]["decision"].value() == "accept"
