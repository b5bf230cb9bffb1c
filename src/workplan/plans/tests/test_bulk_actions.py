"""Writing many activities at once (the Excel import): the rules of the single writes, a batch at
a time, in a number of queries that does not grow with the batch."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from workplan.core import changelog
from workplan.core.changelog import history_of
from workplan.core.models import ChangeLog
from workplan.plans import bulk_actions
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting import tally


@pytest.fixture
def new_row(plan, parties):
    """The data of a new activity, as an import row gives it; keyword arguments change it."""
    area = plan.areas.get(key="sea-piracy")

    def make(**overrides) -> tuple:
        data = {
            "code": "",
            "title": "Maritime law enforcement course",
            "description": "",
            "area": area,
            "commitments": [area.commitments.first()],
            "lead_party": parties["IDN"],
            "partner_parties": [parties["JPN"], parties["VNM"]],
            "modality": Activity.Modality.TRAINING,
            "planned_start": datetime.date(2025, 2, 1),
            "planned_end": datetime.date(2025, 3, 31),
            "actual_start": None,
            "actual_end": None,
            "status": Activity.Status.PLANNED,
            "funding_source": None,
            "budget_amount": None,
            "budget_currency": "",
            "classification": Activity.Classification.INTERNAL,
            "weight": 1,
        }
        data.update(overrides)
        return None, data

    return make


def read(activity: Activity) -> Activity:
    """The activity as an importer reads it: with its links, at its current version."""
    found = Activity.objects.select_related("plan", "area", "lead_party", "funding_source")
    return found.prefetch_related("commitments", "partner_parties").get(pk=activity.pk)


def edited(activity: Activity, **changes) -> tuple:
    """A row that updates `activity` with `changes`."""
    current = read(activity)
    data = {name: getattr(current, name) for name in bulk_actions.ACTIVITY_FIELDS}
    data["commitments"] = list(current.commitments.all())
    data["partner_parties"] = list(current.partner_parties.all())
    data.update(changes)
    return current, data


def last_log_id():
    return ChangeLog.objects.aggregate(Max("id"))["id__max"]


def test_it_creates_activities_with_their_links_and_one_change_log_row_each(
    plan, asec, new_row, parties
):
    rows = [new_row(code="SEA-2025-01"), new_row(code="SEA-2025-02", partner_parties=[])]

    with changelog.request_scope() as request_id:
        written = bulk_actions.import_activities(plan, rows, actor=asec)

    first = Activity.objects.get(code="SEA-2025-01")
    assert [activity.code for activity in written] == ["SEA-2025-01", "SEA-2025-02"]
    assert set(first.partner_parties.all()) == {parties["JPN"], parties["VNM"]}
    assert first.commitments.count() == 1
    assert first.version == 1
    entries = ChangeLog.objects.filter(request_id=request_id).order_by("id")
    assert [(entry.kind, entry.object_id) for entry in entries] == [
        ("create", activity.pk) for activity in written
    ]
    assert entries[0].after == changelog.snapshot(first)
    assert entries[0].actor == asec


def test_it_raises_the_version_of_updated_activities_and_leaves_unchanged_ones_alone(
    plan, asec, make_activity, parties
):
    renamed, kept, relinked = make_activity(), make_activity(), make_activity()
    rows = [
        edited(renamed, title="Renamed"),
        edited(kept),
        edited(relinked, partner_parties=[parties["THA"], parties["THA"]]),
    ]
    before = {a.pk: changelog.snapshot(a) for a in (renamed, relinked)}

    bulk_actions.import_activities(plan, rows, actor=asec)

    versions = dict(Activity.objects.values_list("pk", "version"))
    assert (versions[renamed.pk], versions[kept.pk], versions[relinked.pk]) == (2, 1, 2)
    assert Activity.objects.get(pk=renamed.pk).title == "Renamed"
    assert list(Activity.objects.get(pk=relinked.pk).partner_parties.all()) == [parties["THA"]]
    assert history_of(kept).count() == 1  # its creation only
    update = history_of(relinked).get(kind="update")
    assert update.before == before[relinked.pk]
    assert [link["name"] for link in update.after["partner_parties"]] == ["Thailand"]
    assert update.object_version == 2
    assert history_of(renamed).get(kind="update").changed_fields() == ["title"]


def test_it_proposes_the_next_free_codes_after_those_of_the_plan_and_of_the_batch(
    plan, asec, new_row, make_activity
):
    make_activity(area="sea-piracy", code="SEA-2025-04")
    rows = [new_row(), new_row(code="SEA-2025-07"), new_row(), new_row(area=plan.areas.get(
        key="terrorism"), commitments=[])]  # fmt: skip

    written = bulk_actions.import_activities(plan, rows, actor=asec)

    assert [a.code for a in written] == ["SEA-2025-08", "SEA-2025-07", "SEA-2025-09", "TER-2025-01"]


def test_it_refuses_codes_taken_in_the_plan_or_in_the_batch_and_writes_nothing(
    plan, asec, new_row, make_activity
):
    make_activity(code="SEA-2025-01")
    rows = [new_row(code="SEA-2025-01"), new_row(code="SEA-2025-05"), new_row(code="SEA-2025-05")]
    before = (Activity.objects.count(), last_log_id())

    with pytest.raises(bulk_actions.RowsRefused) as refused:
        bulk_actions.import_activities(plan, rows, actor=asec)

    assert refused.value.problems == {
        0: {"code": ["The code SEA-2025-01 is already used in this plan; SEA-2025-02 is free."]},
        2: {"code": ["The code SEA-2025-05 is already used in this plan; SEA-2025-02 is free."]},
    }
    assert (Activity.objects.count(), last_log_id()) == before


def test_it_names_every_broken_rule_by_row_and_field_and_writes_nothing(plan, asec, new_row):
    rows = [
        new_row(code="SEA-2025-01"),
        new_row(planned_end=datetime.date(2025, 1, 1)),
        new_row(budget_amount=100),
    ]
    problems = bulk_actions.import_problems(plan, rows, actor=asec)
    assert problems == {
        1: {"planned_end": [
            "The planned end must be on or after the planned start (1 Feb 2025)."
        ]},
        2: {"budget_currency": ["Give the currency of the budget, e.g. USD."]},
    }  # fmt: skip
    with pytest.raises(bulk_actions.RowsRefused) as refused:
        bulk_actions.import_activities(plan, rows, actor=asec)
    assert refused.value.problems == problems
    assert not Activity.objects.exists()


def test_a_focal_point_writes_only_activities_its_party_leads(
    plan, idn, new_row, make_activity, parties
):
    japans = make_activity(lead="JPN", partners=[])
    rows = [
        new_row(),
        new_row(lead_party=parties["JPN"], partner_parties=[]),
        edited(japans, title="Renamed by Indonesia"),
    ]
    with pytest.raises(bulk_actions.RowsRefused) as refused:
        bulk_actions.import_activities(plan, rows, actor=idn)
    assert refused.value.problems == {
        1: {"lead_party": [
            "You may import only activities led by Indonesia; this row is led by Japan."
        ]},
        2: {"code": [
            "You may change only activities led by Indonesia; this one is led by Japan."
        ]},
    }  # fmt: skip
    assert Activity.objects.count() == 1


def test_it_refuses_an_activity_saved_by_someone_else_since_it_was_read(plan, asec, make_activity):
    activity = make_activity()
    row = edited(activity, title="Renamed by the import")
    Activity.objects.filter(pk=activity.pk).update(version=2)  # saved meanwhile
    with pytest.raises(bulk_actions.RowsRefused) as refused:
        bulk_actions.import_activities(plan, [row], actor=asec)
    assert refused.value.problems == {
        0: {"code": [f"{activity.code} was changed by someone else since it was read; "
                     "check it again."]}
    }  # fmt: skip
    assert Activity.objects.get(pk=activity.pk).title == activity.title


@pytest.fixture
def warm(plan):
    """The plan with its parties, and the content type cached, as an importer holds them; its
    tallies made, as its first reader makes them."""
    ContentType.objects.get_for_model(Activity)
    tally.rebuild(plan.pk)
    return WorkPlan.objects.prefetch_related("parties").get(pk=plan.pk)


@pytest.mark.parametrize("size", [3, 30])
def test_it_runs_the_same_queries_for_3_and_30_new_activities(
    warm, asec, new_row, size, django_assert_num_queries
):
    rows = [new_row(code=f"SEA-2025-{n:02d}") for n in range(1, size + 1)]
    # savepoint; the codes already used; the activities, in a savepoint (insert, release);
    # their commitments; their partners; the change-log rows; their search documents; release
    # + the tallies settled (`reporting.tally`, 13 to 21 whatever the number of rows): savepoint,
    # the plan locked, its tally day; the activities' facts (activities, partners, commitments,
    # updates sent, the plan's periods); what they counted last; the facts written; the rows of
    # each tally they change, read then inserted, updated or deleted; release
    with django_assert_num_queries(31):
        bulk_actions.import_activities(warm, rows, actor=asec)
    assert Activity.objects.count() == size


@pytest.mark.parametrize("size", [3, 30])
def test_it_runs_the_same_queries_for_3_and_30_updated_activities(
    warm, asec, make_activity, parties, size, django_assert_num_queries
):
    rows = [edited(make_activity(), partner_parties=[parties["THA"]]) for _ in range(size)]
    # savepoint; the versions, locked; the codes used; the activities; their old commitments
    # and partners deleted, then written again; the change-log rows; their search documents;
    # release
    # + the tallies settled (`reporting.tally`, 13 to 21 whatever the number of rows): savepoint,
    # the plan locked, its tally day; the activities' facts (activities, partners, commitments,
    # updates sent, the plan's periods); what they counted last; the facts written; the rows of
    # each tally they change, read then inserted, updated or deleted; release
    with django_assert_num_queries(24):
        bulk_actions.import_activities(warm, rows, actor=asec)
    assert set(Activity.objects.values_list("version", flat=True)) == {2}
