"""Who sees and marks notifications: each user their own, nobody else's.

What a notification is about is checked separately, against the records it names, each time
it is shown or mailed (`subjects.resolve`). Its rows stay out of the change history the API
shows (`history_visible`)."""

from workplan.core import access
from workplan.core.access import CHANGE
from workplan.notifications.models import Notification


class NotificationRule(access.Rule):
    history_visible = False

    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        return queryset.filter(recipient=user)

    def allows(self, user, action, obj):
        return action == CHANGE and obj.recipient_id == user.pk


access.register(Notification, NotificationRule())
