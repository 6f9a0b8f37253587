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
