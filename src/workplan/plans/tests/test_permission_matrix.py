"""Every view of the register × each role × activities of each kind: the expected status.

The activities, led and partnered as named:
  own_restricted      restricted, led by Indonesia, Japan partner
  other_restricted    restricted, led by Japan, the Philippines partner
  internal            plan-internal, led by Japan
  public              public, led by Japan
  archived            plan-internal, led by Indonesia, archived
  archived_restricted restricted, led by Indonesia, Japan partner, archived
Roles: the Secretariat; the focal points of Indonesia, Japan and Viet Nam; the demo viewer
(Thailand) and a viewer of Viet Nam; a focal point of Korea, which is not a party of the plan
(whose overview is public unless a test makes it private).
"""

import pytest
from django.urls import reverse

from workplan.plans.actions import archive_activity
from workplan.plans.models import WorkPlan
from workplan.testing.fixtures import activity_form_data

KINDS = [
    "own_restricted",
    "other_restricted",
    "internal",
    "public",
    "archived",
    "archived_restricted",
]
ROLES = ["asec", "idn", "jpn", "vnm", "viewer", "vnm_viewer", "outsider"]

# role: status for each kind, in the order of KINDS
DETAIL = {
    "asec": [200, 200, 200, 200, 200, 200],
    "idn": [200, 404, 200, 200, 200, 200],
    "jpn": [200, 200, 200, 200, 200, 200],
    "vnm": [404, 404, 200, 200, 200, 404],
    "viewer": [404, 404, 200, 200, 200, 404],
    "vnm_viewer": [404, 404, 200, 200, 200, 404],
    "outsider": [404, 404, 404, 200, 404, 404],
}
EDIT = {
    "asec": [200, 200, 200, 200, 403, 403],
    "idn": [200, 404, 403, 403, 403, 403],
    "jpn": [403, 200, 200, 200, 403, 403],
    "vnm": [404, 404, 403, 403, 403, 404],
    "viewer": [404, 404, 403, 403, 403, 404],
    "vnm_viewer": [404, 404, 403, 403, 403, 404],
    "outsider": [404, 404, 404, 403, 404, 404],
}
SAVED = {role: [302 if code == 200 else code for code in codes] for role, codes in EDIT.items()}
RESTORE = {
    "asec": [403, 403, 403, 403, 302, 302],
    "idn": [403, 404, 403, 403, 403, 403],
    "jpn": [403, 403, 403, 403, 403, 403],
    "vnm": [404, 404, 403, 403, 403, 404],
    "viewer": [404, 404, 403, 403, 403, 404],
    "vnm_viewer": [404, 404, 403, 403, 403, 404],
    "outsider": [404, 404, 404, 403, 404, 404],
}
CREATE = {
    "asec": (200, 302),
    "idn": (200, 302),
    "jpn": (200, 302),
    "vnm": (200, 302),
    "viewer": (403, 403),
    "vnm_viewer": (403, 403),
    "outsider": (403, 403),
}


@pytest.fixture
def activities(make_activity, asec):
    made = {
        "own_restricted": make_activity(lead="IDN", partners=["JPN"], classification="restricted"),
        "other_restricted": make_activity(
            lead="JPN", partners=["PHL"], classification="restricted"
        ),
        "internal": make_activity(lead="JPN", partners=["THA"], classification="internal"),
        "public": make_activity(lead="JPN", partners=["THA"], classification="public"),
        "archived": make_activity(lead="IDN", partners=["THA"], classification="internal"),
        "archived_restricted": make_activity(
            lead="IDN", partners=["JPN"], classification="restricted"
        ),
    }
    archive_activity(made["archived"], actor=asec)
    archive_activity(made["archived_restricted"], actor=asec)
    return made


@pytest.fixture(params=ROLES)
def role(request):
    return request.param, request.getfixturevalue(request.param)


def _statuses(client, user, activities, method, name, data=None):
    client.force_login(user)
    statuses = []
    for kind in KINDS:
        url = reverse(name, args=[activities[kind].pk])
        if method == "post":
            body = data(activities[kind]) if data else {}
            statuses.append(client.post(url, body).status_code)
        else:
            statuses.append(client.get(url).status_code)
    return statuses


def test_it_gives_each_role_the_expected_status_on_the_activity_page(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "get", "plans:activity_detail") == DETAIL[name]


def test_it_gives_each_role_the_expected_status_on_the_edit_page(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "get", "plans:activity_edit") == EDIT[name]


def test_it_gives_each_role_the_expected_status_when_saving_an_edit(client, role, activities):
    name, user = role
    edit = lambda activity: activity_form_data(activity, title="Edited")  # noqa: E731
    statuses = _statuses(client, user, activities, "post", "plans:activity_edit", edit)
    assert statuses == SAVED[name]


def test_it_gives_each_role_the_expected_status_when_archiving(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "post", "plans:activity_archive") == SAVED[name]


def test_it_gives_each_role_the_expected_status_when_restoring(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "post", "plans:activity_restore") == RESTORE[name]


def test_it_gives_each_role_the_expected_status_on_plan_pages(client, role, plan, activities):
    name, user = role
    client.force_login(user)
    for url_name in ("overview:plan", "plans:activity_list"):
        assert client.get(reverse(url_name, args=[plan.pk])).status_code == 200
    url = reverse("plans:activity_create", args=[plan.pk])
    area = plan.areas.get(key="sea-piracy").pk
    lead = user.party_id or ""
    created = client.post(url, activity_form_data(area=area, lead_party=lead))
    assert (client.get(url).status_code, created.status_code) == CREATE[name]


def test_it_hides_a_private_plan_from_users_of_other_parties(client, plan, outsider, activities):
    WorkPlan.objects.filter(pk=plan.pk).update(is_public=False)
    client.force_login(outsider)
    for url_name in ("overview:plan", "plans:activity_list", "plans:activity_create"):
        assert client.get(reverse(url_name, args=[plan.pk])).status_code == 404
    public = activities["public"]
    assert client.get(reverse("plans:activity_detail", args=[public.pk])).status_code == 404


def test_it_lists_exactly_the_activities_each_role_may_open(client, role, plan, activities):
    name, user = role
    client.force_login(user)
    page = client.get(reverse("plans:activity_list", args=[plan.pk]), {"state": "all"})
    listed = {activity.pk for activity in page.context["page"].object_list}
    openable = {
        activities[k].pk for k, code in zip(KINDS, DETAIL[name], strict=True) if code == 200
    }
    assert listed == openable


def test_it_sends_anonymous_visitors_to_sign_in(client, plan, activities):
    urls = [reverse("home"), reverse("overview:plan", args=[plan.pk])]
    urls += [reverse("plans:activity_list", args=[plan.pk])]
    urls += [reverse("plans:activity_create", args=[plan.pk])]
    urls += [reverse("plans:activity_detail", args=[activities["public"].pk])]
    urls += [reverse("plans:activity_edit", args=[activities["public"].pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
