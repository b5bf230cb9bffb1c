"""Forms and actions meet here, once: the version an editor started from, and showing an
action's refusal or an edit conflict on the form the user filled (keeping what they typed)."""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from workplan.core.formats import date_label, english_day
from workplan.core.records import EditConflict

DAY_EXAMPLE = datetime.date(2026, 12, 31)
# Typed days: the way the app writes them first, then ISO (what a browser's date picker and
# scripts send), then day-first numbers as written in the region; never month-first.
DAY_FORMATS = ["%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class QuickSelect(forms.Select):
    """A select written straight to HTML: the same markup as Django's, without a template per
    option (the register's filters list every commitment and party of the plan on each page)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class DayInput(forms.DateInput):
    """A date typed the way every page writes it ("31 Dec 2026"), instead of a browser date
    picker that shows the browser's own format (mm/dd/yyyy) beside messages in ours."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": day_example(), "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return date_label(value)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        typed = super().value_from_datadict(data, files, name)
        return english_day(typed) if isinstance(typed, str) else typed


def day_example() -> str:
    return _("e.g. %(day)s") % {"day": date_label(DAY_EXAMPLE)}


def use_day_inputs(form) -> None:
    """Every date field of the form reads and shows days as the app writes them."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
            field.widget = DayInput(
                {key: value for key, value in field.widget.attrs.items() if key != "type"}
            )
            field.input_formats = DAY_FORMATS
            field.error_messages["invalid"] = _("Enter a date such as %(day)s.") % {
                "day": date_label(DAY_EXAMPLE)
            }
            if not field.help_text:
                field.help_text = day_example()


class BoundField(forms.BoundField):
    """Django gives a field's hidden copy of its initial value (show_hidden_initial) the
    field's aria-describedby, which HTML forbids on a hidden input."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if (widget or self.field.widget).is_hidden:
            attrs.pop("aria-describedby", None)
        return attrs


class VersionedForm(forms.Form):
    """Edits a versioned record: `version` carries the version the editor started from. Mixed
    in before `forms.ModelForm`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    bound_field_class = BoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_day_inputs(self)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version


class RecordForm(VersionedForm, forms.ModelForm):
    """A form of a domain record: its version travels with it, and the model's rules are
    checked once, by the action, so that no message shows twice."""

    def _post_clean(self):
        pass


def submit(form, context: dict, act, *, on_conflict=None, on_refusal=None):
    """Runs `act(version)` with the version the editor started from and returns its result.
    Refused, it returns None and the page shows why: a rule's messages on their fields; an
    edit conflict as `context["conflict"]`, the form moved on to the saved version (then
    `on_conflict(conflict)`). Either way the form keeps what the user typed."""
    try:
        return act(form.cleaned_data.get("version") or 0)
    except EditConflict as conflict:
        context["conflict"] = conflict
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
        if on_conflict:
            on_conflict(conflict)
    except ValidationError as error:
        show_errors(form, error)
        if on_refusal:
            on_refusal()
    return None


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
