"""Reading and checking yearly series (.csv or .xlsx): a gap, a negative or zero value, or a jump
beyond a bound is an error that names the year; a file with any error is not used at all.

Files come as statistics offices and international databases write them: comma, semicolon or tab
separated; UTF-8 with or without a byte-order mark, UTF-16 or Windows-1258; numbers in Vietnamese
(`927.547,5`) or international (`927547.5625`) notation, decided once for the file; column names
in Vietnamese or English, with or without diacritics. Years lie in 1900–2100 and a series spans at
most `NSCL_SERIES_MAX_YEARS` years, so a file from year 1 to 20000 is one clear error, not 19.998.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from nscl.core.columns import match_columns
from nscl.core.numbers import GRDP, LABOUR, SHARE, MalformedNumber, NumberReader
from nscl.core.spreadsheets import SpreadsheetError, cell_text, read_workbook
from nscl.core.textfiles import TextFileError, read_csv

from .accounting import DISCRETE, YearData, growth, perpetual_inventory

ALIASES = {  # i18n: headings recognised in series files
    "year": ["Năm", "Year", "Nam"],
    "output": ["GRDP", "GDP", "Output", "GRDP giá so sánh", "Tổng sản phẩm", "Real GDP", "Y"],
    "capital": ["Vốn", "Capital", "Giá trị vốn", "Capital stock", "Vốn cố định", "K"],
    "investment": ["Đầu tư", "Vốn đầu tư", "Investment", "I"],
    "labour": ["Lao động", "Labour", "Labor", "Lao động đang làm việc", "Workers", "Employment",
               "Labour input", "Labor input", "L"],
    "labour_share": ["Tỷ trọng thu nhập lao động", "Tỷ trọng thu nhập của lao động",
                     "Labour share", "Labor share", "labour_share", "labsh"],
}
KINDS = {"output": GRDP, "capital": GRDP, "investment": GRDP, "labour": LABOUR,
         "labour_share": SHARE}
JUMP_BOUND = {"output": Decimal("0.5"), "capital": Decimal("0.6"), "labour": Decimal("0.3")}
LABELS = {  # i18n: names of the series' columns in messages
    "output": "GRDP", "capital": "vốn", "investment": "đầu tư", "labour": "lao động",
          "labour_share": "tỷ trọng thu nhập lao động"}
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_MESSAGES = 30


def max_years() -> int:
    return int(getattr(settings, "NSCL_SERIES_MAX_YEARS", 100))


class SeriesError(ValueError):
    def __init__(self, messages: list[str]):
        if len(messages) > MAX_MESSAGES:
            messages = [*messages[:MAX_MESSAGES],
                        _("… và %(n)s lỗi khác.") % {"n": len(messages) - MAX_MESSAGES}]
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


@dataclass
class SeriesRead:
    rows: list[Row]
    notes: list[str] = field(default_factory=list)  # ambiguous or mixed number notation


def _table(name: str, content: bytes) -> list[list]:
    label = Path(name).name
    try:
        if Path(name).suffix.lower() == ".xlsx":
            sheets = read_workbook(content, label=label, first_sheet_only=True)
            return [row.values() for row in sheets[0].rows] if sheets else []
        return read_csv(content, label=label)
    except (SpreadsheetError, TextFileError) as exc:
        raise SeriesError([str(exc)]) from exc


def _year(value) -> int | None:
    text = cell_text(value)
    if len(text) == 4 and text.isascii() and text.isdigit():
        return int(text)
    return None


def read_series(name: str, content: bytes) -> SeriesRead:
    """Rows of the file, sorted by year, and notes on how its numbers were read."""
    table = [r for r in _table(name, content) if any(c not in (None, "") for c in r)]
    if not table:
        raise SeriesError([_("Tệp trống.")])
    if all(sum(c not in (None, "") for c in r) <= 1 for r in table):
        raise SeriesError([_("Tệp chỉ có một cột: cần các cột năm, GRDP, lao động và vốn hoặc "
                             "đầu tư, ngăn cách bằng dấu phẩy, chấm phẩy hoặc tab.")])
    index = match_columns(table[0], ALIASES)
    missing = [LABELS.get(c, _("năm")) for c in ("year", "output", "labour") if c not in index]
    if missing or ("capital" not in index and "investment" not in index):
        raise SeriesError([_("Cần các cột: năm, GRDP, lao động và vốn hoặc đầu tư (thiếu: "
                             "%(m)s).") % {"m": ", ".join(missing) or _("vốn/đầu tư")}])
    body = table[1:]
    numbers = NumberReader([r[i] for r in body for k, i in index.items()
                            if k != "year" and i < len(r) and isinstance(r[i], str)])
    rows, errors = [], []
    for number, raw in enumerate(body, start=2):
        values = {k: (raw[i] if i < len(raw) else None) for k, i in index.items()}
        year = _year(values.get("year"))
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            errors.append(_("Dòng %(n)s: năm “%(v)s” không hợp lệ (bốn chữ số, từ %(a)s đến "
                            "%(b)s).") % {"n": number, "v": cell_text(values.get("year"))[:20],
                                          "a": FIRST_YEAR, "b": LAST_YEAR})
            continue
        parsed = {}
        for key in ("output", "capital", "investment", "labour", "labour_share"):
            try:
                parsed[key] = numbers.parse(values.get(key), kind=KINDS[key])
            except MalformedNumber as exc:
                errors.append(_("Năm %(y)s: %(c)s: %(why)s.") % {"y": year, "c": LABELS[key],
                                                                 "why": exc.message})
                parsed[key] = None
        rows.append(Row(year=year, **parsed))
    if rows and max(r.year for r in rows) - min(r.year for r in rows) >= max_years():
        errors.insert(0, _("Số liệu trải từ năm %(a)s đến năm %(b)s, quá %(n)s năm cho phép.")
                      % {"a": min(r.year for r in rows), "b": max(r.year for r in rows),
                         "n": max_years()})
    if errors:
        raise SeriesError(errors)
    return SeriesRead(sorted(rows, key=lambda r: r.year), numbers.notes())


def read_rows(name: str, content: bytes) -> list[Row]:
    return read_series(name, content).rows


def _ranges(years: list[int]) -> list[str]:
    """[2001, 2002, 2003, 2007] → ["2001–2003", "2007"]."""
    out, start = [], None
    for i, year in enumerate(years):
        if start is None:
            start = year
        if i + 1 == len(years) or years[i + 1] != year + 1:
            out.append(f"{start}–{year}" if year != start else str(year))
            start = None
    return out


def check(rows: list[Row], depreciation: Decimal = Decimal("0.05")) -> list[YearData]:
    """Every check at once; the errors name the year. Returns the series ready to account."""
    errors = []
    years = [r.year for r in rows]
    if years and years[-1] - years[0] >= max_years():
        raise SeriesError([_("Số liệu trải từ năm %(a)s đến năm %(b)s, quá %(n)s năm cho phép.")
                           % {"a": years[0], "b": years[-1], "n": max_years()}])
    for gap in _ranges(sorted(set(range(years[0], years[-1] + 1)) - set(years))):
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
