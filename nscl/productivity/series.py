"""Reading and checking yearly series (.csv or .xlsx): a gap, a negative or zero value, or a jump
beyond a bound is an error that names the year; a file with any error is not used at all."""

import csv
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

from django.utils.translation import gettext as _

from nscl.core.numbers import MalformedNumber, parse_vn_number
from nscl.core.text import search_key

from .accounting import DISCRETE, YearData, growth, perpetual_inventory

COLUMNS = {"nam": "year", "year": "year", "grdp": "output", "output": "output",
           "von": "capital", "capital": "capital", "dau tu": "investment",
           "investment": "investment", "lao dong": "labour", "labour": "labour",
           "ty trong thu nhap lao dong": "labour_share", "labour_share": "labour_share"}
JUMP_BOUND = {"output": Decimal("0.5"), "capital": Decimal("0.6"), "labour": Decimal("0.3")}
LABELS = {"output": "GRDP", "capital": "vốn", "investment": "đầu tư", "labour": "lao động",
          "labour_share": "tỷ trọng thu nhập lao động"}


class SeriesError(ValueError):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Row:
    year: int
    output: Decimal | None
    capital: Decimal | None
    investment: Decimal | None
    labour: Decimal | None
    labour_share: Decimal | None


def _table(name: str, content: bytes) -> list[list]:
    if Path(name).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    return list(csv.reader(StringIO(text), dialect))


def read_rows(name: str, content: bytes) -> list[Row]:
    table = [r for r in _table(name, content) if any(c not in (None, "") for c in r)]
    if not table:
        raise SeriesError([_("Tệp trống.")])
    header = [COLUMNS.get(search_key(str(h or "")).strip()) for h in table[0]]
    missing = [c for c in ("year", "output", "labour") if c not in header]
    if missing or ("capital" not in header and "investment" not in header):
        raise SeriesError([_("Cần các cột: năm, GRDP, lao động và vốn hoặc đầu tư (thiếu: "
                             "%(m)s).") % {"m": ", ".join(missing) or "vốn/đầu tư"}])
    rows, errors = [], []
    for number, raw in enumerate(table[1:], start=2):
        values = dict(zip(header, raw, strict=False))
        try:
            year = int(str(values.get("year")).strip())
        except ValueError:
            errors.append(_("Dòng %(n)s: năm “%(v)s” không hợp lệ.") % {"n": number,
                                                                       "v": values.get("year")})
            continue
        parsed = {}
        for key in ("output", "capital", "investment", "labour", "labour_share"):
            try:
                parsed[key] = parse_vn_number(values.get(key))
            except MalformedNumber:
                errors.append(_("Năm %(y)s: %(c)s “%(v)s” không phải là số.")
                              % {"y": year, "c": LABELS[key], "v": values.get(key)})
                parsed[key] = None
        rows.append(Row(year=year, **parsed))
    if errors:
        raise SeriesError(errors)
    return sorted(rows, key=lambda r: r.year)


def check(rows: list[Row], depreciation: Decimal = Decimal("0.05")) -> list[YearData]:
    """Every check at once; the errors name the year. Returns the series ready to account."""
    errors = []
    years = [r.year for r in rows]
    for gap in sorted(set(range(years[0], years[-1] + 1)) - set(years)):
        errors.append(_("Thiếu số liệu năm %(y)s.") % {"y": gap})
    for year in {y for y in years if years.count(y) > 1}:
        errors.append(_("Năm %(y)s xuất hiện nhiều lần.") % {"y": year})
    has_capital = all(r.capital is not None for r in rows)
    for row in rows:
        needed = ["output", "labour"] + ([] if has_capital else ["investment"])
        for key in needed:
            value = getattr(row, key)
            if value is None:
                errors.append(_("Năm %(y)s: thiếu %(c)s.") % {"y": row.year, "c": LABELS[key]})
            elif value <= 0:
                errors.append(_("Năm %(y)s: %(c)s phải lớn hơn 0 (đang là %(v)s).")
                              % {"y": row.year, "c": LABELS[key], "v": value})
        if row.labour_share is not None and not 0 < row.labour_share < 1:
            errors.append(_("Năm %(y)s: tỷ trọng thu nhập lao động phải nằm giữa 0 và 1.")
                          % {"y": row.year})
    if errors:
        raise SeriesError(errors)
    capital = ({r.year: r.capital for r in rows} if has_capital else
               perpetual_inventory({r.year: r.investment for r in rows}, depreciation))
    series = [YearData(r.year, r.output, capital[r.year], r.labour, r.labour_share) for r in rows]
    for before, now in zip(series, series[1:], strict=False):
        for key, bound in JUMP_BOUND.items():
            change = growth(getattr(now, key), getattr(before, key), DISCRETE)
            if abs(change) > bound:
                errors.append(_("Năm %(y)s: %(c)s thay đổi %(p)s%% so với năm trước, vượt ngưỡng "
                                "±%(b)s%%: kiểm tra lại số liệu.") % {
                    "y": now.year, "c": LABELS[key], "p": f"{change * 100:.1f}".replace(".", ","),
                    "b": f"{bound * 100:.0f}"})
    if errors:
        raise SeriesError(errors)
    return series
