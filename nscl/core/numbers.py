"""Vietnamese numbers: `6.370` is six thousand three hundred seventy, `95,79` has a decimal comma.

Parsing is strict on purpose: a malformed amount such as `20.00.000` (seed 000) is an error the
user must fix, never a silent guess.
"""

import re
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")


class MalformedNumber(ValueError):
    """A text that is not a number in Vietnamese notation; `text` keeps what was read."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def looks_numeric(text: str) -> bool:
    """True for a token made only of digits, dots and commas (a number, well formed or not)."""
    return bool(re.fullmatch(r"-?[\d.,]*\d[\d.,]*", text.strip()))


def parse_vn_number(text: str | int | float | Decimal | None) -> Decimal | None:
    """Read `6.370`, `1.350`, `95,79`, `0`; return None for an empty cell.

    Numbers that arrive as numbers (from a spreadsheet cell) are taken as they are, through
    their shortest decimal text so that 0.1 stays 0.1.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise MalformedNumber(str(text))
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    raw = text.strip().replace("\u00a0", "")
    if raw in {"", "-", "–"}:
        return None
    sign = ""
    if raw.startswith("-"):
        sign, raw = "-", raw[1:].strip()
    if not (_GROUPED.match(raw) or _PLAIN.match(raw)):
        raise MalformedNumber(text)
    try:
        return Decimal(sign + raw.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise MalformedNumber(text) from exc


def format_vn_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """`Decimal("6370")` → `6.370`; `Decimal("95.7912")`, places=2 → `95,79`; None → ``."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def format_vn_percent(ratio: Decimal | None, places: int = 2) -> str:
    """A share as officials write it: Decimal("0.9579") → `95,79%`."""
    if ratio is None:
        return ""
    return f"{format_vn_number(ratio * 100, places)}%"
