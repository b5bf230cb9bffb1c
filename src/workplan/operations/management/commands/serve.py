"""`workplan serve`: serve the site with gunicorn, the production server."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from workplan.core import statistics


class Command(BaseCommand):
    help = "Serve Work Plan Monitor with gunicorn on 127.0.0.1:$PORT (8000 by default)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.SERVE_HOST)
        parser.add_argument("--port", type=int, default=settings.SERVE_PORT)
        parser.add_argument("--workers", type=int, default=settings.SERVE_WORKERS)

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        statistics.refresh_if_sqlite()
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Work Plan Monitor at http://{bind}/ (data in {settings.DATA_DIR})")
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(
                f"E-mail is not sent: it is written as files to {settings.EMAIL_FILE_PATH}"
            )
        arguments = [sys.executable, "-m", "gunicorn", "workplan.wsgi", "--bind", bind]
        arguments += [
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        # The server's settings read the address it runs at (links in e-mails and the calendar
        # when WORKPLAN_SITE_URL is unset), so --host and --port reach them too.
        os.environ["PORT"] = str(options["port"])
        os.environ["WORKPLAN_HOST"] = options["host"]
        os.execv(sys.executable, arguments)  # noqa: S606  (replaces this process with the server)
