"""Who may see bodies and meetings: every signed-in user; the secretariat manages them."""

from workplan.core import access
from workplan.meetings.models import Body, Meeting


class MeetingRule(access.Rule):
    def visible(self, queryset, user):
        return queryset if user.is_authenticated and user.is_active else queryset.none()

    def allows(self, user, action, obj):
        return user.is_secretariat


access.register(Body, MeetingRule())
access.register(Meeting, MeetingRule())
