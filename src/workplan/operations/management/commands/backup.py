"""`workplan backup`: the database and the uploaded files in one archive, while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workplan.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one .tar.gz archive with a manifest "
        "of checksums. Safe while the server runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="folder for the archive (default: the data folder's backups/)",
        )

    def handle(self, *args, output=None, **options):
        folder = output or Path(settings.DATA_DIR) / "backups"
        try:
            backup = create_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = backup.path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {backup.manifest['engine']} database and "
                f"{len(backup.media_files)} uploaded files to {backup.path} ({size:,} bytes)."
            )
        )
