"""`workplan remind`: e-mail focal points about updates due soon and overdue (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "E-mail focal points about progress updates due soon or overdue; each is sent once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REMINDER_DAYS,
            help="remind about updates due within this many days (default %(default)s)",
        )

    def handle(self, *args, **options):
        from workplan.reporting.reminders import send_reminders

        sent = send_reminders(options["days"])
        self.stdout.write(f"Reminder e-mails sent: {sent}.")
