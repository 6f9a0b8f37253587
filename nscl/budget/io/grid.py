"""Reading appendices from rows of cells (an Excel sheet, or a Word document's tables).

Both readers turn their file into rows — a title paragraph is a one-cell row — and this state
machine finds each appendix: its code (`Phụ lục I`), its period, its money unit, the header row
with the year columns (repeated headers on later pages are skipped), the lines, and the
`Tổng cộng` row that ends it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..sheet import AppendixData, BudgetDocument
from .rows import (
    APPENDIX_RE,
    CODE_RE,
    MONEY_UNIT_RE,
    PERIOD_RE,
    RowBuilder,
    header_key,
    is_grand_total_text,
)

Cell = str | int | float | None


@dataclass
class Row:
    cells: list[Cell]
    locate: Callable[[int], str]

    def texts(self) -> list[str]:
        return [_text(c) for c in self.cells]

    def joined(self) -> str:
        return " ".join(t for t in self.texts() if t)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


@dataclass
class _Columns:
    code: int | None = None
    content: int | None = None
    unit: int | None = None
    quantity: int | None = None
    unit_price: int | None = None
    total: int | None = None
    years: dict[int, int] = field(default_factory=dict)


def _as_year(cell: Cell) -> int | None:
    text = _text(cell)
    return int(text) if text.isdigit() and len(text) == 4 and 1990 <= int(text) <= 2100 else None


def _header_columns(row: Row) -> _Columns | None:
    keys = [header_key(t) for t in row.texts()]
    if not any(k in {"tt", "stt"} for k in keys) or not any("noi dung" in k for k in keys):
        return None
    cols = _Columns()
    for i, key in enumerate(keys):
        if key in {"tt", "stt"}:
            cols.code = i
        elif "noi dung" in key:
            cols.content = i
        elif key.startswith("don vi"):
            cols.unit = i
        elif "so luong" in key:
            cols.quantity = i
        elif "don gia" in key:
            cols.unit_price = i
        elif "tong" in key or "thanh tien" in key:
            cols.total = i
        elif (year := _as_year(row.cells[i])) is not None:
            cols.years[year] = i
    return cols


def _years_row(row: Row) -> dict[int, int]:
    return {y: i for i, c in enumerate(row.cells) if (y := _as_year(c)) is not None}


class _Reader:
    def __init__(self, source: str):
        self.document = BudgetDocument(source=source)
        self.code, self.title, self.money_unit = "", "", "triệu đồng"
        self.columns: _Columns | None = None
        self.lines: list = []
        self.builder: RowBuilder | None = None
        self.location = ""

    def feed(self, row: Row) -> None:
        joined = row.joined()
        if not joined:
            return
        header = _header_columns(row)
        if header is not None:
            if self.columns is None:
                self.columns = header
                self.builder = RowBuilder(self.code or "Phụ lục")
                self.location = row.locate(0)
            return
        if self.columns is None:
            self._context(joined)
        elif not self.columns.years and _years_row(row):
            self.columns.years = _years_row(row)
        elif _years_row(row) and len(_years_row(row)) == len([t for t in row.texts() if t]):
            return  # the year sub-header repeated on a later page
        else:
            self._data(row)

    def _context(self, joined: str) -> None:
        if match := APPENDIX_RE.match(joined):
            self.code = f"Phụ lục {match.group(1)}"
            self.title = ""
        elif "DỰ TOÁN" in joined.upper() and not self.title:
            self.title = joined
        elif match := MONEY_UNIT_RE.match(joined):
            self.money_unit = match.group(1).lower()

    def _cell(self, row: Row, index: int | None) -> Cell:
        return row.cells[index] if index is not None and index < len(row.cells) else None

    def _data(self, row: Row) -> None:
        cols = self.columns
        code = _text(self._cell(row, cols.code))
        content = _text(self._cell(row, cols.content))
        grand = is_grand_total_text(code) or (not code and is_grand_total_text(content))
        if not grand and not CODE_RE.match(code):
            if self.lines and not code and content:  # a wrapped row continues the last line
                self.lines[-1].content += " " + content
            return
        locations = {name: row.locate(getattr(cols, name)) for name in
                     ("quantity", "unit_price", "total") if getattr(cols, name) is not None}
        locations |= {f"year:{y}": row.locate(i) for y, i in cols.years.items()}
        self.lines.append(self.builder.line(
            code="" if grand else code, content="Tổng cộng" if grand else content,
            unit=_text(self._cell(row, cols.unit)),
            quantity=self._cell(row, cols.quantity), unit_price=self._cell(row, cols.unit_price),
            total=self._cell(row, cols.total),
            years={y: self._cell(row, i) for y, i in sorted(cols.years.items())},
            locations=locations, is_grand_total=grand, location=row.locate(0)))
        if grand:
            self._close()

    def _close(self) -> None:
        years = sorted(self.columns.years)
        period = PERIOD_RE.search(self.title)
        if not years and period:
            years = list(range(int(period.group(1)), int(period.group(2)) + 1))
        self.document.appendices.append(AppendixData(
            code=self.code or f"Phụ lục {len(self.document.appendices) + 1}", title=self.title,
            years=years, lines=self.lines, money_unit=self.money_unit, location=self.location))
        self.document.issues += self.builder.issues
        self.code, self.title, self.columns, self.lines = "", "", None, []

    def finish(self) -> BudgetDocument:
        if self.columns is not None and self.lines:
            self._close()  # a table without a `Tổng cộng` row still counts
        return self.document


def read_rows(rows: Iterable[Row], source: str) -> BudgetDocument:
    reader = _Reader(source)
    for row in rows:
        reader.feed(row)
    return reader.finish()
