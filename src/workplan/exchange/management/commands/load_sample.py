"""`workplan load-sample`: demo accounts and sample activities (never in production)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from workplan.exchange.default_plan import load_default_plan
from workplan.exchange.sample import load_sample, load_second_plan, read_sample


class Command(BaseCommand):
    help = (
        "Create the demo accounts, about 25 sample activities in the default plan, and an "
        "illustrative second plan (SOMTC + China, Sample) with a few activities."
    )

    def handle(self, *args, **options):
        plan, _ = load_default_plan()
        data = read_sample()
        try:
            accounts, added = load_sample(plan, data)
            second, second_added = load_second_plan(data)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sample activities added: {added} (none are added twice).")
        self.stdout.write(
            f"Second plan: {second.title}, illustrative, with {second_added} sample activities"
            " added."
        )
        self.stdout.write(f"Demo accounts, password {data['demo_password']!r}:")
        for account in accounts:
            self.stdout.write(f"  {account.username:<8} {account} <{account.email}>")
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(
                f"E-mail to these addresses is not sent: each one is written as a file to"
                f" {settings.EMAIL_FILE_PATH}"
            )
