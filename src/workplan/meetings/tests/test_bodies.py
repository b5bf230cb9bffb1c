"""The Secretariat adds a meeting body (shared by every plan) from a page or the API."""

from django.urls import reverse

from workplan.meetings.models import Body


def test_the_secretariat_adds_a_body_from_the_page(client, plan, asec, parties):
    client.force_login(asec)
    data = {"name": "SOMTC + China Consultation", "short_name": "SOMTC + China",
            "key": "SOMTC+CHN", "level": "senior_officials"}  # fmt: skip
    response = client.post(reverse("meetings:body_create"), data)
    assert response.status_code == 302
    assert Body.objects.get(key="SOMTC+CHN").short_name == "SOMTC + China"


def test_a_taken_key_is_refused_on_its_field(client, plan, asec):
    client.force_login(asec)
    data = {"name": "Again", "short_name": "Again", "key": "SOMTC", "level": "other"}
    response = client.post(reverse("meetings:body_create"), data)
    assert "The key SOMTC is used by another body." in response.content.decode()
    assert not Body.objects.filter(name="Again").exists()


def test_a_focal_point_may_not_add_a_body(client, plan, idn):
    client.force_login(idn)
    assert client.get(reverse("meetings:body_create")).status_code == 403
    body = {"name": "X", "short_name": "X", "key": "X", "level": "other"}
    assert client.post("/api/bodies/", body, content_type="application/json").status_code == 403


def test_the_api_adds_a_body_with_its_lead_party(client, plan, asec):
    client.force_login(asec)
    body = {"name": "SOMTC WG on Drugs", "short_name": "WG Drugs", "key": "WG-DRG",
            "level": "working_group", "lead_party": "THA"}  # fmt: skip
    response = client.post("/api/bodies/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Body.objects.get(key="WG-DRG").lead_party.code == "THA"
