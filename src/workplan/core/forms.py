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


def rebase(form, fresh_form, changed_by_others: set[str]) -> list[str]:
    """After an edit conflict, puts the saved values into the fields the editor did not
    touch, so that saving again keeps the other person's changes; fields the editor changed
    keep the editor's values. Returns the labels of fields both people changed.

    The form must render hidden initial values (`show_hidden_initial`), which is how Django
    knows what the editor changed.
    """
    mine = set(form.changed_data)
    data = form.data.copy()
    for name, field in fresh_form.fields.items():
        saved = _as_posted(fresh_form[name].value())
        data.setlist(form.add_initial_prefix(name), saved)
        if name not in mine and not field.disabled:
            data.setlist(form.add_prefix(name), saved)
    form.data = data
    return [str(form.fields[name].label) for name in sorted(mine & changed_by_others)]


def _as_posted(value) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    return ["" if item is None else str(item) for item in values]
