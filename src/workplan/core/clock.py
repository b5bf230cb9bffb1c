"""The time the record kernel writes: now, unless a caller dates what it records.

Records are dated by the moment they are written (`now()`), the change log first of all. A
loader that replays a past history (the demo's sample data) dates what it writes with
`dated(moment)`, so the change log, and the review times the actions set, read as they would
have had the work been recorded on those days. Readers never consult this clock to decide
what to show: a report takes its cut-off as an argument.
"""

import contextlib
import contextvars
import datetime

from django.utils import timezone

_moment: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar(
    "workplan_clock", default=None
)


def now() -> datetime.datetime:
    """The moment a write is recorded at."""
    return _moment.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def dated(moment: datetime.datetime | datetime.date):
    """Dates every write inside the block at `moment` (a date means 09:00 that day, UTC)."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(9), tzinfo=datetime.UTC)
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)
