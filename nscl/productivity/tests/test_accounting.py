"""Growth accounting: a published result recomputed, properties, series checks, the CLI."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.conftest import DEMO_SOURCES, REPO
from nscl.productivity.accounting import (
    DISCRETE,
    LOG,
    Parameters,
    YearData,
    decompose,
    period,
    perpetual_inventory,
    yearly,
)
from nscl.productivity.series import SeriesError, check, read_rows

D = Decimal


def test_recomputes_mankiw_scarth_table_8_3():
    """Mankiw & Scarth, *Macroeconomics*, 5th Canadian edition (Worth, 2014), Table 8-3
    "Accounting for Economic Growth in Canada": output growth 3 %, labour's share 0,67 and
    labour growth 1 % (contribution 0,67), capital's share 0,33 and capital growth 3 %
    (contribution 0,99), productivity 1,34, "proportion of growth due to TFP = 1,34/3 = 0,44"."""
    row = decompose("Canada", gy=D("0.03"), gk=D("0.03"), gl=D("0.01"), alpha=D("0.33"))
    assert round(row.labour_pp, 2) == D("0.67")
    assert round(row.capital_pp, 2) == D("0.99")
    assert round(row.tfp_pp, 2) == D("1.34")
    # the book truncates 1,34/3 = 0,4466… to 0,44
    assert int(row.tfp_share) == 44 and round(row.tfp_share, 2) == D("44.67")


@st.composite
def series(draw, tfp_zero: bool = False):
    years = draw(st.integers(3, 12))
    alpha = D(draw(st.integers(20, 70))) / 100
    out, cap, lab = D(1000), D(3000), D(500)
    data = [YearData(2010, out, cap, lab)]
    for year in range(2011, 2011 + years):
        gk = D(draw(st.integers(-50, 150))) / 1000
        gl = D(draw(st.integers(-30, 40))) / 1000
        cap, lab = cap * (1 + gk), lab * (1 + gl)
        if tfp_zero:  # output moves only with its inputs: Y = K^α L^(1−α) times a constant
            out = D(1000) * ((cap / 3000).ln() * alpha + (lab / 500).ln() * (1 - alpha)).exp()
        else:
            out = out * (1 + D(draw(st.integers(-20, 120))) / 1000)
        data.append(YearData(year, out, cap, lab))
    return data, alpha


@settings(max_examples=50, deadline=None)
@given(series(tfp_zero=True))
def test_zero_tfp_growth_gives_zero_contribution(case):
    data, alpha = case
    for row in yearly(data, Parameters(alpha=alpha, method=LOG)):
        assert abs(row.tfp_pp) <= D("1e-11")  # zero at the 12 decimals results are kept to


@settings(max_examples=50, deadline=None)
@given(series(), st.sampled_from([LOG, DISCRETE]))
def test_contributions_add_up_to_output_growth(case, method):
    data, alpha = case
    rows = yearly(data, Parameters(alpha=alpha, method=method))
    rows.append(period(data, data[0].year, data[-1].year, Parameters(alpha=alpha, method=method)))
    for row in rows:
        assert row.capital_pp + row.labour_pp + row.tfp_pp == row.output_growth


@settings(max_examples=40, deadline=None)
@given(series(), st.integers(2, 10_000), st.sampled_from([LOG, DISCRETE]))
def test_scaling_output_changes_nothing(case, factor, method):
    data, alpha = case
    scaled = [YearData(d.year, d.output * factor, d.capital, d.labour) for d in data]
    params = Parameters(alpha=alpha, method=method)
    for a, b in zip(yearly(data, params), yearly(scaled, params), strict=True):
        assert abs(a.tfp_pp - b.tfp_pp) <= D("1e-11")
        assert abs(a.output_growth - b.output_growth) <= D("1e-11")


def test_perpetual_inventory():
    stock = perpetual_inventory({2020: D(100), 2021: D(110)}, D("0.05"), initial=D(1000))
    assert stock == {2020: D(1000), 2021: D("1060.00")}


def _csv(lines: list[str]) -> bytes:
    return ("Năm;GRDP;Đầu tư;Lao động\n" + "\n".join(lines)).encode()


def test_gaps_and_implausible_values_name_the_year():
    with pytest.raises(SeriesError, match="Năm 2018: GRDP: Giá trị “-3” không được âm"):
        read_rows("x.csv", _csv(["2015;100;30;50", "2018;-3;33;51"]))
    rows = read_rows("x.csv", _csv(["2015;100;30;50", "2016;106;31;50,5", "2018;0;33;51",
                                    "2019;200;34;51"]))
    with pytest.raises(SeriesError) as caught:
        check(rows)
    messages = " ".join(caught.value.messages)
    assert "Thiếu số liệu năm 2017." in messages
    assert "Năm 2018: GRDP phải lớn hơn 0" in messages
    rows = read_rows("x.csv", _csv(["2015;100;30;50", "2016;180;31;50,5"]))
    with pytest.raises(SeriesError, match="Năm 2016: GRDP thay đổi 80,0% so với năm trước"):
        check(rows)
    with pytest.raises(SeriesError, match="Năm 2016: lao động: “5O” không phải là số"):
        read_rows("x.csv", _csv(["2015;100;30;50", "2016;101;31;5O"]))


def _nscl(*args):
    return subprocess.run([sys.executable, "-m", "nscl", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120,
                          env={"DJANGO_SETTINGS_MODULE": "nscl.settings.test", "PATH": "/usr/bin"})


def test_the_cli_prints_the_decomposition():
    demo = DEMO_SOURCES / "tang-truong-soc-trang-2015-2025.csv"
    result = _nscl("tfp", str(demo), "--from", "2020", "--to", "2025", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    whole = data["period"]
    assert whole["label"] == "2021–2025" and len(data["years"]) == 5
    parts = sum(D(whole[k]) for k in ("capital_pp", "labour_pp", "tfp_pp"))
    assert parts == D(whole["output_growth"])
    text = _nscl("tfp", str(demo), "--alpha", "0,5", "--discrete").stdout
    assert "α = 0,50" in text and "rời rạc" in text
    bad = _nscl("tfp", str(demo), "--alpha", "1,5")
    assert bad.returncode == 1 and "α phải nằm giữa 0 và 1" in bad.stderr
