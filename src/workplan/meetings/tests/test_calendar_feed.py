"""The calendar feed as calendar programs read it: links to the address the site is opened at,
events that keep their UID and DTSTAMP between fetches, month-only meetings over their month.
Read by two parsers (icalendar, which writes it, and vobject)."""

import datetime

import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from workplan.core.models import ChangeLog
from workplan.meetings import actions


def fetch(client, user, host="127.0.0.1:8080") -> bytes:
    token = actions.calendar_feed_of(user).token
    response = client.get(reverse("meetings:calendar_feed", args=[token]), HTTP_HOST=host)
    assert response.status_code == 200
    return response.content


def events(content: bytes) -> dict:
    return {str(event["uid"]): event for event in Calendar.from_ical(content).walk("VEVENT")}


def test_its_links_use_the_address_and_port_the_feed_was_fetched_at(client, vnm, action_for_vnm):
    content = fetch(client, vnm, host="127.0.0.1:8080")
    urls = [str(event["url"]) for event in events(content).values()]
    assert urls
    assert all(url.startswith("http://127.0.0.1:8080/") for url in urls), urls


def test_its_links_use_the_site_address_when_one_is_set(client, vnm, action_for_vnm, settings):
    settings.SITE_URL_FIXED = "https://workplan.example.org"
    urls = [str(event["url"]) for event in events(fetch(client, vnm)).values()]
    assert all(url.startswith("https://workplan.example.org/") for url in urls), urls


def test_its_events_keep_their_uid_and_stamp_from_one_fetch_to_the_next(
    client, vnm, action_for_vnm
):
    first, second = fetch(client, vnm), fetch(client, vnm)
    assert first == second
    for uid in events(first):
        assert uid.endswith("@127.0.0.1"), uid
        assert not uid.endswith("@workplan")


def test_its_stamp_is_the_records_last_change(client, vnm, action_for_vnm, asec):
    meeting = action_for_vnm.agenda_item.meeting
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ChangeLog.objects.filter(object_id=meeting.pk).update(timestamp=an_hour_ago)
    before = events(fetch(client, vnm))[f"meeting-{meeting.pk}@127.0.0.1"]["dtstamp"].dt
    actions.update_meeting(
        meeting, {"city": "Luang Prabang"}, actor=asec, expected_version=meeting.version
    )
    after = events(fetch(client, vnm))[f"meeting-{meeting.pk}@127.0.0.1"]["dtstamp"].dt
    assert after > before


def test_a_meeting_known_by_its_month_covers_the_month_and_says_so(client, vnm, make_meeting):
    meeting = make_meeting(
        number=40, start=datetime.date(2023, 6, 1), end_date=None, date_precision="month"
    )
    event = events(fetch(client, vnm))[f"meeting-{meeting.pk}@127.0.0.1"]
    assert event["dtstart"].dt == datetime.date(2023, 6, 1)
    assert event["dtend"].dt == datetime.date(2023, 7, 1)
    assert "June 2023" in str(event["summary"])
    assert "the days are not recorded" in str(event["description"])


def test_a_second_parser_reads_the_same_events(client, vnm, action_for_vnm, make_meeting):
    make_meeting(number=40, start=datetime.date(2023, 6, 1), end_date=None, date_precision="month")
    content = fetch(client, vnm)
    parsed = vobject.readOne(content.decode())
    uids = sorted(event.uid.value for event in parsed.vevent_list)
    assert uids == sorted(events(content))
    for event in parsed.vevent_list:
        assert event.dtstamp.value.tzinfo is not None
        assert event.url.value.startswith("http://127.0.0.1:8080/")
