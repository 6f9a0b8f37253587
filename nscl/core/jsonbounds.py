"""JSON read within bounds: size, nesting depth, and no NaN/Infinity — for the REST API's
parser (`nscl.core.parsers`) and EPCIS capture (`traceability.epcis.parsing`) alike.

Python's parser raises RecursionError on deep nesting (a 500 if let through) and anything that
walks the value recursively (a serializer, a schema validator) recurses as deep as the document:
a document deeper than `MAX_DEPTH` is refused before either sees it.
"""

import json

from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number

MAX_DEPTH = 40  # EPCIS documents nest about 10 deep, report outlines 4; room to spare


class JsonRefused(ValueError):
    """Why a body is not read: `status` 400 (not JSON, too deep) or 413 (too large)."""

    def __init__(self, status: int, message: str, detail: str = ""):
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail


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


def too_large(limit: int) -> JsonRefused:
    return JsonRefused(413, _("Nội dung gửi lên lớn hơn giới hạn %(n)s byte.")
                       % {"n": format_vn_number(limit)})


def loads(raw: bytes | str, max_bytes: int) -> object:
    """The JSON value of a request body, or JsonRefused saying in Vietnamese what is wrong."""
    if len(raw) > max_bytes:
        raise too_large(max_bytes)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        nested = True
    except (UnicodeDecodeError, ValueError) as exc:
        # the position only: a parser's own words are not shown to users
        where = getattr(exc, "pos", None)
        raise JsonRefused(400, _("Nội dung không phải là JSON hợp lệ (UTF-8)."),
                          "" if where is None else _("ở ký tự %(n)s") % {"n": where}) from exc
    else:
        nested = depth(value) > MAX_DEPTH
    if nested:
        raise JsonRefused(400, _("JSON lồng nhau quá %(n)s cấp.") % {"n": MAX_DEPTH})
    return value
