"""`workplan load-plan [FILE.yaml]`: load the embedded ASEAN-Japan work plan 2023-2027, or a
plan file in the same format."""

from django.core.management.base import BaseCommand, CommandError

from workplan.exchange.default_plan import PlanFileError, load_default_plan, load_plan_file


class Command(BaseCommand):
    help = (
        "Load a plan file (the format of the default plan's data file) with its parties, "
        "areas, bodies and meetings; without FILE, the default plan (ASEAN-Japan 2023-2027)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="A plan file (.yaml); default: the default plan"
        )

    def handle(self, *args, **options):
        try:
            plan, created = (
                load_plan_file(options["file"]) if options["file"] else load_default_plan()
            )
        except PlanFileError as error:
            for problem in error.problems:
                self.stderr.write(f"- {problem}")
            count = len(error.problems)
            raise CommandError(
                f"Nothing was loaded: {count} problem{'s' if count != 1 else ''} in the file."
            ) from None
        verb = "Loaded" if created else "Kept the existing"
        self.stdout.write(self.style.SUCCESS(f"{verb} plan: {plan.title}."))
