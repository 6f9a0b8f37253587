"""Reading appendices from rows of cells: an Excel sheet, a Word document's paragraphs and tables.

Both readers turn their file into `GridRow`s — a title paragraph is a one-cell row — and this
state machine finds each appendix in them: its heading (“Phụ lục I”, “Biểu số 01/KH”, or none:
a table in the plan's body), title, money unit, the header rows (one, two or three, with merged
cells) that say what each column is, the data rows, and the end of the table. Columns are named by
the words of their header cells stacked top to bottom, so “Năm 2023 / NSTW” is the central budget's
part of 2023 and “Tổng kinh phí / Trong đó / Ngân sách tỉnh” the province's part of the total.

Rows become lines through `assemble.AppendixBuilder`; a column whose header says nothing known but
holds numbers, and a header repeated on a later page, are handled here.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nscl.core.numbers import looks_numeric
from nscl.core.spreadsheets import cell_text

from ..sheet import ERROR, NOTICE, STORED_UNIT, WARNING, BudgetDocument, ParseIssue
from .assemble import TOTAL, AppendixBuilder, Col, RawRow
from .vocabulary import (
    appendix_heading,
    header_role,
    is_total_text,
    key,
    money_factor,
    parse_code,
    period_in,
    source_of,
    unit_in_header,
    unit_line,
    year_of,
)

_COLUMN_NUMBERS = re.compile(r"^\(?\s*[0-9a-zA-Z]{1,3}\s*\)?"
                             r"(\s*[=x*×+\-/:]\s*\(?[0-9a-zA-Z]{1,3}\)?)*$")
_ATTACHED = re.compile(r"^\(\s*(kèm|ban hành|kem|ban hanh)", re.IGNORECASE)


@dataclass(slots=True)
class GridCell:
    value: object = None
    merged: str = ""  # "" | "left" (continues a horizontal merge) | "up" (a vertical one)
    formula: str = ""  # a formula with no stored value
    error: bool = False

    @property
    def text(self) -> str:
        return cell_text(self.value)


@dataclass
class GridRow:
    cells: list[GridCell]
    locate: Callable[[int], str]  # where column i (0-based) is, for messages
    where: str  # where the row is
    hidden: bool = False
    table: int = 0  # tables of a Word document; sheets count as one table each
    _texts: list[str] | None = field(default=None, repr=False)

    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [c.text for c in self.cells]
        return self._texts

    def joined(self) -> str:
        return " ".join(t for t in self.texts() if t)

    def filled(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c.text or c.formula]


@dataclass
class _Column:
    index: int
    kind: str  # code, content, unit, quantity, unit_price, amount, note, unknown, empty
    col: Col | None = None
    header: str = ""


@dataclass
class _Layout:
    columns: list[_Column]
    signature: tuple[str, ...]  # the first header row, to skip it when a page repeats it
    header_rows: int
    money_unit: str | None = None

    def by_kind(self, kind: str) -> _Column | None:
        return next((c for c in self.columns if c.kind == kind), None)


@dataclass
class _Context:
    code: str = ""
    title: str = ""
    unit: str | None = None
    unit_written: str = ""
    unit_line: str = ""
    texts: list[str] = field(default_factory=list)


def _merged_text(rows: list[GridRow], r: int, c: int) -> str:
    """A header cell's text, following a merge back to the cell that holds it."""
    while True:
        row = rows[r]
        cell = row.cells[c] if c < len(row.cells) else GridCell()
        if cell.merged == "left" and c > 0:
            c -= 1
        elif cell.merged == "up" and r > 0:
            r -= 1
        else:
            return cell.text


def _is_header_row(row: GridRow) -> bool:
    texts = row.texts()
    if not any(t and len(t) <= 60 and t[0] in "NnHhTtDdCcAa" and header_role(t) == "content"
               for t in texts):
        return False
    roles = [header_role(t) for t in texts]
    return "content" in roles and any(r in {"amount", "year", "source", "group", "code"}
                                      for r in roles)


def _is_column_numbers(row: GridRow) -> bool:
    texts = [t for t in row.texts() if t]
    return len(texts) >= 3 and all(_COLUMN_NUMBERS.match(t) for t in texts) and \
        any(t.strip("()") in {"1", "A", "a"} for t in texts[:2])


def _resolve(parts: list[str]) -> tuple[str, Col | None]:
    """The role of a column from its stacked header texts (top to bottom)."""
    parts = [p for i, p in enumerate(parts) if p and (i == 0 or p != parts[i - 1])]
    roles = [header_role(p) for p in parts]
    for role in reversed(roles):
        if role in {"code", "content", "unit", "quantity", "unit_price", "note"}:
            return role, ((role, None, None) if role in {"quantity", "unit_price"} else None)
    year = next((year_of(p) for p, r in zip(parts, roles, strict=True) if r == "year"), None)
    source = next((source_of(p) for p, r in zip(parts, roles, strict=True) if r == "source"), None)
    if year or source:
        return "amount", ("amount", year, source)
    if "amount" in roles:
        return "amount", TOTAL
    if "group" in roles:
        if any(re.search(r"nguon|co cau", key(p)) for p in parts):
            return "note", None
        return "amount", TOTAL
    return ("unknown" if any(parts) else "empty"), None


def _layout(rows: list[GridRow], start: int) -> _Layout:
    """The columns of the table whose header begins at rows[start]."""
    end = start + 1
    while end < len(rows) and end - start < 4:
        row = rows[end]
        filled = [t for t in row.texts() if t]
        if filled and all(header_role(t) for t in filled) and not any(
                parse_code(t) and header_role(t) in {None, "code"} for t in filled[:1]):
            end += 1  # the second row of a header: years, sources, “Tổng số”
            continue
        if _is_column_numbers(row) or _looks_like_data(row):
            break
        if not any(header_role(t) for t in row.texts() if t) and not any(
                c.merged for c in row.cells):
            break
        end += 1
    width = max(len(r.cells) for r in rows[start:end])
    columns, seen, units = [], set(), set()
    for c in range(width):
        parts = [_merged_text(rows, r, c) for r in range(start, end)]
        role, col = _resolve(parts)
        header = " / ".join(p for i, p in enumerate(parts) if p and (i == 0 or p != parts[i - 1]))
        if col is not None and col in seen:
            role, col = "unknown", None
        if col is not None:
            seen.add(col)
        if role in {"amount", "unit_price"} and (found := unit_in_header(header)):
            units.add(found)
        columns.append(_Column(c, role, col, header))
    if not any(c.kind == "code" for c in columns):
        content = next((c for c in columns if c.kind == "content"), None)
        if content and content.index > 0 and columns[content.index - 1].kind == "empty":
            columns[content.index - 1].kind = "code"
    return _Layout(columns, tuple(rows[start].texts()), end - start,
                   money_unit=next(iter(units)) if len(units) == 1 else None)


def _looks_like_data(row: GridRow) -> bool:
    texts = [t for t in row.texts() if t]
    if not texts:
        return False
    first = texts[0]
    if parse_code(first) and not header_role(first):
        return True
    if is_total_text(first):
        return True
    return sum(looks_numeric(t) for t in texts) >= 2


class GridReader:
    """Finds every appendix in a stream of rows. `style` is the number notation of the file."""

    def __init__(self, source: str, style: str):
        self.document = BudgetDocument(source=source, number_style=style)
        self.style = style
        self.tables = 0

    # -- streams -------------------------------------------------------------------------
    def read_stream(self, rows: Iterable[GridRow], *, name: str = "") -> None:
        rows = [r for r in rows if r.filled()]
        context, i = _Context(), 0
        while i < len(rows):
            row = rows[i]
            if _is_header_row(row):
                i = self._table(rows, i, context, name)
                context = _Context()
                continue
            self._context_row(row, context)
            i += 1

    def _context_row(self, row: GridRow, context: _Context) -> None:
        text = row.joined()
        if heading := appendix_heading(text):
            context.code, context.title, context.texts = heading, "", []
            return
        if (found := unit_line(text)) is not None:
            context.unit, context.unit_written, context.unit_line = found[0], found[1], text
            return
        if _ATTACHED.match(text):
            return
        if context.code and not context.title and len(text) <= 400:
            context.title = text
        context.texts.append(text[:400])

    # -- one table -----------------------------------------------------------------------
    def _table(self, rows: list[GridRow], start: int, context: _Context, name: str) -> int:
        layout = _layout(rows, start)
        self.tables += 1
        code = self._code(context, name)
        unit, unit_issue = self._money_unit(context, layout, code, rows[start].where)
        title = context.title or next((t for t in reversed(context.texts)
                                       if re.search(r"dự toán|kinh phí|DỰ TOÁN|KINH PHÍ", t)), "")
        builder = AppendixBuilder(code, style=self.style, money_unit=unit or STORED_UNIT,
                                  money_factor=money_factor(unit or STORED_UNIT),
                                  location=rows[start].where)
        if unit_issue:
            builder.issues.append(unit_issue)
        i = start + layout.header_rows
        numbers_seen: dict[int, str] = {}
        table = rows[start].table
        while i < len(rows):
            row = rows[i]
            if tuple(row.texts()) == layout.signature:  # the header again, on a new page
                table = row.table
                i += layout.header_rows
                continue
            if _is_column_numbers(row):
                i += 1
                continue
            if _is_header_row(row) or (len(row.filled()) == 1
                                       and appendix_heading(row.joined())):
                break
            if row.table != table:  # a paragraph after a Word table
                if re.fullmatch(r"\d{1,3}", row.joined()):
                    i += 1  # a page number between the parts of a table
                    continue
                break
            builder.feed(self._raw(row, layout, numbers_seen))
            i += 1
        self._unknown_columns(builder, layout, numbers_seen)
        years = sorted({c.col[1] for c in layout.columns if c.col and c.col[1]})
        appendix = builder.finish(title=title, years=years, title_period=period_in(title))
        if builder.lines or builder.issues:
            self.document.appendices.append(appendix)
            self.document.issues += builder.issues
            self.document.written_numbers += builder.written
            self.document.amount_slots += builder.slots
        return i

    def _code(self, context: _Context, name: str) -> str:
        taken = {a.code for a in self.document.appendices}
        default_name = re.fullmatch(r"(?i)sheet\s*\d*|trang\s*tính\s*\d*", name or "")
        code = context.code or (name if name and not default_name else "")
        code = code or _("Bảng %(n)s") % {"n": self.tables}
        base, n = code[:26], 2
        while code in taken:
            code, n = f"{base} ({n})", n + 1
        return code

    def _money_unit(self, context: _Context, layout: _Layout, code: str, where: str):
        stated, header = context.unit, layout.money_unit
        if context.unit_line and stated is None:
            return None, ParseIssue(code, "", where, _(
                "%(a)s: đơn vị tính “%(u)s” không phải đồng, nghìn đồng, triệu đồng hay tỷ đồng; "
                "chưa quy đổi được số tiền.") % {"a": code, "u": context.unit_written},
                check="money_unit", severity=WARNING, understood=False)
        if stated and header and stated != header:
            return stated, ParseIssue(code, "", where, _(
                "%(a)s: dòng “Đơn vị tính” ghi %(s)s nhưng tiêu đề cột ghi %(h)s; đã dùng %(s)s.")
                % {"a": code, "s": stated, "h": header}, check="money_unit", severity=WARNING,
                understood=False)
        if stated or header:
            return stated or header, None
        return None, ParseIssue(code, "", where, _(
            "%(a)s: không thấy đơn vị tính (dòng “Đơn vị tính: …” hoặc trong tiêu đề cột); đã coi "
            "là triệu đồng.") % {"a": code}, check="money_unit", severity=NOTICE, understood=True)

    def _raw(self, row: GridRow, layout: _Layout, numbers_seen: dict[int, str]) -> RawRow:
        def cell(column):
            if column is None or column.index >= len(row.cells):
                return GridCell()
            return row.cells[column.index]

        code_col, content_col = layout.by_kind("code"), layout.by_kind("content")
        code_cell = cell(code_col)
        code = code_cell.text
        content = cell(content_col).text
        unit = cell(layout.by_kind("unit")).text
        raw = RawRow(code=code, content=content, unit=unit, location=row.where,
                     merged_code=code_cell.merged == "up", hidden=row.hidden, locate=row.locate)
        match = re.match(r"^(\S{1,8})\s+(.+)$", content) if code_col is None else None
        if match and parse_code(match.group(1)) and match.group(1).endswith((".", ")")):
            raw.code, raw.content = match.group(1), match.group(2)
        for column in layout.columns:
            c = cell(column)
            if column.col is not None:
                raw.columns[column.col] = column.index
                if c.formula:
                    raw.formulas[column.col] = c.formula
                elif c.error:
                    raw.broken[column.col] = c.text
                elif c.merged:
                    continue
                else:
                    raw.amounts[column.col] = c.value if not isinstance(c.value, str) \
                        else (c.value.strip() or None)
            elif column.kind in {"unknown", "empty"} and (c.text or c.formula) and \
                    (looks_numeric(c.text) or not isinstance(c.value, str)):
                numbers_seen.setdefault(column.index, row.locate(column.index))
        return raw

    def _unknown_columns(self, builder: AppendixBuilder, layout: _Layout,
                         numbers_seen: dict[int, str]) -> None:
        for index, where in numbers_seen.items():
            column = layout.columns[index] if index < len(layout.columns) else None
            header = column.header if column else ""
            builder.issue(_("%(a)s: cột “%(h)s” (%(where)s) có số liệu nhưng tiêu đề không cho "
                            "biết là cột gì (năm, tổng, nguồn kinh phí…); cột này chưa được đọc.")
                          % {"a": builder.code, "h": header or _("không có tiêu đề"),
                             "where": where}, location=where, column=header,
                          check="unplaced_column", severity=WARNING)

    def finish(self) -> BudgetDocument:
        return self.document


def numeric_texts(rows: Iterable[GridRow]) -> list[str]:
    """Every written number of the rows, for deciding the file's notation."""
    return [c.value for r in rows for c in r.cells
            if isinstance(c.value, str) and looks_numeric(c.value)]


def no_appendix_issue(source: str) -> ParseIssue:
    return ParseIssue("", "", source, _(
        "Không tìm thấy phụ lục dự toán nào trong tệp: không có bảng nào có cột “Nội dung” cùng "
        "cột kinh phí (tổng, năm hoặc nguồn)."), check="no_appendix", severity=ERROR,
        understood=False)
