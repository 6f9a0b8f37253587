"""Vietnamese first: the language is Vietnamese unless the user chose another one.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an official with an
English browser would get a half-translated page; here only the language cookie (set by the
language switcher) changes it.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
