"""Forms of a user's own account settings."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"),
        max_length=100,
        help_text=_("A name you will recognise in the list, e.g. “Ministry reporting system”."),
    )
