"""The notification list, opening and marking notifications, and the profile page."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from workplan.core.models import ChangeLog
from workplan.meetings import actions as meeting_actions
from workplan.meetings.models import ActionItem, Body
from workplan.notifications.models import EmailPreference, Notification
from workplan.parties.models import Party
from workplan.plans.models import Activity
from workplan.reporting import actions
from workplan.reporting.models import ProgressUpdate, ReportingPeriod, UpdateComment

LIST = reverse("notifications:notification_list")
PROFILE = reverse("notifications:profile")


@pytest.fixture
def returned(activity, submit, asec, idn):
    """Indonesia's update, returned by the Secretariat with a comment."""
    update = submit(activity, by=idn)
    return actions.return_update(update, "Name the units that took part.", actor=asec)


def test_it_lists_what_the_user_was_told_with_the_unread_count_in_the_header(
    client, returned, asec, idn
):
    actions.add_comment(returned, "The list is in the annex.", actor=asec)
    client.force_login(idn)
    page = client.get(LIST).content.decode()
    assert 'aria-label="Notifications, 2 unread"' in page
    assert page.index("New message on the update") < page.index("Update returned to your party")
    assert f"{returned.activity.code} Coast guard information exchange (Indonesia, H1 2024)" in page
    assert "Name the units that took part." in page
    assert "The list is in the annex." in page
    assert "Ayu Prameswari (ASEAN Secretariat)" in page


def test_it_counts_in_the_header_of_every_page(client, returned, idn, plan):
    client.force_login(idn)
    page = client.get(reverse("overview:plan", args=[plan.pk])).content.decode()
    assert 'aria-label="Notifications, 1 unread"' in page


def test_it_opens_a_notification_at_its_record_and_marks_it_read(client, returned, idn):
    client.force_login(idn)
    notification = idn.notifications.get()
    response = client.post(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.url == returned.get_absolute_url()
    notification.refresh_from_db()
    idn.refresh_from_db()
    assert notification.read_at is not None
    assert idn.unread_notifications == 0
    assert 'aria-label="Notifications' not in client.get(LIST).content.decode()


def test_it_opens_a_message_at_its_place_in_the_discussion(client, returned, asec, idn):
    comment = actions.add_comment(returned, "Which units?", actor=asec)
    client.force_login(idn)
    notification = idn.notifications.get(kind="update_message")
    response = client.post(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.url == f"{returned.get_absolute_url()}#comment-{comment.pk}"
    assert f'id="comment-{comment.pk}"' in client.get(response.url).content.decode()


def test_it_marks_one_notification_and_then_all_as_read(client, returned, asec, idn):
    actions.add_comment(returned, "Which units?", actor=asec)
    actions.add_comment(returned, "And which dates?", actor=asec)
    client.force_login(idn)
    first = idn.notifications.last()
    response = client.post(
        reverse("notifications:notification_read", args=[first.pk]), {"show": "unread"}
    )
    assert response.url == f"{LIST}?show=unread"
    assert idn.notifications.filter(read_at__isnull=True).count() == 2
    unread_page = client.get(LIST, {"show": "unread"}).content.decode()
    assert "Update returned to your party" not in unread_page
    response = client.post(reverse("notifications:notification_read_all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    idn.refresh_from_db()
    assert idn.unread_notifications == 0
    assert not idn.notifications.filter(read_at__isnull=True).exists()


def test_it_never_opens_or_marks_another_users_notification(client, returned, idn, jpn):
    client.force_login(jpn)
    notification = idn.notifications.get()
    for name in ("notifications:notification_open", "notifications:notification_read"):
        assert client.post(reverse(name, args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:notification_read_all"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_notification_about_a_record_hidden_later_no_longer_names_it(
    client, returned, idn, hide_from_indonesia
):
    hide_from_indonesia(returned.activity)
    client.force_login(idn)
    page = client.get(LIST).content.decode()
    assert "Update returned: a record you cannot see" in page
    assert returned.activity.code not in page
    assert "Coast guard" not in page
    assert "Name the units" not in page
    assert "Ayu Prameswari (ASEAN" not in page
    notification = idn.notifications.get()
    response = client.post(
        reverse("notifications:notification_open", args=[notification.pk]), follow=True
    )
    assert response.redirect_chain == [(LIST, 302)]
    assert "That notification is about a record you cannot see." in response.content.decode()


def test_it_says_so_when_there_is_nothing_to_tell(client, idn):
    client.force_login(idn)
    page = client.get(LIST).content.decode()
    assert "Nothing to tell you yet." in page
    assert "Mark all as read" not in page


# The list's queries do not grow with the data


def _told(idn, asec, plan, count: int) -> None:
    """`count` of each kind of notification for Indonesia's focal point, straight into the
    tables, about records it sees and (for one in three activities) records it does not."""
    parties = {party.code: party for party in Party.objects.filter(code__in=["IDN", "MYS"])}
    area = plan.areas.first()
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan, code=f"N-{number:04d}", title=f"Activity {number}", area=area,
            lead_party=parties["IDN" if number % 3 else "MYS"], modality="workshop",
            planned_start=datetime.date(2024, 1, 1), planned_end=datetime.date(2024, 12, 31),
            classification="restricted" if number % 3 == 0 else "internal",
        )
        for number in range(count)
    )  # fmt: skip
    period = plan.periods.get(name="H1 2024")
    updates = ProgressUpdate.objects.bulk_create(
        ProgressUpdate(activity=activity, party=activity.lead_party, period=period,
                       status="returned", created_by=idn, review_comment="Add the dates.")
        for activity in activities
    )  # fmt: skip
    comments = UpdateComment.objects.bulk_create(
        UpdateComment(update=update, author=asec, text="Which units?") for update in updates
    )
    meeting = meeting_actions.create_meeting(
        {"body": Body.objects.get(key="SOMTC+JPN"), "number": 40, "plan": plan,
         "start_date": datetime.date(2025, 6, 10)},
        actor=asec,
    )  # fmt: skip
    agenda_item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    items = ActionItem.objects.bulk_create(
        ActionItem(agenda_item=agenda_item, text=f"Task {number}") for number in range(count)
    )
    about = ContentType.objects.get_for_model
    rows = []
    for activity, update, comment, item in zip(activities, updates, comments, items, strict=True):
        rows += [
            Notification(recipient=idn, kind="update_returned", actor=asec,
                         subject_type=about(update), subject_id=update.pk),
            Notification(recipient=idn, kind="update_message", actor=asec,
                         subject_type=about(comment), subject_id=comment.pk),
            Notification(recipient=idn, kind="update_overdue", subject_type=about(activity),
                         subject_id=activity.pk, context_type=about(period),
                         context_id=period.pk),
            Notification(recipient=idn, kind="action_assigned", actor=asec,
                         subject_type=about(item), subject_id=item.pk),
        ]  # fmt: skip
    Notification.objects.bulk_create(rows)


@pytest.mark.parametrize("count", [10, 100])
def test_it_runs_a_fixed_number_of_queries_on_the_notification_list(
    client, idn, asec, plan, count, django_assert_num_queries
):
    _told(idn, asec, plan, count)
    # Content types are cached for the life of a server process; start every count warm.
    ContentType.objects.get_for_models(Activity, ProgressUpdate, UpdateComment, ActionItem)
    ContentType.objects.get_for_model(ReportingPeriod)
    client.force_login(idn)
    # session, user with party (and the unread count), count of notifications, the page of
    # notifications with their actors and the actors' parties; the records named, each kind
    # through the reader's access rules: activities, updates with activity, party and period,
    # comments with their update, periods, action items with meeting and body
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(12):
        page = client.get(LIST).content.decode()
    assert page.count('class="notification ') == 30
    assert "a record you cannot see" in page


# The profile


def test_it_sets_the_e_mail_address_and_what_is_e_mailed(client, idn):
    client.force_login(idn)
    response = client.post(
        PROFILE, {"email": " Dewi@Example.ORG ", "topics": ["outcome", "reminders"]}
    )
    assert response.url == PROFILE
    idn.refresh_from_db()
    assert idn.email == "Dewi@example.org"
    muted = EmailPreference.objects.filter(user=idn, by_email=False).values_list("topic", flat=True)
    assert sorted(muted) == ["actions", "messages", "review"]
    page = client.get(PROFILE).content.decode()
    assert 'value="Dewi@example.org"' in page
    assert 'value="outcome" id="id_topics_1" checked' in page
    history = ChangeLog.objects.filter(object_id=idn.pk, content_type__model="user")
    assert history.count() == 3  # created, then the address, then the topics


def test_it_ticks_every_topic_until_the_user_chooses(client, idn):
    client.force_login(idn)
    page = client.get(PROFILE).content.decode()
    assert page.count("checked") == 5


def test_it_refuses_an_address_that_is_not_one_and_changes_nothing(client, idn):
    client.force_login(idn)
    response = client.post(PROFILE, {"email": "dewi at kemlu", "topics": ["outcome"]})
    assert response.status_code == 200
    assert "is not an e-mail address; write it as name@example.org." in response.content.decode()
    assert 'value="dewi at kemlu"' in response.content.decode()
    idn.refresh_from_db()
    assert idn.email == ""
    assert not EmailPreference.objects.exists()


def test_a_user_may_clear_the_address_to_be_told_in_the_app_only(client, idn):
    client.force_login(idn)
    client.post(PROFILE, {"email": "dewi@example.org", "topics": ["outcome"]})
    client.post(PROFILE, {"email": "", "topics": ["outcome"]})
    idn.refresh_from_db()
    assert idn.email == ""
