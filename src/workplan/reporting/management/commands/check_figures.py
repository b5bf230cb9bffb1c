from django.core.management.base import BaseCommand, CommandError

from workplan.plans.models import WorkPlan
from workplan.reporting import figures, tally


class Command(BaseCommand):
    help = (
        "Checks every stored figure against what it is made from: each activity's progress "
        "facts (latest accepted percent, when it was accepted, its period's end) against its "
        "updates, then each plan's tallies (the plan page's and the dashboard's counts and "
        "sums) against its activities; --fix rewrites what differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rewrite what differs")

    def handle(self, *args, fix=False, **options):
        found = figures.differences()
        for difference in found:
            self.stdout.write(str(difference))
        if found and fix:
            figures.refresh_figures([difference.activity_id for difference in found])
            self.stdout.write(f"Rewrote the figures of {len(found)} activities.")
        drifted = self._check_tallies(fix)
        if (found or drifted) and not fix:
            raise CommandError(
                f"{len(found)} activities' stored figures differ from their updates and "
                f"{drifted} plans' tallies from their activities; run `workplan check-figures "
                "--fix` to rewrite them."
            )
        if not found and not drifted:
            self.stdout.write(
                "Every activity's stored figures match its accepted updates, and every plan's "
                "tallies its activities."
            )

    def _check_tallies(self, fix: bool) -> int:
        drifted = 0
        for plan in WorkPlan.objects.order_by("pk"):
            differences = tally.differences(plan.pk)
            for difference in differences:
                self.stdout.write(f"{plan}: {difference}")
            if differences:
                drifted += 1
                if fix:
                    tally.rebuild(plan.pk)
                    self.stdout.write(f"Rebuilt the tallies of {plan}.")
        return drifted
