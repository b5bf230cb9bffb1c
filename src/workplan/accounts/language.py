"""The reader's language: chosen with the switcher (a cookie, and the account for e-mails),
else the one the account last chose, else the browser's (Django's LocaleMiddleware)."""

from django.conf import settings
from django.utils import translation


def remember_language(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


class AccountLanguageMiddleware:
    """On a browser that has not chosen a language yet, an official's pages come in the one they
    last chose elsewhere, not the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        chosen = user.is_authenticated and user.language
        if not chosen or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
        return remember_language(self.get_response(request), chosen)
