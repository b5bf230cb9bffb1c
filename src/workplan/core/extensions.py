"""Places on a lower app's page where a higher app adds a panel.

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
