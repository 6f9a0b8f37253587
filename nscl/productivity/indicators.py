"""The plans' milestone "compute TFP's contribution for the phase" is met when the province's
series covers the phase (its base year and every year to its end) and passes every check."""

from decimal import Decimal

from .series import SeriesError
from .services import stored_series


def tfp_computed(indicator, _param, first: int, last: int) -> dict[int, Decimal]:
    try:
        series = stored_series(indicator.plan.province)
    except SeriesError:
        return {}
    years = {d.year for d in series}
    if set(range(first - 1, last + 1)) <= years:
        return {last: Decimal(1)}
    return {}
