"""API tokens follow what their account may do: changing an account's role or party, or
deactivating it, revokes its tokens (through the actions and the admin alike), and a token of a
role that must use two-step sign-in works only once two-step sign-in is set up."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from workplan.accounts.actions import change_role, create_token, deactivate_user, reactivate_user
from workplan.accounts.models import ApiToken
from workplan.core.models import ChangeLog
from workplan.security.models import SecurityEvent
from workplan.testing.fixtures import PASSWORD

PLANS = "/api/plans/"


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def root(django_user_model, plan):
    """A system administrator, who manages accounts in the Django admin."""
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


# Two-step sign-in


def test_it_refuses_a_token_until_a_required_two_step_sign_in_is_set_up(vnm, settings):
    _, key = create_token(vnm, "MIS", actor=vnm)  # made while focal points need no second step
    settings.MFA_REQUIRED_ROLES = ["focal_point"]

    refused = bearer(key).get(PLANS)

    assert refused.status_code == 401
    assert "two-step sign-in" in refused.json()["detail"]
    TOTPDevice.objects.create(user=vnm, name="Authenticator app", confirmed=True)
    assert bearer(key).get(PLANS).status_code == 200


def test_it_refuses_a_token_while_two_step_sign_in_is_only_half_set_up(vnm, settings):
    _, key = create_token(vnm, "MIS", actor=vnm)
    settings.MFA_REQUIRED_ROLES = ["focal_point"]
    TOTPDevice.objects.create(user=vnm, name="Authenticator app", confirmed=False)

    assert bearer(key).get(PLANS).status_code == 401


def test_it_takes_the_token_of_a_role_that_needs_no_second_step(vnm, settings):
    _, key = create_token(vnm, "MIS", actor=vnm)
    settings.MFA_REQUIRED_ROLES = ["secretariat"]

    assert bearer(key).get(PLANS).status_code == 200


# Role, party and deactivation, through the actions


def test_it_revokes_the_tokens_of_an_account_whose_role_changes(vnm, parties, root):
    token, key = create_token(vnm, "MIS", actor=vnm)

    change_role(vnm, "viewer", parties["VNM"], actor=root)

    assert bearer(key).get(PLANS).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    revoked = ChangeLog.objects.get(object_id=token.pk, kind="archive")
    assert revoked.message == "Revoked: the account's role or party changed"
    change = ChangeLog.objects.filter(object_id=vnm.pk, kind="update").get()
    assert (change.before["role"], change.after["role"]) == ("Focal point", "Viewer")


def test_it_revokes_the_tokens_of_an_account_moved_to_another_party(vnm, parties, root):
    token, _ = create_token(vnm, "MIS", actor=vnm)

    change_role(vnm, "focal_point", parties["IDN"], actor=root)

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_keeps_tokens_when_the_role_is_set_to_what_it_was(vnm, parties, root):
    token, _ = create_token(vnm, "MIS", actor=vnm)

    change_role(vnm, "focal_point", parties["VNM"], actor=root)

    token.refresh_from_db()
    assert token.revoked_at is None
    assert not ChangeLog.objects.filter(object_id=vnm.pk, kind="update").exists()


def test_it_refuses_a_role_that_breaks_the_account_rules_and_keeps_the_tokens(vnm, root):
    token, _ = create_token(vnm, "MIS", actor=vnm)

    with pytest.raises(Exception, match="must belong to a party"):
        change_role(vnm, "focal_point", None, actor=root)

    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_revokes_the_tokens_of_a_deactivated_account_and_signs_it_out(vnm, root):
    _, key = create_token(vnm, "MIS", actor=vnm)
    create_token(vnm, "Dashboard", actor=vnm)

    deactivate_user(vnm, actor=root)

    assert ApiToken.objects.filter(user=vnm, revoked_at__isnull=True).count() == 0
    assert SecurityEvent.objects.filter(kind="deactivated", user=vnm).exists()
    reactivate_user(vnm, actor=root)
    assert bearer(key).get(PLANS).status_code == 401  # a reactivated account makes new tokens


def test_it_lets_only_account_administrators_change_roles(vnm, asec, parties):
    with pytest.raises(PermissionDenied):
        change_role(vnm, "secretariat", parties["ASEC"], actor=asec)
    with pytest.raises(PermissionDenied):
        deactivate_user(vnm, actor=vnm)


# Through the Django admin


def _admin_form(user, **changes) -> dict:
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on", "role": user.role, "party": user.party_id or "",
        "date_joined_0": f"{user.date_joined:%Y-%m-%d}",
        "date_joined_1": f"{user.date_joined:%H:%M:%S}",
    }  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    "changes", [{"role": "viewer"}, {"is_active": None}], ids=["role", "deactivation"]
)
def test_it_revokes_tokens_when_an_administrator_changes_the_account_in_the_admin(
    client, vnm, root, changes
):
    token, key = create_token(vnm, "MIS", actor=vnm)
    client.force_login(root)

    response = client.post(
        reverse("admin:accounts_user_change", args=[vnm.pk]), _admin_form(vnm, **changes)
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get(PLANS).status_code == 401


def test_it_keeps_tokens_when_an_administrator_only_renames_the_account(client, vnm, root):
    token, _ = create_token(vnm, "MIS", actor=vnm)
    client.force_login(root)

    client.post(
        reverse("admin:accounts_user_change", args=[vnm.pk]),
        _admin_form(vnm, first_name="Lan Anh"),
    )

    vnm.refresh_from_db()
    assert vnm.first_name == "Lan Anh"
    token.refresh_from_db()
    assert token.revoked_at is None
