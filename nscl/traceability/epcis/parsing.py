"""Reading a request body as JSON within bounds: size, nesting depth, and no NaN/Infinity.

Python's parser raises RecursionError on deep nesting (a 500 if let through) and a schema
validator recurses as deep as the document: a document deeper than `MAX_DEPTH` is refused
before either sees it.
"""

import json

from django.conf import settings
from django.utils.translation import gettext as _

from .problems import Issue, Problem

MAX_DEPTH = 40  # EPCIS documents nest about 10 deep; user extensions get room to spare


def max_bytes() -> int:
    return int(getattr(settings, "NSCL_EPCIS_MAX_BYTES", 10 * 1024 * 1024))


def _refuse_constant(name: str):
    raise ValueError(name)


def depth(value, limit: int = MAX_DEPTH) -> int:
    """How deep `value` nests (iteratively, so it never recurses itself); stops past `limit`."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def load(raw: bytes | str) -> object:
    """The JSON value of a request body, or a problem saying what is wrong with it."""
    if len(raw) > max_bytes():
        raise Problem(413, "CaptureLimitExceededException", _(
            "Tài liệu lớn hơn giới hạn %(n)s byte.") % {"n": f"{max_bytes():,}".replace(",", ".")})
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        value = None
        nested = True
    except (UnicodeDecodeError, ValueError) as exc:
        raise Problem(400, "ValidationException", _("Nội dung không phải là JSON hợp lệ (UTF-8)."),
                      [Issue("", str(exc)[:200])]) from exc
    else:
        nested = depth(value) > MAX_DEPTH
    if nested:
        raise Problem(400, "ValidationException", _(
            "JSON lồng nhau quá %(n)s cấp.") % {"n": MAX_DEPTH})
    return value
