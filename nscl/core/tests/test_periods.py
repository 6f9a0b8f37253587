"""Reporting periods and their Decree 09 data windows: every day of a year falls in exactly one
annual, one half-year and one quarterly window."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.core.periods import ANNUAL, QUARTERLY, SIX_MONTHLY, Period, Window, cut_off


def test_the_annual_window_runs_from_the_15th_of_december_to_the_14th():
    period = Period.of(ANNUAL, 2024)
    assert (period.first, period.last) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert period.window == Window(dt.date(2023, 12, 15), dt.date(2024, 12, 14))
    assert period.label == "năm 2024"


@pytest.mark.parametrize("frequency,part,since,until,label", [
    (SIX_MONTHLY, 1, dt.date(2023, 12, 15), dt.date(2024, 6, 14), "6 tháng đầu năm 2024"),
    (SIX_MONTHLY, 2, dt.date(2024, 6, 15), dt.date(2024, 12, 14), "6 tháng cuối năm 2024"),
    (QUARTERLY, 1, dt.date(2023, 12, 15), dt.date(2024, 3, 14), "quý I năm 2024"),
    (QUARTERLY, 3, dt.date(2024, 6, 15), dt.date(2024, 9, 14), "quý III năm 2024"),
])
def test_half_years_and_quarters(frequency, part, since, until, label):
    period = Period.of(frequency, 2024, part)
    assert period.window == Window(since, until) and period.label == label


def test_a_multi_year_period_and_a_shift():
    assert cut_off(dt.date(2021, 1, 1), dt.date(2025, 12, 31)) == Window(
        dt.date(2020, 12, 15), dt.date(2025, 12, 14))
    assert Period.of(QUARTERLY, 2024, 4).shifted(1) == Period.of(QUARTERLY, 2025, 4)
    with pytest.raises(ValueError):
        Period.of(QUARTERLY, 2024, 5)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from([ANNUAL, SIX_MONTHLY, QUARTERLY]))
def test_every_day_falls_in_exactly_one_window_of_a_series(day, frequency):
    parts = {ANNUAL: 1, SIX_MONTHLY: 2, QUARTERLY: 4}[frequency]
    holding = [(year, part) for year in (day.year - 1, day.year, day.year + 1)
               for part in range(1, parts + 1)
               if Period.of(frequency, year, part).window.contains(day)]
    assert len(holding) == 1
