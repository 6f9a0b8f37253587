"""Writing numbers as officials do (`6.370`, `95,79`, `95,79%`), and never failing to.

A page that shows a stored number must render whatever is stored: a value of 10^28 or more, NaN
or Infinity is written out (or shown as “—” / “∞”) instead of raising inside a template.
"""

from decimal import Decimal, InvalidOperation, localcontext

from .notation import INTL, VN

_MARKS = {VN: (".", ","), INTL: (",", ".")}


def _decimal(value) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_number(value, places: int | None = None, style: str = VN) -> str:
    """`Decimal("6370")` → `6.370`; `Decimal("95.7912")`, places=2 → `95,79`; None → ``.

    International style (`style=INTL`) writes `6,370` and `95.79`."""
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return str(value)
    if number.is_nan():
        return "—"
    if number.is_infinite():
        return "∞" if number > 0 else "-∞"
    group_mark, decimal_mark = _MARKS[style]
    digits = len(number.as_tuple().digits) + max(number.as_tuple().exponent, 0)
    with localcontext() as context:
        context.prec = max(28, digits + (places or 0) + 2)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        sign = "-" if number < 0 else ""
        whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = group_mark.join(groups)
    return f"{sign}{result}{decimal_mark}{fraction}" if fraction else f"{sign}{result}"


def format_vn_number(value, places: int | None = None) -> str:
    return format_number(value, places, VN)


def format_vn_percent(ratio, places: int = 2) -> str:
    """A share as officials write it: Decimal("0.9579") → `95,79%`."""
    if ratio is None or ratio == "":
        return ""
    number = _decimal(ratio)
    if number is None:
        return str(ratio)
    if not number.is_finite():
        return format_vn_number(number)
    with localcontext() as context:
        context.prec = max(28, len(number.as_tuple().digits) + 4)
        return f"{format_vn_number(number * 100, places)}%"
