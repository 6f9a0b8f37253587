"""The project's middlewares: Vietnamese first, control characters stripped from the inputs,
and the Content-Security-Policy header built once (each class says why).

Vietnamese first: the language is Vietnamese unless the user chose another one. Django's
LocaleMiddleware would follow the browser's Accept-Language, so an official with an English
browser would get a half-translated page; here only the language cookie (set by the language
switcher) changes it.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
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


class PolicyOnceMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's policy built once per process.

    django-csp builds the Content-Security-Policy header anew on every response, twice (the
    enforced policy, then the report-only one, even when there is none): a copy of every
    directive, a dataclass turned into a dict, the directives sorted and joined — as much CPU as
    the rest of a bare page's middleware (`docs/benchmarks.md`). The site's policy changes only
    with the settings, so the headers are built once and reused: built by django-csp's own
    `build_policy`, so they are exactly what it would send, and built again when the settings
    change (tests). A response that asks for something else — a nonce was used, or a view's
    `csp_update`/`csp_replace`/`csp_exempt` — goes through django-csp's own code as before."""

    _PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                     "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")
    _built: tuple | None = None

    @classmethod
    def _policies(cls) -> tuple:
        """((header, policy, excluded path prefixes), …) for the enforced and report-only
        policies that are set."""
        if cls._built is None:
            built = []
            for header, setting, report_only in (
                    (HEADER, "CONTENT_SECURITY_POLICY", False),
                    (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True)):
                policy = build_policy(report_only=report_only)
                prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
                if policy:
                    built.append((header, policy, tuple(prefixes or ())))
            cls._built = tuple(built)
        return cls._built

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
                hasattr(response, name) for name in self._PER_RESPONSE):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, policy, excluded in self._policies():
            if header not in response and not (excluded and
                                               request.path_info.startswith(excluded)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@receiver(setting_changed)
def _policy_settings_changed(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        PolicyOnceMiddleware._built = None
