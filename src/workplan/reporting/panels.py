"""Registers reporting's section of the activity page, and its rule on a plan's dates (see
core.extensions)."""

from workplan.core.extensions import add_check, add_panel


def register() -> None:
    from workplan.reporting.actions import periods_outside_plan
    from workplan.reporting.views import activity_panel

    add_panel("activity_detail", activity_panel)
    add_check("plan_edit", periods_outside_plan)
