"""`workplan import-updates FILE.xlsx [--dry-run]`: a party's reporting workbook uploaded from
the command line, with a progress bar; the same checks, conflicts and all-or-nothing writing
as the page (`exchange.updates_import`). The workbook names its party and period."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from workplan.exchange.commandline import ProgressBar, acting_user
from workplan.exchange.updates_import import check_workbook, import_workbook


class Command(ProgressBar, BaseCommand):
    help = "Read a party's reporting workbook (.xlsx) back: new drafts and changes to drafts."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The filled workbook (.xlsx).")
        parser.add_argument("--dry-run", action="store_true", help="Check and show; save nothing.")
        parser.add_argument(
            "--user",
            help="Write as this user (default: the first active Secretariat account, which "
            "writes on the party's behalf).",
        )

    def handle(self, *args, **options):
        path, user = Path(options["file"]), acting_user(options["user"])
        _check_size(path)
        run = check_workbook if options["dry_run"] else import_workbook
        try:
            report = run(path, actor=user, progress=self.progress)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self.stdout.write("")
        for problem in report.problems:
            self.stderr.write(str(problem))
        for conflict in report.conflicts:
            self.stderr.write(f"Row {conflict.row}: {conflict.message}")
        if not report.ok:
            raise CommandError(
                f"{report.problem_count} problem(s), {len(report.conflicts)} conflict(s); "
                "nothing was saved."
            )
        self._summary(report, options["dry_run"])

    def _summary(self, report, dry_run: bool) -> None:
        counts, scope = report.counts, report.scope
        verb = "Would save" if dry_run else "Saved"
        whose = scope.party.name if scope.party else "all parties"
        self.stdout.write(
            f"{verb} for {whose}, {scope.period.name}: {counts['create']} new draft(s), "
            f"{counts['change']} changed, {counts['unchanged']} unchanged."
        )
        for row in report.rows[:50]:
            changes = "; ".join(f"{column}: {old} → {new}" for column, old, new in row.changes)
            self.stdout.write(f"  Row {row.row} {row.code}: {changes}")
        if report.need_evidence:
            codes = ", ".join(row.code for row in report.need_evidence)
            self.stdout.write(f"Still needing evidence (attach it online): {codes}")


def _check_size(path: Path) -> None:
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    limit = settings.IMPORT_MAX_MB
    size = path.stat().st_size
    if size > limit * 1024 * 1024:
        raise CommandError(
            f"The file is {size / 1024 / 1024:.1f} MB; files up to {limit} MB are read."
        )
