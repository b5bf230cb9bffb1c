"""The `workplan` command line: Django's management commands under one name.

Commands are spelled with hyphens (`workplan load-plan`); Django modules use underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workplan.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
