"""The profile form: where the user is e-mailed, and about what."""

from django import forms

from workplan.notifications.models import Topic


class ProfileForm(forms.Form):
    email = forms.CharField(
        label="E-mail address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Leave it empty to be told in the app only.",
    )
    topics = forms.MultipleChoiceField(
        label="E-mail me about",
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everything is also listed under Notifications, whatever you tick here.",
    )
