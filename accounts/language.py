"""The interface language: the language cookie, as in Django, set again from the profile at login.

A signed-in user's choice is kept on their profile, so it follows them to any
browser: logging in sets the language cookie to it. The language itself is
always read from the cookie (or Accept-Language), never from the database,
so pages such as the 503 page still speak the right language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Set on the request by the login signal (signals.py) when the user has chosen a language.
REQUEST_ATTRIBUTE = "language_from_profile"


def is_interface_language(code):
    return code in dict(settings.LANGUAGES)


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        language = getattr(request, REQUEST_ATTRIBUTE, None)
        if language:
            set_language_cookie(response, language)
        return super().process_response(request, response)
