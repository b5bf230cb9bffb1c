"""`workplan restore ARCHIVE`: put back the database and the uploaded files of a backup."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from workplan.operations.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup archive. The whole "
        "archive is checked first; a damaged or mismatched one is refused and nothing changes. "
        "Stop the server before restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a workplan-backup-….tar.gz file")
        parser.add_argument(
            "--check", action="store_true", help="only check the archive; change nothing"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, archive, check=False, interactive=True, **options):
        try:
            if check:
                backup = verify_backup(archive)
                self.stdout.write(self.style.SUCCESS(f"{archive} is intact: {_describe(backup)}."))
                return
            confirm = self._confirm if interactive else None
            restored = restore_backup(archive, confirm=confirm)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if restored is None:
            self.stdout.write("Restore cancelled; nothing was changed.")
            return
        self.stdout.write(self.style.SUCCESS(f"Restored {_describe(restored.backup)}."))
        if restored.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The restored database lacks {len(restored.pending_migrations)} migrations "
                    "of this version: run `workplan migrate` before starting the server."
                )
            )

    def _confirm(self, backup) -> bool:
        name = connection.settings_dict["NAME"]
        answer = input(
            f"This replaces the database {name} and every file in {settings.MEDIA_ROOT} with "
            f"{_describe(backup)}.\nType 'yes' to continue: "
        )
        return answer.strip().lower() == "yes"


def _describe(backup) -> str:
    manifest = backup.manifest
    return (
        f"the backup of {manifest['created_at']} ({manifest['engine']} database, "
        f"{len(backup.media_files)} uploaded files)"
    )
