"""Registers the meetings' section of "My tasks": the open action items of the user's party
(see core.extensions)."""

from django.template.loader import render_to_string

from workplan.core.extensions import add_panel


def my_actions_panel(request, user) -> str:
    """The open action items the user's party owns, of every meeting, overdue first."""
    from workplan.meetings.owes import open_actions

    items = open_actions(user.party, user) if user.party_id else []
    context = {"actions": items, "party": user.party}
    return render_to_string("meetings/_my_actions.html", context, request=request)


def register() -> None:
    add_panel("my_tasks", my_actions_panel)
