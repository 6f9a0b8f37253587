"""Growth accounting under constant returns to scale, in Decimal arithmetic.

    g_Y = α·g_K + (1 − α)·g_L + g_A        TFP's contribution = g_A ÷ g_Y

This is the method of the national statistics system's indicator "Tốc độ tăng năng suất các nhân
tố tổng hợp (TFP)": G_A = G_Y − b_K·G_K − b_L·G_L with b_K + b_L = 1, the coefficients taken from
the input–output table (see docs/productivity.md). Growth rates are either log differences or
discrete (x_t / x_{t−1} − 1); over a period, the average annual growth is the mean log difference
or the compound annual rate. α is fixed, or year by year from the labour share of income with
Törnqvist weights (α_t = 1 − (s_t + s_{t−1}) / 2).
"""

from dataclasses import dataclass
from decimal import Decimal, getcontext

getcontext().prec = 28
LOG, DISCRETE = "log", "discrete"
ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)
PLACES = Decimal("1e-12")


@dataclass(frozen=True)
class YearData:
    year: int
    output: Decimal  # GRDP at constant prices
    capital: Decimal  # capital stock (or built from investment by `perpetual_inventory`)
    labour: Decimal  # employed workers
    labour_share: Decimal | None = None  # share of labour in income, 0–1, for Törnqvist weights


@dataclass(frozen=True)
class Parameters:
    alpha: Decimal = Decimal("0.4")  # capital's coefficient b_K when not from labour shares
    method: str = LOG
    tornqvist: bool = False


@dataclass(frozen=True)
class Decomposition:
    """Growth and contributions, all in percent (percentage points for contributions)."""

    label: str
    output_growth: Decimal
    capital_growth: Decimal
    labour_growth: Decimal
    alpha: Decimal
    capital_pp: Decimal
    labour_pp: Decimal
    tfp_pp: Decimal
    productivity_growth: Decimal  # labour productivity (output per worker)

    def share(self, pp: Decimal) -> Decimal | None:
        """A contribution as a percentage of output growth (None when output did not grow)."""
        return None if self.output_growth == 0 else pp / self.output_growth * HUNDRED

    @property
    def tfp_share(self) -> Decimal | None:
        return self.share(self.tfp_pp)

    @property
    def capital_share(self) -> Decimal | None:
        return self.share(self.capital_pp)

    @property
    def labour_share(self) -> Decimal | None:
        return self.share(self.labour_pp)


def growth(current: Decimal, previous: Decimal, method: str) -> Decimal:
    ratio = current / previous
    return ratio.ln() if method == LOG else ratio - ONE


def average_growth(last: Decimal, first: Decimal, years: int, method: str) -> Decimal:
    ratio = last / first
    if method == LOG:
        return ratio.ln() / years
    return (ratio.ln() / years).exp() - ONE  # compound annual rate


def _alpha(params: Parameters, shares: list[Decimal | None]) -> Decimal:
    if params.tornqvist and all(s is not None for s in shares):
        return ONE - sum(shares, ZERO) / len(shares)
    return params.alpha


def decompose(label: str, gy: Decimal, gk: Decimal, gl: Decimal, alpha: Decimal) -> Decomposition:
    """One decomposition from growth rates given as fractions (0.03 for 3 %).

    Percentages are fixed to 12 decimals first, so that capital + labour + TFP equals output
    growth exactly (TFP is the residual) instead of to the 28th digit."""
    output, capital, labour = (_fix(gy * HUNDRED), _fix(alpha * gk * HUNDRED),
                               _fix((ONE - alpha) * gl * HUNDRED))
    return Decomposition(label=label, output_growth=output, capital_growth=_fix(gk * HUNDRED),
                         labour_growth=_fix(gl * HUNDRED), alpha=alpha, capital_pp=capital,
                         labour_pp=labour, tfp_pp=output - capital - labour,
                         productivity_growth=ZERO)


def _fix(value: Decimal) -> Decimal:
    return value.quantize(PLACES)


def yearly(series: list[YearData], params: Parameters) -> list[Decomposition]:
    rows = []
    for before, now in zip(series, series[1:], strict=False):
        gy = growth(now.output, before.output, params.method)
        gk = growth(now.capital, before.capital, params.method)
        gl = growth(now.labour, before.labour, params.method)
        alpha = _alpha(params, [before.labour_share, now.labour_share])
        rows.append(_with_productivity(decompose(str(now.year), gy, gk, gl, alpha), now, before,
                                       params.method))
    return rows


def period(series: list[YearData], first: int, last: int, params: Parameters) -> Decomposition:
    """Average annual growth from `first` to `last` (e.g. 2020 → 2025 for the phase 2021–2025)."""
    by_year = {d.year: d for d in series}
    start, end = by_year[first], by_year[last]
    n = last - first
    gy = average_growth(end.output, start.output, n, params.method)
    gk = average_growth(end.capital, start.capital, n, params.method)
    gl = average_growth(end.labour, start.labour, n, params.method)
    shares = [by_year[y].labour_share for y in range(first, last + 1)]
    alpha = _alpha(params, shares)
    return _with_productivity(decompose(f"{first + 1}–{last}", gy, gk, gl, alpha), end, start,
                              params.method, years=n)


def _with_productivity(row: Decomposition, now: YearData, before: YearData, method: str,
                       years: int = 1) -> Decomposition:
    productivity = average_growth(now.output / now.labour, before.output / before.labour, years,
                                  method)
    return Decomposition(**{**row.__dict__, "productivity_growth": productivity * HUNDRED})


def sensitivity(series: list[YearData], first: int, last: int, params: Parameters,
                alphas: list[Decimal] | None = None) -> list[tuple[Decimal, Decimal | None]]:
    """TFP's share of growth over the period for α from 0,30 to 0,60: how much it matters."""
    alphas = alphas or [Decimal(a) / 100 for a in range(30, 61, 5)]
    return [(a, period(series, first, last, Parameters(alpha=a, method=params.method)).tfp_share)
            for a in alphas]


def perpetual_inventory(investment: dict[int, Decimal], depreciation: Decimal,
                        initial: Decimal | None = None) -> dict[int, Decimal]:
    """K_t = (1 − δ)·K_{t−1} + I_t. Without an initial stock, the first year's stock is
    I_0 / (g + δ), g the average growth of investment over the first five years (Harberger)."""
    years = sorted(investment)
    if initial is None:
        head = years[:6]
        g = average_growth(investment[head[-1]], investment[head[0]], len(head) - 1, DISCRETE) \
            if len(head) > 1 else ZERO
        initial = investment[years[0]] / (g + depreciation)
    stock, capital = initial, {}
    for year in years:
        stock = stock if year == years[0] else (ONE - depreciation) * stock + investment[year]
        capital[year] = stock
    return capital

