"""`workplan createuser`: create an account with a role and a party."""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workplan.accounts.actions import create_user
from workplan.accounts.models import User
from workplan.parties.models import Party


class Command(BaseCommand):
    help = "Create an account: a secretariat officer, a party's focal point or a viewer."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=User.Role.values, required=True)
        parser.add_argument("--party", help="party code, e.g. IDN; ASEC for the secretariat")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, **options):
        party = self._party(options["party"])
        password = self._password(options["password_stdin"])
        try:
            user = create_user(
                options["username"],
                password,
                role=options["role"],
                party=party,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Created {user}."))

    def _party(self, code):
        if not code:
            return None
        try:
            return Party.objects.get(code=code.upper())
        except Party.DoesNotExist:
            known = ", ".join(Party.objects.values_list("code", flat=True))
            raise CommandError(
                f"--party: no party has the code {code!r}. Known: {known}."
            ) from None

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
