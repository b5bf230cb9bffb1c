"""Helpers of the reader's and the page tests: the reader with the default plan's names and
areas, the seed article, and the form a person confirms."""

import functools
from pathlib import Path

from workplan.exchange.default_plan import read_default_plan
from workplan.parties.models import Party
from workplan.plans.models import PriorityArea
from workplan.statements import reader
from workplan.statements.dates import PartialDate
from workplan.statements.lexicon import Lexicon

SEED = (Path(__file__).parent / "texts" / "seed-article.txt").read_text(encoding="utf-8")


@functools.cache
def default_lexicon() -> Lexicon:
    """The default plan's parties and areas as its data file gives them (no database)."""
    data = read_default_plan()
    parties = [
        Party(code=p["code"], name=p["name"], aliases=p["aliases"], kind=p["kind"],
              member_since=p.get("member_since"))
        for p in data["parties"]
    ]  # fmt: skip
    areas = [
        PriorityArea(key=a["key"], name=a["name"], keywords=a["keywords"])
        for a in data["priority_areas"]
    ]
    return Lexicon.of(parties, areas)


def read_statement(text, *, published=None):
    """The reading of a text for the default plan, as `workplan load-plan` loads it."""
    return reader.read_statement(text, default_lexicon(), published=published)


def confirm_data(review, meetings=None, commitments=None, **document) -> dict:
    """What the review page posts when the person confirms it as proposed, with changes:
    `meetings={1: {"decision": "accept", "number": 17}}`, `document={"parties": [...]}`."""
    data = {}
    for name in review.document.fields:
        data[name] = _posted(review.document[name].value())
    data.update(document)
    for formset, changes in ((review.meetings, meetings), (review.commitments, commitments)):
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for index, form in enumerate(formset.forms):
            values = {name: _posted(form[name].value()) for name in form.fields}
            values.update((changes or {}).get(index, {}))
            for name, value in values.items():
                if value is not False:
                    data[form.add_prefix(name)] = value
    return data


def _posted(value):
    if isinstance(value, PartialDate):
        return value.iso()
    if value is None:
        return ""
    return value
