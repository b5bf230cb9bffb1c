"""Signing in to the API with a personal token: `Authorization: Bearer wpm_<prefix>_<secret>`.

The prefix finds the token; the hash of the whole key must match, compared in constant time.
A revoked token, or the token of a deactivated user, is refused like a wrong one. A token of a
user whose role must use two-step sign-in works only once two-step sign-in is set up: a token
must not be a way around it (whenever the token was made).
"""

import hmac

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from workplan.accounts.actions import TOKEN_PREFIX, note_token_used
from workplan.accounts.models import ApiToken
from workplan.security import mfa

REFUSED = "Invalid or revoked API token."
NO_TWO_STEP = (
    "Your role must use two-step sign-in: set it up under Sign-in security in the app, then "
    "this token works."
)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the header as: Bearer <token>.")
        token = self._token(parts[1].decode("ascii", errors="replace"))
        note_token_used(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'

    @staticmethod
    def _token(key: str) -> ApiToken:
        scheme, _, rest = key.partition("_")
        prefix = rest.partition("_")[0]
        token = (
            ApiToken.objects.select_related("user", "user__party")
            .filter(prefix=prefix, revoked_at__isnull=True)
            .first()
            if scheme == TOKEN_PREFIX and prefix
            else None
        )
        if token is None or not hmac.compare_digest(token.key_hash, ApiToken.hash_key(key)):
            raise exceptions.AuthenticationFailed(REFUSED)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(REFUSED)
        if mfa.required_for(token.user) and not mfa.has_two_step(token.user):
            raise exceptions.AuthenticationFailed(NO_TWO_STEP)
        return token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "workplan.security.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made under API tokens in the user menu.",
        }
