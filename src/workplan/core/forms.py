"""Showing an action's refusal on the form the user filled."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def show_errors(form, error: ValidationError) -> None:
    """Puts each message next to its field; a rule on a field the form does not show is
    reported at the top, named."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            label = field.replace("_", " ").capitalize()
            form.add_error(None, [f"{label}: {message}" for message in messages])
