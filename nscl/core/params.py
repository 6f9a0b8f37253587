"""Query parameters read one way everywhere: whole numbers in ASCII digits only, bounded.

`"²".isdigit()` is True in Python and `int("²")` then fails; a filter such as `?nam=²` must be
ignored, not become a server error. A value that is not a plain number is treated as absent.
"""

import re

_DIGITS = re.compile(r"[0-9]{1,12}")


def int_param(params, name: str, *, low: int = 0, high: int = 10**12) -> int | None:
    """The parameter as an int when it is 1–12 ASCII digits within [low, high], else None."""
    raw = params.get(name, "")
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def date_param(params, name: str):
    """The parameter as a date when it is an ISO date (yyyy-mm-dd), else None."""
    import datetime as dt

    raw = params.get(name, "")
    if not isinstance(raw, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def window_param(params, since: str = "tu", until: str = "den"):
    """A data window from two ISO date parameters, or None when either is missing or they are
    in the wrong order."""
    from .periods import Window

    first, last = date_param(params, since), date_param(params, until)
    if first is None or last is None or last < first:
        return None
    return Window(first, last)
