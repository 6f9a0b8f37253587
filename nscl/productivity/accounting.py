"""Growth accounting under constant returns to scale, in Decimal arithmetic.

    g_Y = α·g_K + (1 − α)·g_L + g_A        TFP's contribution = g_A ÷ g_Y

This is the method of the national statistics system's indicator "Tốc độ tăng năng suất các nhân
tố tổng hợp (TFP)": G_A = G_Y − b_K·G_K − b_L·G_L with b_K + b_L = 1, the coefficients taken from
the input–output table (see docs/productivity.md). Growth rates are either log differences or
discrete (x_t / x_{t−1} − 1); over a period, the average annual growth is the mean log difference
or the compound annual rate.

Two methods, always labelled with what was really used:
- the GSO method (`FIXED`): one coefficient α for every year, the period computed from the
  average growth of output and inputs;
- the Törnqvist method of international productivity databases (`TORNQVIST`): α_t = 1 −
  (s_t + s_{t−1}) / 2 from the labour share of income s of each pair of years; the period's
  contributions are then the mean of the yearly contributions, so the table adds up down its
  columns as well as across. A year without both labour shares falls back to the fixed α, and the
  method is then reported as mixed, naming those years.
"""

from dataclasses import dataclass
from decimal import Decimal, getcontext

getcontext().prec = 28
LOG, DISCRETE = "log", "discrete"
FIXED, TORNQVIST, MIXED = "fixed", "tornqvist", "mixed"
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
    weights: str = FIXED  # FIXED or TORNQVIST for a year; MIXED possible for a period

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


def _alpha(params: Parameters, shares: list[Decimal | None]) -> tuple[Decimal, str]:
    if params.tornqvist and all(s is not None for s in shares):
        return ONE - sum(shares, ZERO) / len(shares), TORNQVIST
    return params.alpha, FIXED


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
        alpha, weights = _alpha(params, [before.labour_share, now.labour_share])
        row = _with_productivity(decompose(str(now.year), gy, gk, gl, alpha), now, before,
                                 params.method)
        rows.append(Decomposition(**{**row.__dict__, "weights": weights}))
    return rows


def period(series: list[YearData], first: int, last: int, params: Parameters) -> Decomposition:
    """Average annual growth from `first` to `last` (e.g. 2020 → 2025 for the phase 2021–2025).

    GSO method: α fixed, applied to the average growth of output and inputs. Törnqvist: the mean of
    the yearly rows, so that each column of the period equals the mean of the years above it."""
    label = f"{first + 1}–{last}"
    if params.tornqvist:
        rows = yearly([d for d in series if first <= d.year <= last], params)
        n = Decimal(len(rows))

        def mean(name: str) -> Decimal:
            return _fix(sum((getattr(r, name) for r in rows), ZERO) / n)

        output, capital, labour = mean("output_growth"), mean("capital_pp"), mean("labour_pp")
        kinds = {r.weights for r in rows}
        return Decomposition(
            label=label, output_growth=output, capital_growth=mean("capital_growth"),
            labour_growth=mean("labour_growth"), alpha=mean("alpha"), capital_pp=capital,
            labour_pp=labour, tfp_pp=output - capital - labour,
            productivity_growth=mean("productivity_growth"),
            weights=kinds.pop() if len(kinds) == 1 else MIXED)
    by_year = {d.year: d for d in series}
    start, end = by_year[first], by_year[last]
    n = last - first
    gy = average_growth(end.output, start.output, n, params.method)
    gk = average_growth(end.capital, start.capital, n, params.method)
    gl = average_growth(end.labour, start.labour, n, params.method)
    return _with_productivity(decompose(label, gy, gk, gl, params.alpha), end, start,
                              params.method, years=n)


def method_label(params: Parameters, rows: list[Decomposition]) -> str:
    """What really produced the figures, for the page, the export and the command line."""
    from django.utils.translation import gettext as _

    growth_kind = _("tốc độ tăng logarit") if params.method == LOG else _("tốc độ tăng rời rạc")
    fixed_years = [r.label for r in rows if r.weights == FIXED]
    if not params.tornqvist or len(fixed_years) == len(rows):
        text = _("Phương pháp của Tổng cục Thống kê: hệ số cố định α = %(a)s cho mọi năm; %(g)s.") \
            % {"a": f"{params.alpha:.2f}".replace(".", ","), "g": growth_kind}
        if params.tornqvist:
            text += " " + _("(Không đủ tỷ trọng thu nhập lao động để dùng trọng số Törnqvist.)")
        return text
    text = _("Phương pháp Törnqvist (cơ sở dữ liệu năng suất quốc tế): α thay đổi theo năm, α_t = "
             "1 − (s_t + s_{t−1})/2 với s là tỷ trọng thu nhập của lao động; số của giai đoạn là "
             "trung bình các năm; %(g)s.") % {"g": growth_kind}
    if fixed_years:
        text += " " + _("Các năm %(y)s thiếu tỷ trọng thu nhập lao động nên dùng α = %(a)s.") % {
            "y": ", ".join(fixed_years), "a": f"{params.alpha:.2f}".replace(".", ",")}
    return text


def _with_productivity(row: Decomposition, now: YearData, before: YearData, method: str,
                       years: int = 1) -> Decomposition:
    productivity = average_growth(now.output / now.labour, before.output / before.labour, years,
                                  method)
    return Decomposition(**{**row.__dict__, "productivity_growth": _fix(productivity * HUNDRED)})


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

