"""`workplan load-plan`: load the embedded ASEAN-Japan work plan 2023-2027."""

from django.core.management.base import BaseCommand

from workplan.exchange.default_plan import load_default_plan


class Command(BaseCommand):
    help = "Load the default plan (ASEAN-Japan 2023-2027) with its parties, areas and meetings."

    def handle(self, *args, **options):
        plan, created = load_default_plan()
        verb = "Loaded" if created else "Kept the existing"
        self.stdout.write(self.style.SUCCESS(f"{verb} plan: {plan.title}."))
