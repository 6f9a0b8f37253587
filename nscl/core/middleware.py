"""Vietnamese first: the language is Vietnamese unless the user chose another one.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an official with an
English browser would get a half-translated page; here only the language cookie (set by the
language switcher) changes it.
"""

from django.conf import settings
from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .text import CONTROL_CHARACTERS, strip_controls


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharactersMiddleware:
    """Control characters (`\\x01` …, tab and line breaks kept) stripped from every query
    parameter and every posted form field, before any view sees them.

    Why here and not in the forms: many pages read `request.GET`/`request.POST` directly (the
    submission grid, approval amounts, filters), and a rule kept in each form would be missed by
    the next view that does not use one; a middleware is the one edge every page passes. A
    character that cannot be typed carries no meaning, but it is poison downstream: the .xlsx
    and .docx formats cannot hold it, so one stored `\\x01` made the case export and the
    consolidated report's Word and PDF fail for everyone. JSON bodies of the API get the same
    rule from its parser (`nscl.core.parsers`); what was stored before is cleaned on output
    (`core.xlsx`, `reporting.decree30`). It parses a posted form before the view, as the CSRF
    check does for every POST anyway (no view here changes its upload handlers); uploaded files
    are left as they are (their names are cleaned where they are stored)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


def _cleaned(query: QueryDict) -> QueryDict:
    """The same parameters without control characters (the same object when there are none)."""
    if not any(CONTROL_CHARACTERS.search(text) for key, values in query.lists()
               for text in (key, *values)):
        return query
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(strip_controls(key), [strip_controls(v) for v in values])
    clean._mutable = False
    return clean
