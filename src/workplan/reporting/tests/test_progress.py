"""Progress rolled up from activities to commitments, priority areas and the plan."""

import datetime

import pytest

from workplan.core import access
from workplan.plans.models import Activity
from workplan.reporting.actions import accept_update, save_update, start_update, submit_update
from workplan.reporting.progress import Share, plan_progress

Status = Activity.Status
day = datetime.date


@pytest.fixture
def accepted(plan, asec, idn):
    """Indonesia reports `percent` for H1 2024 and the secretariat accepts it."""

    def report(activity, percent):
        update = start_update(activity, plan.periods.get(name="H1 2024"), actor=idn)
        data = {"narrative": "Done.", "percent_complete": percent, "reported_status": "ongoing"}
        update = save_update(update, data, {}, expected_version=update.version, actor=idn)
        accept_update(submit_update(update, actor=idn), actor=asec)
        return activity

    return report


def done(make_activity, **overrides):
    """A completed activity: 100% progress."""
    fields = {
        "status": Status.COMPLETED,
        "actual_start": day(2024, 3, 1),
        "actual_end": day(2024, 6, 30),
    }
    return make_activity(**{**fields, **overrides})


def roll_up(plan, activities=None):
    areas = list(plan.areas.prefetch_related("commitments"))
    return plan_progress(areas, activities if activities is not None else Activity.objects.all())


def shares(item):
    """(weighted, weight) of an area, each of its commitments, and its uncommitted remainder."""
    return {
        "area": (item.share.weighted, item.share.weight),
        "commitments": {c.pk: (s.weighted, s.weight) for c, s in item.commitments},
        "uncommitted": (item.uncommitted.weighted, item.uncommitted.weight),
    }


def test_it_counts_an_activity_as_many_times_as_its_weight(plan, make_activity):
    area = plan.areas.get(key="cybercrime")
    done(make_activity, area="cybercrime", weight=3)
    make_activity(area="cybercrime")
    share = roll_up(plan).for_area(area.pk).share
    assert (share.weighted, share.weight, share.percent) == (300, 4, 75)


def test_it_leaves_cancelled_activities_out(plan, make_activity):
    area = plan.areas.get(key="cybercrime")
    done(make_activity, area="cybercrime")
    make_activity(area="cybercrime", status=Status.CANCELLED, weight=5)
    progress = roll_up(plan)
    assert progress.for_area(area.pk).share == Share(100, 1)
    assert progress.share == Share(100, 1)


def test_it_shows_no_percent_for_an_area_with_nothing_counted(plan, make_activity):
    area = plan.areas.get(key="cybercrime")
    make_activity(area="cybercrime", status=Status.CANCELLED)
    assert roll_up(plan).for_area(area.pk).share.percent is None


def test_it_splits_the_weight_of_an_activity_serving_two_commitments(plan, make_activity, accepted):
    area = plan.areas.get(key="sea-piracy")
    first, second, third, fourth = area.commitments.all()
    accepted(make_activity(commitments=[first, second], weight=3), 50)
    done(make_activity, commitments=[first], weight=2)
    accepted(make_activity(commitments=[], weight=1), 20)

    assert shares(roll_up(plan).for_area(area.pk)) == {
        "area": (3 * 50 + 2 * 100 + 20, 6),
        "commitments": {
            first.pk: (1.5 * 50 + 2 * 100, 3.5),
            second.pk: (1.5 * 50, 1.5),
            third.pk: (0, 0),
            fourth.pk: (0, 0),
        },
        "uncommitted": (20, 1),
    }


def add_ups(progress):
    """For each area: its (weighted, weight) and the sum of its commitments' and remainder's."""
    result = {}
    for item in progress.areas:
        parts = [share for _commitment, share in item.commitments] + [item.uncommitted]
        result[item.area.key] = (
            (item.share.weighted, item.share.weight),
            (sum(part.weighted for part in parts), sum(part.weight for part in parts)),
        )
    return result


def test_it_makes_the_commitments_and_the_uncommitted_share_add_up_to_each_area(
    plan, make_activity, accepted
):
    sea = plan.areas.get(key="sea-piracy")
    cyber = plan.areas.get(key="cybercrime")
    accepted(make_activity(commitments=list(sea.commitments.all()[:2]), weight=1), 35)
    accepted(make_activity(commitments=list(sea.commitments.all()[2:]), weight=7), 61)
    done(make_activity, commitments=[], weight=2)
    accepted(make_activity(area="cybercrime", commitments=list(cyber.commitments.all()[1:])), 13)
    accepted(make_activity(area="cybercrime", commitments=[], weight=4), 9)

    sums = add_ups(roll_up(plan))
    assert sums["sea-piracy"] == ((35 + 7 * 61 + 200, 10), (35 + 7 * 61 + 200, 10))
    assert sums["cybercrime"] == ((13 + 4 * 9, 5), (13 + 4 * 9, 5))
    assert all(area == children for area, children in sums.values())


def test_it_makes_a_weight_split_three_ways_add_up_exactly_to_the_area(
    plan, make_activity, accepted
):
    sea = plan.areas.get(key="sea-piracy")
    accepted(make_activity(commitments=list(sea.commitments.all()[:3]), weight=1), 35)
    accepted(make_activity(commitments=list(sea.commitments.all()[1:]), weight=7), 61)
    done(make_activity, commitments=[], weight=2)

    area, children = add_ups(roll_up(plan))["sea-piracy"]
    assert children == area


def test_it_makes_the_areas_add_up_to_the_plan(plan, make_activity, accepted):
    done(make_activity, area="terrorism", weight=2)
    accepted(make_activity(area="cybercrime", weight=3), 40)
    make_activity(area="drug-trafficking")
    make_activity(area="human-trafficking", status=Status.CANCELLED, weight=9)

    progress = roll_up(plan)
    assert progress.share == Share(2 * 100 + 3 * 40, 6)
    assert progress.share.percent == 53
    assert sum(item.share.weighted for item in progress.areas) == progress.share.weighted
    assert sum(item.share.weight for item in progress.areas) == progress.share.weight


def test_it_counts_the_activities_and_their_weights_so_pages_can_say_it_plainly(
    plan, make_activity
):
    make_activity(area="terrorism", weight=2)
    make_activity(area="cybercrime", weight=3)
    make_activity(area="cybercrime")
    make_activity(area="cybercrime", status=Status.CANCELLED, weight=9)

    progress = roll_up(plan)
    assert (progress.share.activities, progress.share.lightest, progress.share.heaviest) == (
        3,
        1,
        3,
    )
    cyber = progress.for_area(plan.areas.get(key="cybercrime").pk).share
    assert (cyber.activities, cyber.equal_weights) == (2, False)


def test_it_counts_only_the_activities_the_user_may_see(plan, make_activity, vnm, asec):
    area = plan.areas.get(key="sea-piracy")
    make_activity(weight=1)
    done(make_activity, weight=4, classification=Activity.Classification.RESTRICTED)
    commitment = area.commitments.first()

    seen_by_vnm = roll_up(plan, access.restrict(Activity.objects.all(), vnm))
    assert seen_by_vnm.for_area(area.pk).share == Share(0, 1)
    assert dict(seen_by_vnm.for_area(area.pk).commitments)[commitment] == Share(0, 1)
    assert seen_by_vnm.share == Share(0, 1)

    seen_by_asec = roll_up(plan, access.restrict(Activity.objects.all(), asec))
    assert seen_by_asec.share == Share(400, 5)
