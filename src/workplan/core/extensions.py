"""Places on a lower app's page where a higher app adds a panel, and rules it adds to a
lower app's record.

The activity page belongs to `plans`, but its progress updates belong to `reporting`, which
`plans` must not import. `reporting` registers a panel at start-up; the page renders whatever
is registered for its slot.
"""

from collections import defaultdict
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_panels: dict[str, list[Callable]] = defaultdict(list)


def add_panel(slot: str, render: Callable) -> None:
    """`render(request, obj) -> str` (HTML) is shown in `slot`, in the order added."""
    if render not in _panels[slot]:
        _panels[slot].append(render)


def render_panels(slot: str, request, obj) -> list[SafeString]:
    return [mark_safe(render(request, obj)) for render in _panels[slot]]  # noqa: S308  (templates escape)


# Rules a higher app adds to a lower app's record: a plan's new dates must still hold its
# reporting periods, which belong to `reporting`.
_checks: dict[str, list[Callable]] = defaultdict(list)


def add_check(slot: str, check: Callable) -> None:
    """`check(obj) -> {field: [messages]}` is asked, with the owner's own rules, before `obj`
    is saved in `slot`."""
    if check not in _checks[slot]:
        _checks[slot].append(check)


def checked(slot: str, obj) -> dict[str, list[str]]:
    """What every check registered for `slot` finds wrong with `obj`, by field."""
    errors: dict[str, list[str]] = {}
    for check in _checks[slot]:
        for field, messages in check(obj).items():
            errors.setdefault(field, []).extend(messages)
    return errors


# Counts a higher app keeps of a lower app's rows: the activity register's counts are kept by
# the tallies of `reporting`, which `plans` must not import.
_counters: dict[str, Callable] = {}


def add_counter(slot: str, count: Callable) -> None:
    """`count(**chosen) -> int` answers how many rows `slot` lists for the choices given."""
    _counters[slot] = count


def known_count(slot: str, **chosen) -> int | None:
    """The count kept for `slot`, or None when no app keeps one."""
    count = _counters.get(slot)
    return count(**chosen) if count else None
