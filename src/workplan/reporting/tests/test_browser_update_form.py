"""The update form in a real browser: a focal point submits an update with a PDF in at most
12 actions from the sign-in page, and neither a refused file nor a colleague's save loses what
was typed."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from workplan.accounts.actions import create_user
from workplan.plans.actions import add_indicator
from workplan.reporting import obligations
from workplan.reporting.models import ProgressUpdate
from workplan.testing.browser import sign_in
from workplan.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00 a program, not a report"
MOST_ACTIONS = 12
LONG_NARRATIVE = " ".join(
    f"Drill {number}: the coast guards of Indonesia and Japan boarded a suspect vessel, "
    "searched it and exchanged what they found through the regional centre."
    for number in range(1, 31)
)


class Person:
    """Does what a person does on a page and counts it: each text filled, file chosen and
    click is one action. Following an address typed before the count starts is not."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def fill(self, label: str, text: str) -> None:
        self.page.get_by_label(label).fill(text)
        self.actions += 1

    def choose_file(self, label: str, path) -> None:
        self.page.get_by_label(label).set_input_files(str(path))
        self.actions += 1

    def click(self, role: str, name: str) -> None:
        self.page.get_by_role(role, name=name, exact=True).click()
        self.actions += 1


@pytest.fixture
def owed(plan):
    """The latest period whose updates are past due (H1 2026 today)."""
    return obligations.last_past_due(plan)


@pytest.fixture
def drills(make_activity, asec, owed):
    """An ongoing Indonesian activity that owes its update for the past-due period."""
    activity = make_activity(
        lead="IDN", partners=["JPN"], classification="restricted", status="ongoing",
        title="Joint boarding drills", planned_start=owed.start_date,
        actual_start=owed.start_date,
        planned_end=timezone.localdate() + datetime.timedelta(days=300),
    )  # fmt: skip
    add_indicator(activity, {"name": "Drills held", "unit": "number"}, actor=asec)
    return activity


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "drills-report.pdf"
    path.write_bytes(PDF)
    return path


def test_a_focal_point_submits_an_update_with_a_pdf_in_at_most_12_actions(
    page, live_server, drills, idn, owed, report
):
    person = Person(page)
    page.goto(f"{live_server.url}/accounts/login/")
    person.fill("Username", "idn")
    person.fill("Password", PASSWORD)
    person.click("button", "Sign in")
    person.click("link", "My tasks")
    person.click("link", f"Write the update of {drills.code} for {owed}")
    expect(page.get_by_label("Report for")).to_have_value(str(owed.pk))
    expect(page.get_by_label("Activity status reported")).to_have_value("ongoing")
    person.fill("Narrative", "Three joint boarding drills held with Japan's coast guard.")
    person.fill("Percent complete", "60")
    person.fill("Drills held (number)", "3")
    person.choose_file("Add evidence files", report)
    person.click("button", "Save and submit for review")

    expect(page.get_by_text("Update submitted for review.")).to_be_visible()
    expect(page.get_by_role("link", name="drills-report.pdf")).to_be_visible()
    print(f"actions from the sign-in page to a submitted update with a PDF: {person.actions}")
    assert person.actions <= MOST_ACTIONS
    update = ProgressUpdate.objects.get()
    assert (update.status, update.period, update.party.code) == ("submitted", owed, "IDN")
    assert update.evidence.get().content_type == "application/pdf"


def test_a_file_of_the_wrong_type_keeps_the_long_narrative_and_says_what_was_saved(
    page, live_server, drills, idn, report, tmp_path
):
    program = tmp_path / "drills-list.pdf"
    program.write_bytes(EXE)
    sign_in(page, live_server, "idn")
    page.goto(f"{live_server.url}{drills.get_absolute_url()}")
    page.get_by_role("link", name="Write an update").click()
    page.get_by_label("Narrative").fill(LONG_NARRATIVE)
    page.get_by_label("Percent complete").fill("60")
    page.get_by_label("Drills held (number)").fill("30")
    page.get_by_label("Add evidence files").set_input_files(str(program))
    page.get_by_role("button", name="Save and submit for review").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Your text was saved as a draft, but the file was not attached and the update was "
        "not submitted."
    )
    expect(page.locator("#field-file")).to_contain_text(
        "drills-list.pdf is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file"
    )
    expect(page.get_by_label("Narrative")).to_have_value(LONG_NARRATIVE)
    expect(page.get_by_label("Percent complete")).to_have_value("60")
    expect(page.get_by_label("Drills held (number)")).to_have_value("30")
    assert ProgressUpdate.objects.get().status == "draft"

    page.get_by_label("Add evidence files").set_input_files(str(report))
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Update submitted for review.")).to_be_visible()
    update = ProgressUpdate.objects.get()
    assert (update.status, update.narrative) == ("submitted", LONG_NARRATIVE)
    assert list(update.evidence.values_list("original_name", flat=True)) == ["drills-report.pdf"]


@pytest.fixture
def colleague(browser, parties):
    """A second Indonesian focal point in a browser of their own."""
    create_user("idn2", PASSWORD, role="focal_point", party=parties["IDN"])
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_two_colleagues_writing_at_once_make_one_draft_and_lose_no_text(
    page, colleague, live_server, drills, idn
):
    for person, name in ((page, "idn"), (colleague, "idn2")):
        sign_in(person, live_server, name)
        person.goto(f"{live_server.url}{drills.get_absolute_url()}")
        person.get_by_role("link", name="Write an update").click()
    page.get_by_label("Narrative").fill("Dewi's account of the drills.")
    colleague.get_by_label("Narrative").fill("Budi's account, typed at the same time.")
    colleague.get_by_label("Percent complete").fill("150")

    colleague.get_by_role("button", name="Save draft").click()
    expect(colleague.locator("#field-percent_complete")).to_contain_text(
        "Percent complete lies between 0 and 100."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    colleague.get_by_label("Percent complete").fill("50")
    colleague.get_by_role("button", name="Save draft").click()

    conflict = colleague.locator(".conflict")
    expect(conflict).to_contain_text("Someone else changed this while you were editing")
    expect(conflict).to_contain_text("You both changed: Narrative.")
    expect(colleague.get_by_label("Narrative")).to_have_value(
        "Budi's account, typed at the same time."
    )
    assert ProgressUpdate.objects.get().narrative == "Dewi's account of the drills."
    colleague.get_by_role("button", name="Save draft").click()
    expect(colleague.get_by_text("Draft saved.")).to_be_visible()
    update = ProgressUpdate.objects.get()
    assert (update.narrative, update.percent_complete) == (
        "Budi's account, typed at the same time.",
        50,
    )
