"""The change log: values stored as people read them, linked records by id with the name they
had, named only to readers who may see them; who made each change, and its request."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from workplan.core import changelog
from workplan.core.history import name_links
from workplan.core.models import HIDDEN, ChangeLog
from workplan.plans.models import Activity


@pytest.fixture
def activity(make_activity, plan):
    return make_activity(
        lead="IDN",
        partners=["VNM", "JPN", "BRN"],
        commitments=list(plan.areas.get(key="sea-piracy").commitments.all()[:2]),
        funding_source=None,
        budget_amount=Decimal("1500.50"),
        budget_currency="USD",
    )


def test_it_stores_a_related_record_by_kind_and_id_with_the_name_it_had(activity):
    data = changelog.snapshot(activity)

    lead = activity.lead_party
    assert data["lead_party"] == {"ref": "parties.party", "id": lead.pk, "name": "Indonesia"}
    assert data["area"] == {
        "ref": "plans.priorityarea",
        "id": activity.area_id,
        "name": "Sea piracy",
    }
    assert data["plan"]["name"] == str(activity.plan)


def test_it_stores_choices_by_label_not_code(activity):
    data = changelog.snapshot(activity)

    assert data["status"] == "Planned"
    assert data["classification"] == "Plan-internal"
    assert data["modality"] == "Workshop"


def test_it_stores_many_to_many_relations_sorted_by_name(activity):
    data = changelog.snapshot(activity)

    names = [link["name"] for link in data["partner_parties"]]
    assert names == ["Brunei Darussalam", "Japan", "Viet Nam"]
    assert {link["id"] for link in data["partner_parties"]} == {
        party.pk for party in activity.partner_parties.all()
    }
    assert [link["name"] for link in data["commitments"]] == sorted(
        ["Work together to protect trade activities", "Maintain maritime security"]
    )


def test_it_stores_dates_and_amounts_as_text_and_nothing_as_none(activity):
    data = changelog.snapshot(activity)

    assert data["planned_start"] == "2024-03-01"
    assert data["budget_amount"] == "1500.50"
    assert data["actual_start"] is None
    assert data["funding_source"] is None


def test_it_leaves_bookkeeping_fields_out_of_a_snapshot(activity):
    data = changelog.snapshot(activity)

    assert not {"id", "version", "created_at", "updated_at"} & data.keys()


def test_it_records_who_made_a_change(activity, asec):
    row = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec, message="Reviewed.")

    assert row.actor == asec
    assert row.actor_label == "Ayu Prameswari (Secretariat, ASEAN Secretariat)"
    assert (row.object_id, row.object_repr, row.message) == (
        activity.pk,
        str(activity),
        "Reviewed.",
    )


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["no actor", "anonymous"])
def test_it_records_a_change_without_a_signed_in_actor_as_made_by_the_system(activity, actor):
    row = changelog.record(activity, ChangeLog.Kind.EVENT, actor=actor)

    assert row.actor is None
    assert row.actor_label == "System"


def test_it_groups_the_rows_of_one_request_under_one_request_id(activity, asec):
    with changelog.request_scope() as request_id:
        first = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)
        second = changelog.record(activity, ChangeLog.Kind.EVENT, actor=None)

    assert isinstance(request_id, uuid.UUID)
    assert first.request_id == second.request_id == request_id


def test_it_gives_separate_requests_separate_ids_and_none_outside_a_request(activity, asec):
    with changelog.request_scope():
        first = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)
    with changelog.request_scope():
        second = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)
    outside = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)

    assert first.request_id != second.request_id
    assert outside.request_id is None


def test_it_uses_a_given_request_id(activity, asec):
    given = uuid.uuid4()
    with changelog.request_scope(given):
        row = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)

    assert row.request_id == given


def test_it_lists_only_the_fields_that_differ_labelled_by_their_verbose_names(activity, plan, asec):
    before = changelog.snapshot(activity)
    activity.area = plan.areas.get(key="terrorism")
    activity.budget_amount = Decimal("2000.00")
    activity.status = Activity.Status.POSTPONED
    after = changelog.snapshot(activity)
    row = changelog.record(activity, "update", actor=asec, before=before, after=after)
    name_links([row], asec)

    assert row.changes() == [
        ("Priority area", "Sea piracy", "Terrorism"),
        ("Status", "Planned", "Postponed"),
        ("Budget", "1500.50", "2000.00"),
    ]


def test_it_lists_every_recorded_field_of_a_creation(activity, asec):
    (row,) = name_links(changelog.history_of(activity).filter(kind=ChangeLog.Kind.CREATE), asec)

    labels = [label for label, _, _ in row.changes()]

    assert ("Lead party", None, "Indonesia") in row.changes()
    assert "Commitments served" in labels
    assert "Actual start" not in labels  # nothing before, nothing after: no change


def test_it_names_a_linked_record_only_to_a_reader_who_may_see_it(
    make_activity, plan, asec, idn, vnm
):
    secret = make_activity(lead="IDN", partners=["JPN"], classification="restricted")
    meeting = plan.meetings.first()
    row = changelog.record(
        meeting, "update", actor=asec, before={"activities": []},
        after={"activities": changelog.references([secret])},
    )  # fmt: skip

    assert name_links([row], idn)[0].changes() == [("Activities", [], [str(secret)])]
    assert name_links([row], vnm)[0].changes() == [("Activities", [], [HIDDEN])]


def test_it_names_no_linked_record_until_told_who_reads(activity, asec):
    row = changelog.history_of(activity).get(kind=ChangeLog.Kind.CREATE)

    assert ("Lead party", None, HIDDEN) in row.changes()
    assert row.shown_after["partner_parties"] == [HIDDEN] * 3
    assert row.shown_after["title"] == activity.title


def test_it_never_shows_a_linked_record_stored_by_name_alone(activity, asec):
    """Rows written before links were kept by id cannot be checked against the reader."""
    row = changelog.record(
        activity, "update", actor=asec,
        before={"lead_party": "Indonesia", "partner_parties": ["Japan"], "title": "Old"},
        after={"lead_party": "Viet Nam", "partner_parties": [], "title": "New"},
    )  # fmt: skip

    assert name_links([row], asec)[0].changes() == [
        ("Lead party", HIDDEN, HIDDEN),
        ("Partner parties", [HIDDEN], []),
        ("Title", "Old", "New"),
    ]


def test_it_labels_a_field_since_removed_from_the_model_by_its_stored_name(activity, asec):
    row = changelog.record(
        activity, "update", actor=asec, before={"old_region": "Mekong"}, after={}
    )

    assert row.changes() == [("Old region", "Mekong", None)]


def test_it_lists_the_history_of_one_object_newest_first(make_activity, activity, asec):
    other = make_activity(title="Another workshop")
    changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec, message="Later.")

    history = list(changelog.history_of(activity))

    assert [row.kind for row in history] == [ChangeLog.Kind.EVENT, ChangeLog.Kind.CREATE]
    assert all(row.object_id == activity.pk for row in history)
    assert other.pk not in {row.object_id for row in history}


def test_it_dates_a_change_in_utc(activity, asec):
    row = changelog.record(activity, ChangeLog.Kind.EVENT, actor=asec)

    assert row.timestamp.utcoffset() == datetime.timedelta(0)
