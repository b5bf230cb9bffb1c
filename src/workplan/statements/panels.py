"""Registers the statements section of the meeting page (see core.extensions)."""

from workplan.core.extensions import add_panel


def register() -> None:
    from workplan.statements.views import meeting_panel

    add_panel("meeting_detail", meeting_panel)
