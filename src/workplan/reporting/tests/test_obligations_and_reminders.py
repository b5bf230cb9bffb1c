"""Which updates are owed for a period, and the reminders sent about them, once each."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from workplan.accounts.actions import create_user
from workplan.accounts.models import User
from workplan.notifications.actions import update_profile
from workplan.notifications.models import Notification
from workplan.plans.actions import archive_activity
from workplan.plans.models import Activity
from workplan.reporting import obligations
from workplan.reporting.actions import (
    accept_update,
    return_update,
    save_update,
    start_update,
    submit_update,
)
from workplan.reporting.models import Reminder
from workplan.reporting.reminders import send_reminders
from workplan.testing.fixtures import PASSWORD

Status = Activity.Status
day = datetime.date


@pytest.fixture
def report(asec):
    """Writes an update for a period through the actions and takes it as far as `to`."""

    def write(activity, period, *, by, to="submitted"):
        update = start_update(activity, period, actor=by)
        data = {"narrative": "Done.", "percent_complete": 50, "reported_status": "ongoing"}
        update = save_update(update, data, {}, expected_version=update.version, actor=by)
        if to == "draft":
            return update
        update = submit_update(update, actor=by)
        if to == "accepted":
            return accept_update(update, actor=asec)
        if to == "returned":
            return return_update(update, "Add the attendance list.", actor=asec)
        return update

    return write


@pytest.fixture
def h1_2024(plan):
    """1 January to 30 June 2024, updates due 31 July 2024."""
    return plan.periods.get(name="H1 2024")


def owed(period):
    return set(obligations.expected(Activity.objects.all(), period).values_list("title", flat=True))


def unsent(period):
    return set(obligations.missing(Activity.objects.all(), period).values_list("title", flat=True))


# Expected and missing updates


def test_it_expects_an_update_from_each_activity_running_in_the_period(make_activity, h1_2024):
    make_activity(title="Within", planned_start=day(2024, 3, 1), planned_end=day(2024, 4, 30))
    make_activity(title="Across", planned_start=day(2023, 10, 1), planned_end=day(2025, 3, 31))
    make_activity(title="First day", planned_start=day(2023, 9, 1), planned_end=day(2024, 1, 1))
    make_activity(title="Last day", planned_start=day(2024, 6, 30), planned_end=day(2024, 9, 1))
    assert owed(h1_2024) == {"Within", "Across", "First day", "Last day"}


def test_it_expects_nothing_of_activities_outside_the_period(make_activity, h1_2024):
    make_activity(title="Before", planned_start=day(2023, 9, 1), planned_end=day(2023, 12, 31))
    make_activity(title="After", planned_start=day(2024, 7, 1), planned_end=day(2024, 9, 30))
    assert owed(h1_2024) == set()


def test_it_expects_nothing_of_cancelled_or_archived_activities(make_activity, asec, h1_2024):
    make_activity(title="Cancelled", status=Status.CANCELLED)
    archive_activity(make_activity(title="Archived"), actor=asec)
    make_activity(title="Running")
    assert owed(h1_2024) == {"Running"}


def test_it_expects_nothing_of_an_activity_finished_before_the_period(make_activity, h1_2024):
    planned = {"planned_start": day(2023, 10, 1), "planned_end": day(2024, 2, 28)}
    finished = {"status": Status.COMPLETED, "actual_start": day(2023, 10, 1)}
    make_activity(title="Finished early", **planned, **finished, actual_end=day(2023, 12, 31))
    make_activity(title="Finished within", **planned, **finished, actual_end=day(2024, 1, 1))
    assert owed(h1_2024) == {"Finished within"}


@pytest.mark.parametrize("to", ["submitted", "accepted"])
def test_it_takes_a_submitted_or_accepted_update_of_the_lead_party_as_sent(
    make_activity, report, idn, h1_2024, to
):
    report(make_activity(title="Reported"), h1_2024, by=idn, to=to)
    make_activity(title="Not reported")
    assert unsent(h1_2024) == {"Not reported"}


@pytest.mark.parametrize("to", ["draft", "returned"])
def test_it_still_misses_an_update_the_lead_party_has_not_sent(
    make_activity, report, idn, h1_2024, to
):
    report(make_activity(title="Unsent"), h1_2024, by=idn, to=to)
    assert unsent(h1_2024) == {"Unsent"}


def test_it_still_misses_the_lead_partys_update_when_only_a_partner_sent_one(
    make_activity, report, jpn, h1_2024
):
    report(make_activity(title="Partner reported", lead="IDN", partners=["JPN"]), h1_2024, by=jpn)
    assert unsent(h1_2024) == {"Partner reported"}


def test_it_still_misses_an_update_sent_for_another_period(make_activity, report, idn, plan):
    activity = make_activity(
        title="Long", planned_start=day(2024, 3, 1), planned_end=day(2024, 9, 1)
    )
    report(activity, plan.periods.get(name="H1 2024"), by=idn)
    assert unsent(plan.periods.get(name="H2 2024")) == {"Long"}


def test_it_finds_the_last_period_past_due_and_the_next_one_due(plan):
    assert obligations.last_past_due(plan, day(2024, 8, 1)).name == "H1 2024"
    assert obligations.next_due(plan, day(2024, 8, 1)).name == "H2 2024"
    assert obligations.last_past_due(plan, day(2024, 7, 31)).name == "H2 2023"
    assert obligations.next_due(plan, day(2024, 7, 31)).name == "H1 2024"


# Reminders


@pytest.fixture
def mailed(plan):
    """Focal points of Indonesia (two with an address, one without) and of Japan; a viewer."""
    from workplan.parties.models import Party

    def user(username, code, role="focal_point", email=None):
        return create_user(
            username,
            PASSWORD,
            role=role,
            party=Party.objects.get(code=code),
            first_name=username.title(),
            email=f"{username}@example.org" if email is None else email,
        )

    user("budi", "IDN")
    user("sari", "IDN")
    user("haruka", "JPN")
    user("rina", "IDN", role="viewer")
    user("tono", "IDN", email="")


def send(capture, days, today):
    """Runs the reminders and their e-mail (sent on commit); returns how many e-mails left."""
    with capture(execute=True):
        reminded = send_reminders(days, today)
    return reminded.emails()


def told(username):
    return list(
        Notification.objects.filter(recipient__username=username).values_list("kind", flat=True)
    )


def test_it_mails_each_focal_point_of_the_lead_party_once_with_all_its_overdue_items(
    mailed, make_activity, report, idn, django_capture_on_commit_callbacks, mailoutbox
):
    first = make_activity(title="Port security workshop")
    second = make_activity(title="Coast guard exercise", area="terrorism")
    japanese = make_activity(title="Maritime law seminar", lead="JPN", partners=["IDN"])
    sent = make_activity(title="Already reported")
    report(sent, sent.plan.periods.get(name="H1 2024"), by=idn)

    count = send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10))

    assert count == 3
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "budi@example.org",
        "haruka@example.org",
        "sari@example.org",
    ]
    budi = next(mail for mail in mailoutbox if mail.to == ["budi@example.org"])
    assert budi.subject == "Work Plan Monitor: 2 progress updates overdue"
    assert "Dear Budi," in budi.body
    overdue = "Progress update overdue: {} {}, H1 2024 (due 31 Jul 2024)"
    assert "- " + overdue.format(first.code, "Port security workshop") in budi.body
    assert "- " + overdue.format(second.code, "Coast guard exercise") in budi.body
    assert f"http://127.0.0.1:8000/activities/{first.pk}/" in budi.body
    assert japanese.code not in budi.body
    assert sent.code not in budi.body
    haruka = next(mail for mail in mailoutbox if mail.to == ["haruka@example.org"])
    assert haruka.subject == "Work Plan Monitor: 1 progress update overdue"
    assert f"{japanese.code} Maritime law seminar" in haruka.body


def test_it_tells_every_focal_point_in_the_app_one_notification_per_update(
    mailed, make_activity, django_capture_on_commit_callbacks
):
    make_activity(title="Port security workshop")
    make_activity(title="Coast guard exercise", area="terrorism")
    send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10))
    assert told("budi") == ["update_overdue", "update_overdue"]
    assert told("tono") == ["update_overdue", "update_overdue"]  # no address: the app only
    assert told("rina") == []  # a viewer reports nothing
    assert told("haruka") == []


def test_it_sends_nothing_the_second_time(
    mailed, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    make_activity()
    assert send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10)) == 2
    assert send(django_capture_on_commit_callbacks, 14, day(2024, 8, 11)) == 0
    assert len(mailoutbox) == 2
    assert len(told("tono")) == 1


def test_it_reminds_of_an_update_due_soon_only_within_the_days_asked(
    mailed, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    # Runs only in H2 2024, due 31 Jan 2025: 11 days after 20 Jan.
    activity = make_activity(planned_start=day(2024, 9, 1), planned_end=day(2024, 12, 31))
    assert send(django_capture_on_commit_callbacks, 10, day(2025, 1, 20)) == 0
    assert send(django_capture_on_commit_callbacks, 11, day(2025, 1, 20)) == 2
    assert mailoutbox[0].subject == "Work Plan Monitor: 1 progress update due soon"
    expected = (
        f"- Progress update due: {activity.code} Joint patrol workshop, H2 2024 (due 31 Jan 2025)"
    )
    assert expected in mailoutbox[0].body


def test_it_reminds_again_once_an_update_due_soon_is_overdue(
    mailed, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    make_activity(planned_start=day(2024, 9, 1), planned_end=day(2024, 12, 31))
    assert send(django_capture_on_commit_callbacks, 14, day(2025, 1, 20)) == 2
    assert send(django_capture_on_commit_callbacks, 14, day(2025, 2, 1)) == 2
    assert [mail.subject for mail in mailoutbox] == [
        "Work Plan Monitor: 1 progress update due soon",
        "Work Plan Monitor: 1 progress update due soon",
        "Work Plan Monitor: 1 progress update overdue",
        "Work Plan Monitor: 1 progress update overdue",
    ]
    assert told("tono") == ["update_overdue", "update_due_soon"]


def test_it_does_not_e_mail_reminders_to_who_turned_them_off(
    mailed, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    budi = User.objects.get(username="budi")
    update_profile(budi, email=budi.email, topics=["outcome"], actor=budi)
    make_activity()
    assert send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10)) == 1
    assert [mail.to for mail in mailoutbox] == [["sari@example.org"]]
    assert told("budi") == ["update_overdue"]


def test_the_remind_command_says_what_it_reminded_of_and_how(
    transactional_db, mailed, plan, make_activity, mailoutbox
):
    # committed for real, as from cron: the e-mail leaves at the commit, before the summary
    period = obligations.last_past_due(plan, timezone.localdate())
    make_activity(planned_start=period.start_date, planned_end=period.end_date)
    make_activity(
        lead="MYS", partners=[], planned_start=period.start_date, planned_end=period.end_date
    )
    out = StringIO()
    call_command("remind", days=14, stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminded of 1 progress update and 0 action items: 3 notifications in the app, 2 e-mails.",
        "Nobody to tell of 1 progress update: no focal point of Malaysia has an account; they are"
        " reminded once one has.",
    ]
    assert sorted(mail.to[0] for mail in mailoutbox) == ["budi@example.org", "sari@example.org"]


def test_it_reminds_a_party_once_it_has_a_focal_point(
    plan, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    make_activity(lead="VNM", partners=[])
    assert send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10)) == 0
    create_user(
        "lan",
        PASSWORD,
        role="focal_point",
        party=plan.parties.get(code="VNM"),
        email="lan@example.org",
    )
    assert send(django_capture_on_commit_callbacks, 14, day(2024, 8, 11)) == 1
    assert mailoutbox[0].to == ["lan@example.org"]
    assert told("lan") == ["update_overdue"]


def test_it_reminds_a_focal_point_only_of_activities_it_may_see(
    mailed, plan, parties, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    shown = make_activity(title="Port security workshop", classification="public")
    hidden = make_activity(title="Coast guard exercise", classification="internal")
    plan.parties.remove(parties["IDN"])  # plan-internal activities are for the plan's parties

    send(django_capture_on_commit_callbacks, 14, day(2024, 8, 10))

    budi = next(mail for mail in mailoutbox if mail.to == ["budi@example.org"])
    assert budi.subject == "Work Plan Monitor: 1 progress update overdue"
    assert shown.code in budi.body
    assert hidden.code not in budi.body
    assert "Coast guard exercise" not in budi.body
    assert set(Reminder.objects.values_list("activity__title", flat=True)) == {
        "Port security workshop"
    }


def test_it_reminds_of_every_overdue_period_not_only_the_last(
    mailed, make_activity, django_capture_on_commit_callbacks, mailoutbox
):
    activity = make_activity(planned_start=day(2024, 9, 1), planned_end=day(2025, 3, 31))
    send(django_capture_on_commit_callbacks, 14, day(2025, 8, 10))
    budi = next(mail for mail in mailoutbox if mail.to == ["budi@example.org"])
    assert budi.subject == "Work Plan Monitor: 2 progress updates overdue"
    assert f"{activity.code} Joint patrol workshop, H2 2024 (due 31 Jan 2025)" in budi.body
    assert f"{activity.code} Joint patrol workshop, H1 2025 (due 31 Jul 2025)" in budi.body
