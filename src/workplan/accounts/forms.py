"""Forms of a user's own account settings."""

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="A name you will recognise in the list, e.g. “Ministry reporting system”.",
    )
