"""Registers reporting's section of the activity page (see core.extensions)."""

from workplan.core.extensions import add_panel


def register() -> None:
    from workplan.reporting.views import activity_panel

    add_panel("activity_detail", activity_panel)
