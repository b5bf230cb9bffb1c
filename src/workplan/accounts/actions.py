"""Every write to accounts."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workplan.accounts.models import ApiToken, User
from workplan.core import access, changelog, records
from workplan.core.access import CHANGE, REVOKE
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
        raise PermissionDenied(_("Each user sets their own e-mail address."))
    email = BaseUserManager.normalize_email((email or "").strip())
    if email:
        try:
            validate_email(email)
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            message = _("“%(email)s” is not an e-mail address; write it as name@example.org.") % {
                "email": email
            }
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
    with translation.override(settings.LANGUAGE_CODE):  # one record for readers of any language
        role = user.get_role_display()
    return {
        "username": user.username,
        "role": role,
        "party": str(user.party) if user.party_id else None,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "active": user.is_active,
    }


ROLE_CHANGED = "Revoked: the account's role or party changed"
DEACTIVATED = "Revoked: the account was deactivated"


@transaction.atomic
def change_role(user: User, role: str, party: Party | None, *, actor) -> User:
    """Gives an account another role or party. Its API tokens were made for what the old one
    could do, so they are revoked; its owner makes new ones."""
    access.require(actor, CHANGE, user)
    if (user.role, user.party_id) == (role, getattr(party, "pk", None)):
        return user
    before = _account(user)
    user.role, user.party = role, party
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role", "party"])
    changelog.record(user, Kind.UPDATE, actor=actor, before=before, after=_account(user))
    _revoke_all_tokens(user, ROLE_CHANGED, actor=actor)
    return user


@transaction.atomic
def deactivate_user(user: User, *, actor) -> User:
    """Closes an account: its sessions end (and the audit trail says so, `security.signals`)
    and its API tokens are revoked."""
    return _set_active(user, False, actor=actor)


@transaction.atomic
def reactivate_user(user: User, *, actor) -> User:
    """Opens a closed account again; its old tokens stay revoked."""
    return _set_active(user, True, actor=actor)


def _set_active(user: User, active: bool, *, actor) -> User:
    access.require(actor, CHANGE, user)
    if user.is_active == active:
        return user
    before = _account(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    changelog.record(user, Kind.UPDATE, actor=actor, before=before, after=_account(user))
    if not active:
        _revoke_all_tokens(user, DEACTIVATED, actor=actor)
    return user


def _revoke_all_tokens(user: User, reason: str, *, actor) -> None:
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    before = {token.pk: _token(token) for token in tokens}
    now = timezone.now()
    ApiToken.objects.filter(pk__in=before).update(revoked_at=now)
    for token in tokens:
        token.revoked_at = now
    entries = [(token, Kind.ARCHIVE, before[token.pk], _token(token)) for token in tokens]
    changelog.record_many(entries, actor=actor, message=reason)


Kind = changelog.ChangeLog.Kind
TOKEN_PREFIX = "wpm"


@transaction.atomic
def create_token(user: User, name: str, *, actor) -> tuple[ApiToken, str]:
    """Makes a personal API token for `user`; returns it and its key, which is never shown
    again (only its hash is kept)."""
    if actor != user:
        raise PermissionDenied(_("Each user makes their own API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say what the token is for, e.g. “Ministry MIS”.")})
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


def choose_language(user: User, language: str) -> None:
    """Keeps the reader's language on their account, so that e-mails to them are written in it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose English, 日本語 or Bahasa Indonesia.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
