"""Reporting periods and their data cut-off (Decree 09/2019/NĐ-CP, Article 12).

A periodic report covers a period (a year, a half-year, a quarter) but counts the records of its
*data window*: from the 15th of the month before the period to the 14th of the period's last
month — an annual report for 2024 counts what happened from 15/12/2023 to 14/12/2024. So every
record falls in exactly one report of a series, and a report never counts what happened after
its cut-off. An ad hoc report (a mid-term review …) states its own window.

`Window` is what every figure function takes (the owning apps' `figures.py`); `Period` is the
period a request names, with the window the rule gives it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ANNUAL, SIX_MONTHLY, QUARTERLY, AD_HOC = "annual", "six_monthly", "quarterly", "ad_hoc"
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class Window:
    """The days whose records a figure counts, both ends included."""

    since: dt.date
    until: dt.date

    def __post_init__(self):
        if self.until < self.since:
            raise ValueError(f"window ends before it starts: {self.since} > {self.until}")

    @classmethod
    def years(cls, first: int, last: int) -> Window:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31))

    def contains(self, day: dt.date) -> bool:
        return self.since <= day <= self.until

    @property
    def label(self) -> str:
        return f"{self.since:%d/%m/%Y}–{self.until:%d/%m/%Y}"

    def query(self) -> dict[str, str]:
        """As query parameters of the list pages (`tu`, `den`, ISO dates)."""
        return {"tu": self.since.isoformat(), "den": self.until.isoformat()}


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def cut_off(first: dt.date, last: dt.date) -> Window:
    """The Decree 09 data window of the period [first, last] (whole months): the 15th of the
    month before `first` to the 14th of `last`'s month."""
    before = first.replace(day=1) - dt.timedelta(days=1)
    return Window(before.replace(day=15), last.replace(day=14))


@dataclass(frozen=True)
class Period:
    """What a request reports on: its frequency, its calendar span and its data window."""

    frequency: str
    first: dt.date
    last: dt.date
    window: Window

    @classmethod
    def of(cls, frequency: str, year: int, part: int = 1) -> Period:
        """The periodic period `part` of `year` (half 1–2, quarter 1–4; annual ignores it),
        with the rule's data window."""
        if frequency == ANNUAL:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif frequency == SIX_MONTHLY:
            if part not in (1, 2):
                raise ValueError("half-year must be 1 or 2")
            first = _month_start(year, 6 * part - 5)
            last = _month_end(year, 6 * part)
        elif frequency == QUARTERLY:
            if part not in (1, 2, 3, 4):
                raise ValueError("quarter must be 1–4")
            first = _month_start(year, 3 * part - 2)
            last = _month_end(year, 3 * part)
        else:
            raise ValueError(f"{frequency!r} has no rule: an ad hoc period states its window")
        return cls(frequency, first, last, cut_off(first, last))

    @property
    def part(self) -> int:
        if self.frequency == SIX_MONTHLY:
            return 1 if self.first.month <= 6 else 2
        if self.frequency == QUARTERLY:
            return (self.first.month - 1) // 3 + 1
        return 1

    @property
    def label(self) -> str:
        """As a subject line says it: "năm 2024", "6 tháng đầu năm 2024", "quý III năm 2024",
        "giai đoạn 2021–2025"."""
        return period_label(self.frequency, self.first, self.last)

    def shifted(self, years: int) -> Period:
        """The same period `years` later (copying last year's request)."""
        if self.frequency == AD_HOC:
            return Period(AD_HOC, _add_years(self.first, years), _add_years(self.last, years),
                          Window(_add_years(self.window.since, years),
                                 _add_years(self.window.until, years)))
        return Period.of(self.frequency, self.first.year + years, self.part)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/2 → 28/2
        return day.replace(year=day.year + years, day=28)


def period_label(frequency: str, first: dt.date, last: dt.date) -> str:
    if frequency == SIX_MONTHLY:
        half = "6 tháng đầu năm" if first.month <= 6 else "6 tháng cuối năm"
        return f"{half} {first.year}"
    if frequency == QUARTERLY:
        return f"quý {ROMAN[(first.month - 1) // 3]} năm {first.year}"
    if first == dt.date(first.year, 1, 1) and last == dt.date(last.year, 12, 31):
        return f"năm {first.year}" if first.year == last.year else \
            f"giai đoạn {first.year}–{last.year}"
    return f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
