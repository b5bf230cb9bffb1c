"""Personal API tokens: made by their user and shown once, stored only as a hash, listed,
revoked; a token signs a program in to the API as its user until it is revoked."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from workplan.accounts.actions import create_token, revoke_token
from workplan.accounts.models import ApiToken
from workplan.core.models import ChangeLog

TOKENS = reverse("accounts:token_list")


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_it_shows_a_new_token_once_and_keeps_only_its_hash(client, vnm):
    client.force_login(vnm)

    response = client.post(TOKENS, {"name": "Ministry reporting system"})

    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("wpm_")
    assert key.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.user == vnm
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in token.key_hash
    assert key.encode() not in client.get(TOKENS).content  # never shown again


def test_it_lists_only_the_users_own_tokens(client, vnm, idn):
    create_token(vnm, "Mine", actor=vnm)
    create_token(idn, "Theirs", actor=idn)
    client.force_login(vnm)

    response = client.get(TOKENS)

    assert [token.name for token in response.context["tokens"]] == ["Mine"]
    assert b"Theirs" not in response.content


def test_it_refuses_a_token_without_a_name_naming_the_field(client, vnm):
    client.force_login(vnm)

    response = client.post(TOKENS, {"name": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_it_signs_a_program_in_with_its_token(vnm, plan):
    _, key = create_token(vnm, "MIS", actor=vnm)

    response = bearer(key).get(reverse("api:plan-list"))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert ApiToken.objects.get().last_used_at is not None


def test_it_refuses_a_revoked_token_at_once(client, vnm, plan):
    token, key = create_token(vnm, "MIS", actor=vnm)
    client.force_login(vnm)

    revoked = client.post(reverse("accounts:token_revoke", args=[token.pk]))

    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = bearer(key).get(reverse("api:plan-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert ChangeLog.objects.filter(object_id=token.pk, kind="archive").exists()


@pytest.mark.parametrize(
    "key",
    ["wpm_00000000_nonsense", "not-a-token", "wpm__", "wpm_deadbeef"],
)
def test_it_refuses_a_wrong_token(vnm, plan, key):
    create_token(vnm, "MIS", actor=vnm)
    assert bearer(key).get(reverse("api:plan-list")).status_code == 401


def test_it_refuses_a_right_prefix_with_a_wrong_secret(vnm, plan):
    token, _ = create_token(vnm, "MIS", actor=vnm)
    forged = f"wpm_{token.prefix}_{'x' * 43}"
    assert bearer(forged).get(reverse("api:plan-list")).status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(vnm, plan):
    _, key = create_token(vnm, "MIS", actor=vnm)
    vnm.is_active = False
    vnm.save()
    assert bearer(key).get(reverse("api:plan-list")).status_code == 401


def test_it_hides_another_users_token_from_revoking(client, vnm, idn):
    token, _ = create_token(idn, "Theirs", actor=idn)
    client.force_login(vnm)

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_does_not_revoke_twice(vnm):
    token, _ = create_token(vnm, "MIS", actor=vnm)
    revoke_token(token, actor=vnm)
    with pytest.raises(Exception, match="may not revoke"):
        revoke_token(token, actor=vnm)


def test_it_lets_nobody_make_a_token_for_someone_else(vnm, asec):
    with pytest.raises(Exception, match="their own"):
        create_token(vnm, "For you", actor=asec)


def test_it_sends_anonymous_visitors_to_sign_in(client, plan):
    response = client.get(TOKENS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_an_api_call_without_credentials_with_401(plan):
    response = APIClient().get(reverse("api:activity-detail", args=[1]))
    assert response.status_code == 401
