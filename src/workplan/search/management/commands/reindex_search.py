from django.core.management.base import BaseCommand

from workplan.search.index import reindex


class Command(BaseCommand):
    help = "Rebuilds the search index from every searchable record."

    def handle(self, *args, **options):
        counts = reindex()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values()):,} records."))
