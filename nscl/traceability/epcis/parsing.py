"""Reading a request body as JSON within bounds: size, nesting depth, and no NaN/Infinity.

Python's parser raises RecursionError on deep nesting (a 500 if let through) and a schema
validator recurses as deep as the document: a document deeper than `MAX_DEPTH` is refused
before either sees it.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from nscl.core import jsonbounds

from .problems import Issue, Problem


def max_bytes() -> int:
    return int(getattr(settings, "NSCL_EPCIS_MAX_BYTES", 10 * 1024 * 1024))


def load(raw: bytes | str) -> object:
    """The JSON value of a request body, or a problem saying what is wrong with it."""
    if len(raw) > max_bytes():
        raise Problem(413, "CaptureLimitExceededException", _(
            "Tài liệu lớn hơn giới hạn %(n)s byte.") % {"n": f"{max_bytes():,}".replace(",", ".")})
    try:
        return jsonbounds.loads(raw, max_bytes())
    except jsonbounds.JsonRefused as refused:
        raise Problem(refused.status, "ValidationException", refused.message,
                      [Issue("", refused.detail)] if refused.detail else []) from refused
