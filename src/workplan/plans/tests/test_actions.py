"""The writes of the activity register: create, update, archive, restore, each on record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workplan.core.changelog import history_of
from workplan.core.history import name_links
from workplan.core.records import EditConflict
from workplan.plans import actions
from workplan.plans.models import Activity


def test_it_proposes_the_next_code_of_the_area_and_start_year(make_activity):
    first = make_activity(area="terrorism")
    second = make_activity(area="terrorism")
    assert (first.code, second.code) == ("TER-2024-01", "TER-2024-02")


def test_it_proposes_a_code_after_the_highest_number_used(plan, make_activity):
    make_activity(area="terrorism", code="TER-2024-07")
    area = plan.areas.get(key="terrorism")
    assert actions.propose_code(plan, area, 2024) == "TER-2024-08"


def test_it_keeps_a_code_given_by_the_user(make_activity):
    assert make_activity(code="SEA-SPECIAL-1").code == "SEA-SPECIAL-1"


def test_it_refuses_a_code_already_used_in_the_plan(make_activity):
    make_activity(code="SEA-2024-01")
    with pytest.raises(ValidationError) as error:
        make_activity(code="SEA-2024-01")
    assert "already used" in error.value.message_dict["code"][0]
    assert Activity.objects.count() == 1


def test_it_records_the_creation_with_its_author(make_activity, asec):
    activity = make_activity(title="Port security workshop")
    entry = history_of(activity).get()
    assert entry.kind == "create"
    assert entry.actor == asec
    assert entry.after["title"] == "Port security workshop"
    assert entry.after["lead_party"]["name"] == "Indonesia"


def test_it_records_each_changed_field_before_and_after(make_activity, idn, parties):
    activity = make_activity()
    actions.update_activity(
        activity,
        {"title": "Renamed", "partner_parties": [parties["JPN"], parties["VNM"]]},
        expected_version=1,
        actor=idn,
    )
    (entry,) = name_links(history_of(activity)[:1], idn)
    assert entry.actor == idn
    assert entry.changes() == [
        ("Title", "Joint patrol workshop", "Renamed"),
        ("Partner parties", ["Japan"], ["Japan", "Viet Nam"]),
    ]


def test_it_bumps_the_version_on_each_save(make_activity, idn):
    activity = make_activity()
    saved = actions.update_activity(activity, {"title": "B"}, expected_version=1, actor=idn)
    assert saved.version == 2


def test_it_refuses_a_save_based_on_an_older_version_and_lists_what_changed(
    make_activity, idn, asec
):
    activity = make_activity()
    actions.update_activity(activity, {"title": "Saved first"}, expected_version=1, actor=asec)
    with pytest.raises(EditConflict) as conflict:
        actions.update_activity(activity, {"title": "Saved second"}, expected_version=1, actor=idn)
    assert [entry.actor for entry in conflict.value.changes_since] == [asec]
    assert Activity.objects.get().title == "Saved first"


def test_it_records_nothing_when_nothing_changed(make_activity, idn):
    activity = make_activity()
    actions.update_activity(activity, {"title": activity.title}, expected_version=1, actor=idn)
    assert history_of(activity).count() == 1


def test_it_refuses_a_focal_point_changing_another_partys_activity(make_activity, vnm):
    activity = make_activity(lead="IDN")
    with pytest.raises(PermissionDenied):
        actions.update_activity(activity, {"title": "X"}, expected_version=1, actor=vnm)
    assert Activity.objects.get().title == "Joint patrol workshop"


def test_it_archives_and_the_secretariat_restores(make_activity, idn, asec):
    activity = make_activity()
    actions.archive_activity(activity, actor=idn)
    assert Activity.objects.get().is_archived
    actions.restore_activity(activity, actor=asec)
    assert not Activity.objects.get().is_archived
    assert [entry.kind for entry in history_of(activity)] == ["restore", "archive", "create"]


def test_it_refuses_a_focal_point_restoring(make_activity, idn):
    activity = make_activity()
    actions.archive_activity(activity, actor=idn)
    with pytest.raises(PermissionDenied):
        actions.restore_activity(activity, actor=idn)


def test_it_keeps_an_archived_activity_read_only(make_activity, idn, asec):
    activity = make_activity()
    actions.archive_activity(activity, actor=idn)
    with pytest.raises(PermissionDenied):
        actions.update_activity(activity, {"title": "X"}, expected_version=2, actor=asec)


def test_it_refuses_a_focal_point_giving_its_activity_to_another_party(make_activity, idn, parties):
    activity = make_activity(lead="IDN", partners=["THA"])
    with pytest.raises(PermissionDenied):
        actions.update_activity(
            activity, {"lead_party": parties["JPN"]}, expected_version=1, actor=idn
        )
    assert Activity.objects.get().lead_party.code == "IDN"


def test_it_refuses_a_focal_point_creating_an_activity_led_by_another_party(plan, idn, parties):
    area = plan.areas.get(key="terrorism")
    data = {
        "title": "T", "area": area, "lead_party": parties["JPN"], "modality": "workshop",
        "planned_start": datetime.date(2024, 1, 1), "planned_end": datetime.date(2024, 2, 1),
        "status": "planned", "classification": "restricted",
    }  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.create_activity(plan, data, actor=idn)
    assert Activity.objects.count() == 0


def test_it_leaves_the_version_alone_when_a_save_changes_nothing(make_activity, idn):
    activity = make_activity()
    same = {"title": activity.title, "partner_parties": list(activity.partner_parties.all())}
    saved = actions.update_activity(activity, same, expected_version=1, actor=idn)
    assert saved.version == 1
    assert Activity.objects.get().version == 1
