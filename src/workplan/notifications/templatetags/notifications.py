"""The header's links to the user's notifications (with the unread count) and profile."""

from django import template

register = template.Library()


@register.inclusion_tag("notifications/_header_links.html", takes_context=True)
def notification_links(context):
    """The count comes with the signed-in user's row: no query on any page."""
    return {"unread": context["request"].user.unread_notifications}
