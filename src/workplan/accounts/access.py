"""Who may see and revoke API tokens: each user their own, and nobody else's. Who may change
an account (its role, party, whether it is active): those Django lets change users, the system
administrators of the admin site; everyone sees their own account.

Neither's changes show in the change history the API gives (`history_visible`)."""

from workplan.accounts.models import ApiToken, User
from workplan.core import access
from workplan.core.access import CHANGE, REVOKE


class AccountRule(access.Rule):
    history_visible = False

    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        return queryset if user.has_perm("accounts.view_user") else queryset.filter(pk=user.pk)

    def allows(self, user, action, obj):
        return action == CHANGE and user.is_active and user.has_perm("accounts.change_user")


class TokenRule(access.Rule):
    history_visible = False

    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        return queryset.filter(user=user)

    def allows(self, user, action, obj):
        return action == REVOKE and obj.user_id == user.pk and obj.is_active


access.register(ApiToken, TokenRule())
access.register(User, AccountRule())
