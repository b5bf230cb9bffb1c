"""Every write to accounts."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from workplan.accounts.models import User
from workplan.core import changelog
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
    user.save()
    changelog.record(user, changelog.ChangeLog.Kind.CREATE, actor=actor, after=_account(user))
    return user


def _account(user: User) -> dict:
    return {
        "username": user.username,
        "role": user.get_role_display(),
        "party": str(user.party) if user.party_id else None,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
    }
