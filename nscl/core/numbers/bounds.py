"""One bound per kind of quantity, checked where a number is read.

A parsed amount that no province could mean (a budget line of 10^16, a GRDP of 10^30, a cost of
22 digits) is refused with the limit in the message instead of reaching the database, where it
overflows a column or a decimal converter. The limits live in the `NSCL_NUMBER_BOUNDS` setting;
money is bounded in đồng whatever unit a file uses.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from .errors import NumberOutOfRange
from .formatting import format_vn_number

DEFAULT_BOUNDS = {
    "money": Decimal("1e15"),      # đồng: a million billion, half the national budget
    "count": Decimal("1e9"),       # persons, enterprises, products, stamps
    "quantity": Decimal("1e12"),   # quantities of a budget line or a traced lot
    "share": Decimal(1),           # a share between 0 and 1
    "grdp": Decimal("1e15"),       # GRDP, capital, investment in the series' unit
    "labour": Decimal("1e9"),      # workers in the series' unit
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    unit: str = ""
    money: bool = False
    integer: bool = False
    minimum: Decimal = Decimal(0)

    @property
    def maximum(self) -> Decimal:
        if not _MAXIMA:
            configured = getattr(settings, "NSCL_NUMBER_BOUNDS", {}) or {}
            _MAXIMA.update({key: Decimal(str(configured.get(key, default)))
                            for key, default in DEFAULT_BOUNDS.items()})
        return _MAXIMA[self.key]


_MAXIMA: dict[str, Decimal] = {}


@receiver(setting_changed)
def _bounds_changed(setting, **_kwargs) -> None:
    if setting == "NSCL_NUMBER_BOUNDS":
        _MAXIMA.clear()
        _limit.cache_clear()


MONEY = Kind("money", _l("số tiền"), unit="đồng", money=True)  # i18n: the currency
COUNT = Kind("count", _l("số đếm"), integer=True)
QUANTITY = Kind("quantity", _l("số lượng"))
SHARE = Kind("share", _l("tỷ trọng"))
GRDP = Kind("grdp", _l("giá trị"))
LABOUR = Kind("labour", _l("số lao động"))


@lru_cache(maxsize=256)
def _limit(key: str, maximum: Decimal, scale) -> Decimal:
    return maximum / Decimal(scale)


def check_bounds(number: Decimal, kind: Kind, original, scale=1, unit: str = "") -> None:
    """Raise NumberOutOfRange when `number` (in units of `scale` base units) is outside `kind`."""
    limit = _limit(kind.key, kind.maximum, scale)
    if kind.minimum <= number <= limit and (not kind.integer
                                            or number == number.to_integral_value()):
        return
    scale = Decimal(scale)
    shown = original if isinstance(original, str) else format_vn_number(number)
    unit = unit or kind.unit
    if abs(number) > limit or number * scale < kind.minimum:
        if number < kind.minimum / scale:
            message = _("%(what)s “%(v)s” không được âm") % {"what": kind.label, "v": shown}
        else:
            message = _("%(what)s “%(v)s” vượt giới hạn cho phép (tối đa %(max)s%(unit)s)") % {
                "what": kind.label, "v": shown, "max": format_vn_number(limit),
                "unit": f" {unit}" if unit else ""}
        raise NumberOutOfRange(shown, message[:1].upper() + message[1:])
    if kind.integer and number != number.to_integral_value():
        raise NumberOutOfRange(shown, _("%(what)s “%(v)s” phải là số nguyên") % {
            "what": str(kind.label).capitalize(), "v": shown})
