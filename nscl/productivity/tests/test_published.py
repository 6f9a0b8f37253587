"""Growth accounting checked against a published international series, and the Törnqvist period.

The Penn World Table 11.0 (Feenstra, Inklaar & Timmer 2015; see tests/data/README.md) publishes,
for the United States, real GDP (`rgdpna`), capital services (`rkna`), persons engaged, hours and
human capital (labour input = emp × avh × hc), the labour share (`labsh`) and TFP (`rtfpna`),
computed with Törnqvist weights. Our decomposition, fed the published inputs, must give the
published TFP growth to the precision PWT stores (single precision, about 7 significant digits),
and so the published TFP share of growth (Δln TFP ÷ Δln GDP) to 0,01 point.
"""

import csv
from decimal import Decimal
from pathlib import Path

from nscl.productivity.accounting import (
    FIXED,
    LOG,
    TORNQVIST,
    Parameters,
    YearData,
    method_label,
    period,
    yearly,
)

D = Decimal
DATA = Path(__file__).parent / "data" / "pwt110_usa_2009_2019.csv"


def _pwt() -> list[dict]:
    with DATA.open(encoding="utf-8") as handle:
        return [{k: (int(v) if k == "year" else D(v)) for k, v in row.items()}
                for row in csv.DictReader(handle)]


def _series(rows) -> list[YearData]:
    return [YearData(r["year"], output=r["rgdpna"], capital=r["rkna"],
                     labour=r["emp"] * r["avh"] * r["hc"], labour_share=r["labsh"])
            for r in rows]


def test_recomputes_the_penn_world_table_tfp_of_the_united_states_under_tornqvist_weights():
    rows = _pwt()
    computed = yearly(_series(rows), Parameters(method=LOG, tornqvist=True))
    assert [r.weights for r in computed] == [TORNQVIST] * 10
    for before, now, row in zip(rows, rows[1:], computed, strict=False):
        published_tfp = (now["rtfpna"] / before["rtfpna"]).ln() * 100  # percentage points
        published_output = (now["rgdpna"] / before["rgdpna"]).ln() * 100
        assert abs(row.tfp_pp - published_tfp) < D("0.0001"), row.label
        published_share = published_tfp / published_output * 100
        assert round(row.tfp_share, 2) == round(published_share, 2), row.label
    by_year = {r.label: r for r in computed}
    assert round(by_year["2010"].tfp_share, 2) == D("62.31")  # 1,657 of 2,655 points
    assert round(by_year["2019"].tfp_share, 2) == D("24.73")


def test_the_tornqvist_period_is_the_mean_of_its_years_and_adds_up():
    series = _series(_pwt())
    params = Parameters(method=LOG, tornqvist=True)
    years = yearly(series, params)
    whole = period(series, 2009, 2019, params)
    for name in ("output_growth", "capital_pp", "labour_pp", "tfp_pp"):
        mean = sum(getattr(r, name) for r in years) / len(years)
        assert abs(getattr(whole, name) - mean) <= D("1e-11"), name
    assert whole.capital_pp + whole.labour_pp + whole.tfp_pp == whole.output_growth
    assert whole.weights == TORNQVIST


def test_the_method_label_says_which_weights_produced_the_figures():
    series = _series(_pwt())
    tornqvist = Parameters(method=LOG, tornqvist=True)
    label = method_label(tornqvist, yearly(series, tornqvist))
    assert label.startswith("Phương pháp Törnqvist") and "α = 0,40" not in label
    fixed = Parameters(method=LOG)
    rows = yearly(series, fixed)
    assert {r.weights for r in rows} == {FIXED}
    assert method_label(fixed, rows).startswith("Phương pháp của Tổng cục Thống kê: hệ số cố định "
                                                "α = 0,40")
    gaps = [YearData(d.year, d.output, d.capital, d.labour,
                     None if d.year == 2014 else d.labour_share) for d in series]
    mixed = method_label(tornqvist, yearly(gaps, tornqvist))
    assert "Các năm 2014, 2015 thiếu tỷ trọng thu nhập lao động nên dùng α = 0,40" in mixed
    assert period(gaps, 2009, 2019, tornqvist).weights == "mixed"
