"""The profile form: where the user is e-mailed, and about what."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workplan.notifications.models import Topic


class ProfileForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Leave it empty to be told in the app only."),
    )
    topics = forms.MultipleChoiceField(
        label=_("E-mail me about"),
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything is also listed under Notifications, whatever you tick here."),
    )
