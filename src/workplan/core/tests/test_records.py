"""The record kernel, over every kind of record that has a version: a save based on an older
version is refused (EditConflict from the action, 412 from the API, the conflict shown on the
page with the user's input kept) and changes nothing; the other person's edit survives."""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.core.models import ChangeLog
from workplan.core.records import EditConflict
from workplan.meetings import actions as meetings
from workplan.meetings.models import Body
from workplan.plans import actions as plans
from workplan.reporting import actions as reporting


@dataclass
class Kind:
    """One kind of versioned record: how to make one, the action that edits it, and a text
    field both the action and the API change."""

    name: str
    field: str
    api: str
    page: str | None

    def make(self, cast):
        return MAKERS[self.name](cast)

    def save(self, record, value, *, version, actor):
        return SAVERS[self.name](record, {self.field: value}, version, actor)


def _activity(cast):
    return cast.make_activity(lead="IDN")


def _indicator(cast):
    return plans.add_indicator(
        _activity(cast), {"name": "Officers trained", "unit": "number"}, actor=cast.asec
    )


def _period(cast):
    return cast.plan.periods.get(name="H1 2024")


def _update(cast):
    activity = cast.make_activity(lead="IDN")
    return reporting.start_update(activity, _period(cast), actor=cast.idn)


def _meeting(cast):
    data = {
        "body": cast.somtc_japan, "number": 20, "plan": cast.plan,
        "start_date": datetime.date(2024, 6, 10), "end_date": datetime.date(2024, 6, 11),
        "city": "Vientiane", "status": "held",
    }  # fmt: skip
    return meetings.create_meeting(data, actor=cast.asec)


def _agenda_item(cast):
    return meetings.add_agenda_item(_meeting(cast), {"title": "Review"}, actor=cast.asec)


def _action_item(cast):
    data = {"text": "Share the list", "owners": [cast.parties["VNM"]]}
    return meetings.add_action_item(_agenda_item(cast), data, actor=cast.asec)


MAKERS = {
    "activity": _activity, "indicator": _indicator, "period": _period, "update": _update,
    "meeting": _meeting, "agenda item": _agenda_item, "action item": _action_item,
}  # fmt: skip
SAVERS = {
    "activity": lambda r, d, v, a: plans.update_activity(r, d, expected_version=v, actor=a),
    "indicator": lambda r, d, v, a: plans.update_indicator(r, d, expected_version=v, actor=a),
    "period": lambda r, d, v, a: reporting.update_period(r, d, expected_version=v, actor=a),
    "update": lambda r, d, v, a: reporting.save_update(r, d, {}, expected_version=v, actor=a),
    "meeting": lambda r, d, v, a: meetings.update_meeting(r, d, expected_version=v, actor=a),
    "agenda item": lambda r, d, v, a: meetings.update_agenda_item(
        r, d, expected_version=v, actor=a
    ),
    "action item": lambda r, d, v, a: meetings.update_action_item(
        r, d, expected_version=v, actor=a
    ),
}
KINDS = [
    Kind("activity", "title", "api:activity-detail", "plans:activity_edit"),
    Kind("indicator", "name", "api:indicator-detail", "plans:indicator_edit"),
    Kind("period", "name", "api:period-detail", "reporting:period_edit"),
    Kind("update", "narrative", "api:update-detail", "reporting:update_edit"),
    Kind("meeting", "city", "api:meeting-detail", "meetings:meeting_edit"),
    Kind("agenda item", "title", "api:agenda-item-detail", "meetings:agenda_item_edit"),
    Kind("action item", "text", "api:action-item-detail", "meetings:action_item_edit"),
]
BY_NAME = [pytest.param(kind, id=kind.name) for kind in KINDS]


@dataclass
class Cast:
    plan: object
    parties: object
    asec: object
    idn: object
    make_activity: object
    somtc_japan: object


@pytest.fixture
def cast(plan, parties, asec, idn, make_activity):
    somtc_japan = Body.objects.get(key="SOMTC+JPN")
    return Cast(plan, parties, asec, idn, make_activity, somtc_japan)


def editor(kind: Kind, cast):
    """Who edits a record of this kind: the reporting party for an update, else the
    Secretariat."""
    return cast.idn if kind.name == "update" else cast.asec


def stored(record) -> tuple:
    """The record's row and its history, as stored."""
    row = type(record).objects.filter(pk=record.pk).values().get()
    return row, ChangeLog.objects.count()


@pytest.mark.parametrize("kind", BY_NAME)
def test_it_refuses_a_stale_version_through_the_action_and_changes_nothing(kind, cast):
    record = kind.make(cast)
    opened_at = record.version
    kind.save(record, "Saved first", version=opened_at, actor=editor(kind, cast))
    before = stored(record)

    with pytest.raises(EditConflict) as conflict:
        kind.save(record, "Saved second", version=opened_at, actor=editor(kind, cast))

    assert stored(record) == before
    assert [change.after[kind.field] for change in conflict.value.changes_since] == ["Saved first"]


@pytest.mark.parametrize("kind", BY_NAME)
def test_it_answers_a_stale_if_match_with_412_and_keeps_the_other_edit(kind, cast):
    record = kind.make(cast)
    user = editor(kind, cast)
    client = APIClient()
    client.force_authenticate(user)
    url = reverse(kind.api, args=[record.pk])
    etag = client.get(url)["ETag"]
    kind.save(record, "Saved by a colleague", version=record.version, actor=user)

    response = client.patch(url, {kind.field: "Mine"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    record.refresh_from_db()
    assert getattr(record, kind.field) == "Saved by a colleague"
    assert response["ETag"] == f'"{record.version}"'


@pytest.mark.parametrize("kind", BY_NAME)
def test_it_shows_a_stale_page_edit_as_a_conflict_and_keeps_what_was_typed(kind, cast, client):
    record = kind.make(cast)
    user = editor(kind, cast)
    client.force_login(user)
    url = reverse(kind.page, args=[record.pk])
    form = client.get(url).context["form"]
    posted = {
        name: value
        for name, value in _as_posted(form).items()
        if value is not None and name != kind.field
    }
    kind.save(record, "Saved by a colleague", version=record.version, actor=user)

    response = client.post(url, {**posted, kind.field: "Typed by me"})

    assert response.status_code == 200
    assert response.context["conflict"].current.pk == record.pk
    assert response.context["form"][kind.field].value() == "Typed by me"
    record.refresh_from_db()
    assert getattr(record, kind.field) == "Saved by a colleague"


def _as_posted(form) -> dict:
    """What a browser posts for the form as shown: each field's initial value, as text."""
    posted = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled:
            continue
        if isinstance(value, list | tuple):
            posted[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            posted[name] = value.isoformat()
        elif value is not None:
            posted[name] = str(value)
        if field.show_hidden_initial and value is not None:
            posted[form.add_initial_prefix(name)] = posted.get(name)
    return posted
