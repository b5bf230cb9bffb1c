# ruff: noqa: N999  (the command is `workplan import`, as the issue names it)
"""`workplan import FILE.xlsx [--dry-run]`: the activity import from the command line, with a
progress bar; the same checks and the same all-or-nothing import as the page."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from workplan.exchange.activities_import import check_file, import_file
from workplan.exchange.commandline import ProgressBar, acting_user
from workplan.plans.models import WorkPlan


class Command(ProgressBar, BaseCommand):
    help = "Import the activity register from an Excel file (the template or an export)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Check and show; save nothing.")
        parser.add_argument(
            "--plan", type=int, help="The plan's id (needed when there are several)."
        )
        parser.add_argument(
            "--user", help="Import as this user (default: the first active Secretariat account)."
        )

    def handle(self, *args, **options):
        plan, user = _plan(options["plan"]), acting_user(options["user"])
        run = check_file if options["dry_run"] else import_file
        try:
            report = run(plan, options["file"], actor=user, progress=self.progress)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self.stdout.write("")
        for problem in report.problems:
            self.stderr.write(str(problem))
        if not report.ok:
            raise CommandError(f"{report.problem_count} problem(s); nothing was imported.")
        self._summary(report, options["dry_run"])

    def _summary(self, report, dry_run: bool) -> None:
        counts = report.counts
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb}: {counts['create']} created, {counts['update']} updated, "
            f"{counts['unchanged']} unchanged."
        )
        for row in report.rows[:50] if dry_run else []:
            changes = "; ".join(
                f"{column}: {before} → {after}" for column, before, after in row.changes
            )
            self.stdout.write(f"  Row {row.row} {row.kind} {row.code or '(new code)'} {changes}")


def _plan(plan_id: int | None) -> WorkPlan:
    plan = WorkPlan.objects.named_or_only(plan_id)
    if plan is None:
        raise CommandError("Name the plan with --plan ID (see `workplan shell`).")
    return plan
