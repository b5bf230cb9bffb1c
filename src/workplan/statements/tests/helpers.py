"""Helpers of the page tests: the seed article, and the form a person confirms."""

from pathlib import Path

from workplan.statements.dates import PartialDate

SEED = (Path(__file__).parent / "texts" / "seed-article.txt").read_text(encoding="utf-8")


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
