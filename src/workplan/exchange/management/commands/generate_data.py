"""`workplan generate-data --activities N`: synthetic data for benchmarks (never in production)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from workplan.exchange.generate import generate


class Command(BaseCommand):
    help = "Add N synthetic activities with updates, meetings and history to the default plan."

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if not settings.ALLOW_SAMPLE_DATA:
            raise CommandError("Synthetic data is never generated in production.")
        if options["activities"] < 1:
            raise CommandError("--activities must be at least 1.")
        made = generate(options["activities"], options["seed"])
        self.stdout.write(
            f"Generated {made['activities']} activities, {made['updates']} updates, "
            f"{made['meetings']} meetings."
        )
        # written in bulk, past the write path: the search index is rebuilt from the records
        call_command("reindex_search", stdout=self.stdout)
