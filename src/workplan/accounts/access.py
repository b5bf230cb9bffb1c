"""Who may see and revoke API tokens: each user their own, and nobody else's.

A token's changes stay out of the change history the API shows (`history_visible`)."""

from workplan.accounts.models import ApiToken
from workplan.core import access
from workplan.core.access import REVOKE


class TokenRule(access.Rule):
    history_visible = False

    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        return queryset.filter(user=user)

    def allows(self, user, action, obj):
        return action == REVOKE and obj.user_id == user.pk and obj.is_active


access.register(ApiToken, TokenRule())
