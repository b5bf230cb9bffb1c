"""Every view of the register × each role × activities of each kind: the expected status.

The activities, all led or partnered as named:
  own_restricted   restricted, led by Indonesia, Japan partner
  other_restricted restricted, led by Japan, the Philippines partner
  internal         plan-internal, led by Japan
  public           public, led by Japan
  archived         plan-internal, led by Indonesia, archived
Roles: the Secretariat, Indonesia's and Viet Nam's focal points, Viet Nam's viewer, and a
focal point of Korea, which is not a party of the plan (the plan's overview is public).
"""

import pytest
from django.urls import reverse

from workplan.plans.actions import archive_activity

KINDS = ["own_restricted", "other_restricted", "internal", "public", "archived"]
ROLES = ["asec", "idn", "vnm", "vnm_viewer", "outsider"]

# role: status for each kind, in the order of KINDS
DETAIL = {
    "asec": [200, 200, 200, 200, 200],
    "idn": [200, 404, 200, 200, 200],
    "vnm": [404, 404, 200, 200, 200],
    "vnm_viewer": [404, 404, 200, 200, 200],
    "outsider": [404, 404, 404, 200, 404],
}
EDIT = {
    "asec": [200, 200, 200, 200, 403],
    "idn": [200, 404, 403, 403, 403],
    "vnm": [404, 404, 403, 403, 403],
    "vnm_viewer": [404, 404, 403, 403, 403],
    "outsider": [404, 404, 404, 403, 404],
}
ARCHIVE = {role: [302 if code == 200 else code for code in codes] for role, codes in EDIT.items()}
RESTORE = {
    "asec": [403, 403, 403, 403, 302],
    "idn": [403, 404, 403, 403, 403],
    "vnm": [404, 404, 403, 403, 403],
    "vnm_viewer": [404, 404, 403, 403, 403],
    "outsider": [404, 404, 404, 403, 404],
}
PLAN_PAGES = {"asec": 200, "idn": 200, "vnm": 200, "vnm_viewer": 200, "outsider": 200}
CREATE = {"asec": 200, "idn": 200, "vnm": 200, "vnm_viewer": 403, "outsider": 403}


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
    }
    archive_activity(made["archived"], actor=asec)
    return made


@pytest.fixture(params=ROLES)
def role(request):
    return request.param, request.getfixturevalue(request.param)


def _statuses(client, user, activities, method, name):
    client.force_login(user)
    send = client.post if method == "post" else client.get
    return [send(reverse(name, args=[activities[kind].pk])).status_code for kind in KINDS]


def test_it_gives_each_role_the_expected_status_on_the_activity_page(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "get", "plans:activity_detail") == DETAIL[name]


def test_it_gives_each_role_the_expected_status_on_the_edit_page(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "get", "plans:activity_edit") == EDIT[name]


def test_it_gives_each_role_the_expected_status_when_archiving(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "post", "plans:activity_archive") == ARCHIVE[name]


def test_it_gives_each_role_the_expected_status_when_restoring(client, role, activities):
    name, user = role
    assert _statuses(client, user, activities, "post", "plans:activity_restore") == RESTORE[name]


def test_it_gives_each_role_the_expected_status_on_plan_pages(client, role, plan, activities):
    name, user = role
    client.force_login(user)
    for url_name in ("overview:plan", "plans:activity_list"):
        assert client.get(reverse(url_name, args=[plan.pk])).status_code == PLAN_PAGES[name]
    create = client.get(reverse("plans:activity_create", args=[plan.pk]))
    assert create.status_code == CREATE[name]


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
