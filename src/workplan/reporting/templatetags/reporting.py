"""Template helpers of progress reporting."""

from django import template

from workplan.core.templatetags.workplan import badge
from workplan.reporting import steps
from workplan.reporting.health import Health

register = template.Library()


@register.simple_tag
def health_badge(value: str):
    """The health of an activity as a badge that says it in words."""
    return badge("health", value, Health(value).label)


@register.simple_tag
def step_label(step) -> str:
    """A step of an update's review in the reader's language (see reporting.steps)."""
    return steps.step_label(step)
