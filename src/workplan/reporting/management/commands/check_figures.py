from django.core.management.base import BaseCommand, CommandError

from workplan.reporting import figures


class Command(BaseCommand):
    help = (
        "Checks every activity's stored progress facts (latest accepted percent, when it was "
        "accepted, its period's end) against its updates; --fix rewrites those that differ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rewrite the facts that differ")

    def handle(self, *args, fix=False, **options):
        found = figures.differences()
        for difference in found:
            self.stdout.write(str(difference))
        if not found:
            self.stdout.write("Every activity's stored figures match its accepted updates.")
            return
        if fix:
            figures.refresh_figures([difference.activity_id for difference in found])
            self.stdout.write(f"Rewrote the figures of {len(found)} activities.")
            return
        raise CommandError(
            f"{len(found)} activities' stored figures differ from their updates; "
            "run `workplan check-figures --fix` to rewrite them."
        )
