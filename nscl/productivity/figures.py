"""The figure productivity owns for reports and the dashboard: the contribution of TFP to the
province's GRDP growth over whole years, from the stored series (docs/productivity.md).

A period's contribution is its average annual growth from the year before its first year to its
last year (2024 → growth 2023–2024; 2021–2025 → 2020–2025). Where the series does not cover the
years, or fails its checks, there is no figure (None), never a zero.
"""

from .accounting import Decomposition, Parameters, period
from .series import SeriesError
from .services import stored_series


def tfp_contribution(province, first_year: int, last_year: int,
                     params: Parameters | None = None) -> Decomposition | None:
    try:
        series = stored_series(province)
    except SeriesError:
        return None
    years = {d.year for d in series}
    if not {first_year - 1, last_year} <= years:
        return None
    return period(series, first_year - 1, last_year, params or Parameters())
