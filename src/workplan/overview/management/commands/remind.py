"""`workplan remind`: remind focal points of progress updates due soon or overdue and of
overdue action items, in the app and by e-mail (run it daily from cron; each reminder goes
once)."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Remind focal points of updates due soon or overdue and of overdue action items."

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
        told = len(updates.told) + len(actions.told)
        emails = updates.emails() + actions.emails()
        self.stdout.write(
            f"Reminded of {_count(updates.items, 'progress update')} and"
            f" {_count(actions.items, 'action item')}: {_count(told, 'notification')} in the"
            f" app, {_count(emails, 'e-mail')}."
        )
        for what, reminded in (("progress update", updates), ("action item", actions)):
            if reminded.untold:
                parties = ", ".join(sorted(reminded.untold))
                self.stdout.write(
                    f"Nobody to tell of {_count(sum(reminded.untold.values()), what)}: no"
                    f" focal point of {parties} has an account; they are reminded once one has."
                )
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend") and emails:
            self.stdout.write(f"E-mail is written as files to {settings.EMAIL_FILE_PATH}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
