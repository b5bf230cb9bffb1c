"""What a run of reminders did, as `workplan remind` reports it."""

from dataclasses import dataclass, field

from workplan.notifications.models import Notification


@dataclass
class Reminded:
    """Items reminded of, the notifications that told people, and the items nobody could be
    told of yet (their party has no active focal point), by party name."""

    items: int = 0
    told: list[Notification] = field(default_factory=list)
    untold: dict[str, int] = field(default_factory=dict)

    def emails(self) -> int:
        """E-mails that left: one per person told (read after the commit, when they are sent)."""
        sent = Notification.objects.filter(
            pk__in=[notification.pk for notification in self.told], emailed_at__isnull=False
        )
        return sent.values("recipient").distinct().count()
