"""The indicator engine: how an indicator's value is computed from records.

Modules register computations by name (support registers "accepted support cases of a
category", …) in their AppConfig.ready(), so plans never import them. An indicator whose
`computation` names one gets its yearly values from it; the others from entered values. Pages,
reports and the API all read values through `yearly_values`, so no figure is computed twice.
"""

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

Computation = Callable[["Indicator", str, int, int], dict[int, Decimal]]  # noqa: F821


@dataclass(frozen=True)
class Registered:
    name: str
    label: str
    function: Computation


REGISTRY: dict[str, Registered] = {}


def register(name: str, label: str, function: Computation) -> None:
    REGISTRY[name] = Registered(name, label, function)


def computation_choices() -> list[tuple[str, str]]:
    return [("", _("Nhập tay, có ghi nguồn"))] + [(r.name, r.label) for r in REGISTRY.values()]


def takes_cut_off(function: Computation) -> bool:
    """A computation over dated records accepts `as_of` (a report's data cut-off); one over
    yearly data (a series, award years, a milestone) does not and counts whole years."""
    return "as_of" in inspect.signature(function).parameters


def yearly_values(indicator, first_year: int, last_year: int, as_of: dt.date | None = None
                  ) -> dict[int, Decimal]:
    """Values by year for [first_year, last_year]: computed from records, or entered by hand.
    `as_of` leaves out the records dated after it (entered values are yearly: kept whole).
    A span that ends before it starts (counted up to a year before the phase) has no values —
    it reached the computations' windows as a ValueError, a 500 on `progress/?until=1995`."""
    if last_year < first_year:
        return {}
    if indicator.computation:
        registered = REGISTRY.get(indicator.computation)
        if registered is None:
            return {}
        extra = {"as_of": as_of} if as_of is not None and takes_cut_off(registered.function) \
            else {}
        values = registered.function(indicator, indicator.computation_param, first_year,
                                     last_year, **extra)
        return {y: v for y, v in values.items() if first_year <= y <= last_year and v}
    from .models import IndicatorValue

    rows = (IndicatorValue.objects
            .filter(indicator=indicator, year__gte=first_year, year__lte=last_year)
            .values("year").annotate(total=Sum("value")))
    return {row["year"]: row["total"] for row in rows}
