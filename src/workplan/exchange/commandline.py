"""What the import commands share: the account they act as, and a progress bar."""

from django.core.management.base import CommandError

from workplan.accounts.models import User

BAR = 30


def acting_user(username: str | None) -> User:
    """The active account named, or by default the first active Secretariat account."""
    users = User.objects.filter(is_active=True).select_related("party")
    user = (
        users.filter(username=username).first()
        if username
        else users.filter(role=User.Role.SECRETARIAT).order_by("pk").first()
    )
    if user is None:
        raise CommandError("No such active user; name one with --user.")
    return user


class ProgressBar:
    """A command's `progress(stage, done, total)` callback, drawn on one line of its output."""

    def progress(self, stage: str, done: int, total: int) -> None:
        share = done / total if total else 1
        filled = round(BAR * min(share, 1))
        bar = "#" * filled + "-" * (BAR - filled)
        self.stdout.write(f"\r{stage:<9} [{bar}] {done:>7}/{total} rows", ending="")
        self.stdout.flush()
