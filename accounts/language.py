"""The interface language: the signed-in user's own choice, else the browser's.

Django's LocaleMiddleware reads the language cookie and Accept-Language. A
signed-in user's choice is also kept on their profile and copied into the
session at login, so it follows them to any browser.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

SESSION_KEY = "language"


def is_interface_language(code):
    return code in dict(settings.LANGUAGES)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        language = request.session.get(SESSION_KEY)
        if language and is_interface_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)
