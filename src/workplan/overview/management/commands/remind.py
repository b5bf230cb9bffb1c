"""`workplan remind`: e-mail focal points about progress updates due soon or overdue and
about overdue action items (run it daily from cron; each reminder goes once)."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "E-mail focal points about updates due soon or overdue and overdue action items."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REMINDER_DAYS,
            help="remind about updates due within this many days (default %(default)s)",
        )

    def handle(self, *args, **options):
        from workplan.meetings.reminders import send_action_reminders
        from workplan.reporting.reminders import send_reminders

        updates = send_reminders(options["days"])
        actions = send_action_reminders()
        self.stdout.write(
            f"Reminder e-mails sent: {updates} about updates, {actions} about action items."
        )
