"""`workplan read-statement FILE --json`: what the reader finds in a statement, as JSON."""

import datetime
import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from workplan.plans.models import WorkPlan
from workplan.statements.extract import checked, normalise, text_of_file
from workplan.statements.lexicon import Lexicon
from workplan.statements.reader import read_statement


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published {value!r} is not a date: write YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Read a statement (.txt, .docx or .pdf; - for standard input) and print the meetings, "
        "parties, priority areas and commitments it finds. Nothing is recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the statement: a .txt, .docx or .pdf file, or -")
        parser.add_argument("--json", action="store_true", help="print JSON (see the README)")
        parser.add_argument(
            "--published",
            type=_date,
            help="publication date, YYYY-MM-DD: the year of dates written without one",
        )
        parser.add_argument(
            "--plan", type=int, help="the plan whose priority areas to look for (its id)"
        )

    def handle(self, *args, **options):
        text = _text(options["file"])
        lexicon = Lexicon.for_plan(_plan(options["plan"]))
        reading = read_statement(text, lexicon, published=options["published"])
        if options["json"]:
            self.stdout.write(json.dumps(reading.as_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(_summary(reading.as_json()))


def _plan(plan_id: int | None) -> WorkPlan:
    plan = WorkPlan.objects.named_or_only(plan_id)
    if plan is None:
        raise CommandError("Name the plan to read for with --plan ID (see `workplan shell`).")
    return plan


def _text(name: str) -> str:
    if name == "-":
        return checked(normalise(sys.stdin.read()))
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"{name}: no such file.")
    try:
        with path.open("rb") as handle:
            return text_of_file(File(handle, name=path.name))
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None


def _summary(found: dict) -> str:
    lines = ["Meetings:"]
    for m in found["meetings"]:
        dates = " to ".join(filter(None, [m["start_date"], m["end_date"]])) or "no date"
        place = ", ".join(filter(None, [m["city"], m["country"]])) or "no place"
        lines.append(f"  {m['name']} [{m['body']} {m['number'] or '?'}]: {dates}; {place}")
    lines.append("Parties: " + (", ".join(found["parties"]) or "none"))
    lines.append(
        "Priority areas: " + (", ".join(a["key"] for a in found["priority_areas"]) or "none")
    )
    lines.append("Commitments:")
    lines += [f"  - {c['text']} ({c['priority_area'] or 'no area'})" for c in found["commitments"]]
    return "\n".join(lines)
