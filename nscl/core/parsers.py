"""The API's parsers: request bodies read within bounds, and JSON without control characters.

- JSON through `jsonbounds` (size, nesting depth, no NaN): a body nested thousands deep is a
  Vietnamese 400, not a RecursionError; control characters are stripped from every string of
  the body — the same rule as the pages' form fields (`middleware.ControlCharactersMiddleware`),
  at the same edge;
- any body larger than its limit is a Vietnamese 413, read no further than the limit (form and
  JSON: NSCL_API_MAX_BYTES; multipart uploads: NSCL_API_MAX_UPLOAD_BYTES, sized for the largest
  spreadsheet a reader accepts)."""


from django.conf import settings
from django.utils.translation import gettext_lazy as _l
from rest_framework import exceptions, parsers, status

from nscl.core import jsonbounds

from .text import strip_controls_in


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _l("Nội dung gửi lên quá lớn.")
    default_code = "payload_too_large"


def json_limit() -> int:
    return int(getattr(settings, "NSCL_API_MAX_BYTES", 2 * 1024 * 1024))


def upload_limit() -> int:
    return int(getattr(settings, "NSCL_API_MAX_UPLOAD_BYTES", 12 * 1024 * 1024))


def _declared_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


def _refuse_if_declared_over(parser_context, limit: int) -> None:
    if _declared_length(parser_context) > limit:
        raise PayloadTooLarge(jsonbounds.too_large(limit).message)


def _read(stream, limit: int) -> bytes:
    """At most `limit` bytes, refused past it (a body sent without a Content-Length too)."""
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise PayloadTooLarge(jsonbounds.too_large(limit).message)
    return raw


class ControlFreeJSONParser(parsers.JSONParser):
    """Within bounds, and control characters stripped from every string of the body."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = json_limit()
        _refuse_if_declared_over(parser_context, limit)
        try:
            return strip_controls_in(jsonbounds.loads(_read(stream, limit), limit))
        except jsonbounds.JsonRefused as refused:
            if refused.status == 413:
                raise PayloadTooLarge(refused.message) from refused
            message = f"{refused.message} {refused.detail}".strip()
            raise exceptions.ParseError(message) from refused


class BoundedFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _refuse_if_declared_over(parser_context, json_limit())
        return super().parse(stream, media_type, parser_context)


class BoundedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _refuse_if_declared_over(parser_context, upload_limit())
        return super().parse(stream, media_type, parser_context)
