"""The register runs the same number of queries with 10 and 100 activities."""

import datetime

import pytest
from django.urls import reverse

from workplan.core import access
from workplan.parties.models import Party
from workplan.plans.models import Activity
from workplan.reporting import tally


def add_activities(plan, count: int) -> list:
    """Test data straight into the tables: the code under test only reads it."""
    areas = list(plan.areas.prefetch_related("commitments"))
    parties = list(Party.objects.exclude(code="ASEC"))
    made = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            code=f"BULK-{number:04d}",
            title=f"Activity {number}",
            area=areas[number % len(areas)],
            lead_party=parties[number % len(parties)],
            modality="workshop",
            planned_start=datetime.date(2024, 1, 1),
            planned_end=datetime.date(2024, 12, 31),
            status=Activity.Status.choices[number % 5][0],
            classification=Activity.Classification.choices[number % 3][0],
        )
        for number in range(count)
    )
    partners = Activity.partner_parties.through
    partners.objects.bulk_create(
        partners(activity=activity, party=parties[(i + 1) % len(parties)])
        for i, activity in enumerate(made)
    )
    served = Activity.commitments.through
    served.objects.bulk_create(
        served(activity=activity, commitment=activity.area.commitments.all()[0])
        for activity in made
    )
    tally.rebuild(plan.pk)  # written past the actions: counted afresh, as generate-data does
    return made


@pytest.mark.parametrize("size", [10, 100])
def test_it_runs_a_fixed_number_of_queries_on_the_register(
    client, plan, idn, size, django_assert_num_queries, settings
):
    settings.ACTIVITIES_PER_PAGE = 50
    add_activities(plan, size)
    client.force_login(idn)
    # session, user with party, plan, its parties, the count from the tallies (their day, the
    # sum), the page of activities, their partners' links, the plan's areas; the filter
    # choices: areas, commitments (the parties and may the user add activities read the plan's
    # parties, already fetched)
    # + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(14):
        response = client.get(reverse("plans:activity_list", args=[plan.pk]))
    visible = access.restrict(Activity.objects.all(), idn).count()
    assert len(response.context["page"]) == min(visible, 50)
