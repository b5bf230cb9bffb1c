"""Every write to accounts."""

import datetime
import secrets

from django.contrib.auth.models import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from workplan.accounts.models import ApiToken, User
from workplan.core import access, changelog, records
from workplan.core.access import REVOKE
from workplan.parties.models import Party


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    role: str,
    party: Party | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    actor=None,
    check_password: bool = True,
) -> User:
    """Creates an account; the password must pass the configured validators unless told not to."""
    user = User(
        username=username,
        role=role,
        party=party,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    user.full_clean(exclude=["password"])
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    return records.create(user, actor=actor, snapshot=_account)


EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


@transaction.atomic
def change_email(user: User, email: str, *, actor) -> User:
    """Sets the address the user is e-mailed at; empty means "tell me in the app only"."""
    if actor != user:
        raise PermissionDenied("Each user sets their own e-mail address.")
    email = BaseUserManager.normalize_email((email or "").strip())
    if email:
        try:
            validate_email(email)
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            message = f"“{email}” is not an e-mail address; write it as name@example.org."
            raise ValidationError({"email": message}) from None
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.email != email:
        before = _account(current)
        current.email = email
        current.save(update_fields=["email"])
        changelog.record(
            current, changelog.ChangeLog.Kind.UPDATE, actor=actor, before=before,
            after=_account(current),
        )  # fmt: skip
    user.email = email
    return current


def _account(user: User) -> dict:
    return {
        "username": user.username,
        "role": user.get_role_display(),
        "party": str(user.party) if user.party_id else None,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
    }


TOKEN_PREFIX = "wpm"


@transaction.atomic
def create_token(user: User, name: str, *, actor) -> tuple[ApiToken, str]:
    """Makes a personal API token for `user`; returns it and its key, which is never shown
    again (only its hash is kept)."""
    if actor != user:
        raise PermissionDenied("Each user makes their own API tokens.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Say what the token is for, e.g. “Ministry MIS”."})
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    key = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=ApiToken.hash_key(key))
    token.full_clean()
    return records.create(token, actor=actor, snapshot=_token), key


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    """Ends a token at once; it stays listed as revoked."""
    access.require(actor, REVOKE, token)
    before = _token(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    changelog.record(
        token, changelog.ChangeLog.Kind.ARCHIVE, actor=actor, before=before, after=_token(token)
    )
    return token


def note_token_used(token: ApiToken, *, every=datetime.timedelta(minutes=1)) -> None:
    """Keeps "last used" to the minute, without a write on every request."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > every:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def _token(token: ApiToken) -> dict:
    revoked = token.revoked_at
    return {
        "name": token.name,
        "prefix": token.prefix,
        "revoked_at": f"{revoked:%-d %b %Y, %H:%M} UTC" if revoked else None,
    }
