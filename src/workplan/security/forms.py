"""Sign-in forms: a throttled password step and a two-step code."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from workplan.security import audit, throttle

PAUSED = _(
    "Too many failed sign-ins from your network for this account. Wait 15 minutes and try "
    "again, or ask the ASEAN Secretariat to check your account."
)


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses before checking the password once the name or the address is paused, with the
    same words whether or not the account exists."""

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if throttle.is_paused(username, audit.client_ip(self.request)):
            raise forms.ValidationError(PAUSED, code="paused")
        return super().clean()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()
