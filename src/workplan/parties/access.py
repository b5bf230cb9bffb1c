"""Who may see parties: every signed-in user; only administrators change them."""

from workplan.core import access
from workplan.parties.models import Party


class PartyRule(access.Rule):
    def visible(self, queryset, user):
        return queryset if user.is_authenticated else queryset.none()


access.register(Party, PartyRule())
