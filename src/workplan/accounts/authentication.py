"""Signing in to the API with a personal token: `Authorization: Bearer wpm_<prefix>_<secret>`.

The prefix finds the token; the hash of the whole key must match, compared in constant time.
A revoked token, or the token of a deactivated user, is refused like a wrong one.
"""

import hmac

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from workplan.accounts.actions import TOKEN_PREFIX, note_token_used
from workplan.accounts.models import ApiToken

REFUSED = "Invalid or revoked API token."


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
        return token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "workplan.accounts.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made under API tokens in the user menu.",
        }
