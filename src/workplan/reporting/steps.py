"""How the steps of an update's review read to a person. The change log keeps each step's
message as it was written, in the site's language, since the tracker and the "changed since
it was returned" table read it back; a page shows it in its reader's language."""

import re

from django.utils.translation import gettext

# The messages actions.py writes, and the words each is shown with.
STEP_MESSAGES = [
    (re.compile(r"^Submitted for review by the Secretariat on behalf of (?P<party>.+)$", re.S),
     lambda: gettext("Submitted for review by the Secretariat on behalf of %(party)s")),
    (re.compile(r"^By the Secretariat on behalf of (?P<party>.+)$", re.S),
     lambda: gettext("By the Secretariat on behalf of %(party)s")),
    (re.compile(r"^Submitted for review$"), lambda: gettext("Submitted for review")),
    (re.compile(r"^Accepted$"), lambda: gettext("Accepted")),
    (re.compile(r"^Returned: (?P<comment>.*)$", re.S),
     lambda: gettext("Returned: %(comment)s")),
    (re.compile(r"^Reopened: (?P<reason>.*)$", re.S),
     lambda: gettext("Reopened: %(reason)s")),
]  # fmt: skip


def step_label(step) -> str:
    """A step's message in the reader's language (as written when it is not one of ours), or
    the kind of change when it has none."""
    if not step.message:
        return step.get_kind_display()
    for pattern, words in STEP_MESSAGES:
        found = pattern.match(step.message)
        if found:
            parts = found.groupdict()
            return words() % parts if parts else words()
    return step.message
