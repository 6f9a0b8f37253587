"""The quantitative form of a request (its columns and, optionally, the rows units fill) and the
check of what a unit typed into it, done like a budget's: a malformed amount names its row and
column, and a total that does not add up says by how much.

A form is data on the request: `{"columns": [{"key", "label", "type": text|money|number}],
"rows": ["label", …], "total": bool}` (`choices.DEFAULT_FORM`: seeds 000/001's activity, cost
in đồng, period). Cells are kept exactly as typed; numbers are read only to check and to add up,
by the shared parser (`nscl.core.numbers`), the notation decided once per column from its
unambiguous values. Money is in whole đồng (so `228.400` can only be two hundred twenty-eight
thousand four hundred), never negative, never past the bound of money; an empty money cell is
refused (0 says "no cost"); a table of only its total row is refused.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nscl.core.numbers import (
    MONEY,
    QUANTITY,
    MalformedNumber,
    NumberReader,
    format_vn_number,
    parse_vn_number,
)
from nscl.core.text import in_vietnamese, search_key
from nscl.core.xlsx import append_row

from .choices import DEFAULT_FORM, ColumnType

NUMERIC = {ColumnType.MONEY.value, ColumnType.NUMBER.value}
MAX_ROWS = 200
MAX_CELL = 2000


@dataclass
class RowInput:
    order: int
    cells: dict[str, str] = field(default_factory=dict)
    is_total: bool = False

    def cell(self, key: str) -> str:
        return str(self.cells.get(key, "") or "")


def default_row(order: int, activity: str, cost: str, period: str = "",
                is_total: bool = False) -> RowInput:
    """A row of the default form (activity, cost in đồng, period), as seeds 000/001 write it."""
    return RowInput(order, {"activity": activity, "cost": cost, "period": period}, is_total)


@dataclass(frozen=True)
class TableFinding:
    row: int | str
    column: str
    message: str


def columns(form) -> list[dict]:
    return list((form or DEFAULT_FORM).get("columns") or DEFAULT_FORM["columns"])


def has_total(form) -> bool:
    return bool((form or DEFAULT_FORM).get("total", True))


def check_form(form) -> list[str]:
    """What is wrong with a form a request declares (before it can be issued)."""
    errors = []
    cols = (form or {}).get("columns") or []
    if not cols:
        errors.append(_("Biểu mẫu số liệu chưa có cột nào."))
    keys = [c.get("key") for c in cols]
    if len(set(keys)) != len(keys):
        errors.append(_("Biểu mẫu số liệu có hai cột trùng mã."))
    for column in cols:
        if not str(column.get("label", "")).strip():
            errors.append(_("Biểu mẫu số liệu có cột chưa có tên."))
        if column.get("type") not in {c.value for c in ColumnType}:
            errors.append(_("Cột “%(c)s”: kiểu dữ liệu không hợp lệ.") % {"c": column.get("label")})
    if cols and cols[0].get("type") != ColumnType.TEXT.value:
        errors.append(_("Cột đầu của biểu mẫu phải là cột chữ (nội dung, chỉ tiêu)."))
    if has_total(form) and not any(c.get("type") in NUMERIC for c in cols):
        errors.append(_("Biểu mẫu có dòng tổng nhưng không có cột số để cộng."))
    return errors


def likely_reading(text: str) -> Decimal | None:
    """The amount a malformed Vietnamese number most plausibly meant, for the total check only:
    every group after the first padded to three digits ("20.00.000" → 20.000.000)."""
    groups = text.strip().split(".")
    if not all(g.isdigit() for g in groups):
        return None
    return Decimal(groups[0] + "".join(g.ljust(3, "0")[:3] for g in groups[1:]))


def _label(row: RowInput):
    return _("Tổng") if row.is_total else row.order


def check_rows(form, rows: list[RowInput]
               ) -> tuple[dict[int, dict[str, Decimal | None]], list[TableFinding]]:
    """Parse every numeric cell; check each total against the rows above it. Returns the
    numbers by row order and column key, and the findings in row order."""
    cols = columns(form)
    numeric = [c for c in cols if c["type"] in NUMERIC]
    first = cols[0]["key"]
    readers = {c["key"]: NumberReader([r.cell(c["key"]) for r in rows],
                                      integral=c["type"] == ColumnType.MONEY.value)
               for c in numeric}
    numbers: dict[int, dict[str, Decimal | None]] = {}
    readings: dict[tuple[int, str], Decimal | None] = {}
    findings = []
    for row in rows:
        numbers[row.order] = {}
        for column in numeric:
            finding = _cell(row, column, readers[column["key"]], numbers, readings)
            if finding:
                findings.append(finding)
        if not row.is_total and not row.cell(first).strip():
            findings.append(TableFinding(_label(row), first, _("Dòng %(r)s: thiếu %(c)s.")
                                         % {"r": _label(row), "c": cols[0]["label"].lower()}))
    items = [r for r in rows if not r.is_total]
    total = next((r for r in rows if r.is_total), None)
    if total is not None and not items:
        findings.append(TableFinding(_("Tổng"), "total", _(
            "Bảng chỉ có dòng Tổng: ghi các dòng và số liệu của từng dòng.")))
    elif total is not None:
        for column in numeric:
            stated = numbers[total.order].get(column["key"])
            if stated is not None:
                findings += _check_total(rows, column, numbers, readings, stated)
    return numbers, findings


def _cell(row, column, reader, numbers, readings) -> TableFinding | None:
    """Read one numeric cell into `numbers`; the finding that names it when it cannot be."""
    key, text, label = column["key"], row.cell(column["key"]), _label(row)
    money = column["type"] == ColumnType.MONEY.value
    numbers[row.order][key] = None
    if not text.strip():
        if not money:
            return None  # a count may be left empty; money says 0 when there is none
        return TableFinding(label, key, _(
            "Dòng %(r)s, cột %(c)s: chưa ghi kinh phí (ghi 0 nếu không có chi phí).")
            % {"r": label, "c": column["label"]})
    try:
        numbers[row.order][key] = reader.parse(text, kind=MONEY if money else QUANTITY)
    except MalformedNumber as exc:
        malformed = getattr(exc, "reason", "malformed") == "malformed"
        readings[(row.order, key)] = likely_reading(text) if malformed else None
        if malformed:
            return TableFinding(label, key, _(
                "Dòng %(r)s, cột %(c)s: “%(v)s” không phải là số hợp lệ (dấu chấm ngăn cách "
                "từng nhóm ba chữ số, ví dụ 20.000.000).") % {
                "r": label, "c": column["label"], "v": text})
        return TableFinding(label, key, _("Dòng %(r)s, cột %(c)s: %(why)s.") % {
            "r": label, "c": column["label"], "why": exc.message})
    return None


def _check_total(rows, column, numbers, readings, stated: Decimal) -> list[TableFinding]:
    key = column["key"]
    items = [r for r in rows if not r.is_total]
    if not items:
        return []
    bad = [r for r in items if numbers[r.order][key] is None and r.cell(key).strip()]
    if any(readings.get((r.order, key)) is None for r in bad):
        return []
    summed = sum((numbers[r.order][key] if numbers[r.order][key] is not None
                  else readings.get((r.order, key)) or Decimal(0) for r in items), Decimal(0))
    if summed == stated:
        return []
    assumption = ""
    if bad:
        assumption = _(" (nếu đọc %(cells)s)") % {"cells": ", ".join(
            _("“%(c)s” ở dòng %(r)s là %(v)s") % {"c": r.cell(key), "r": r.order,
                                           "v": format_vn_number(readings[(r.order, key)])}
            for r in bad)}
    return [TableFinding(_("Tổng"), "total", _(
        "Dòng Tổng, cột %(c)s: cộng các dòng %(first)s–%(last)s được %(sum)s%(assumption)s nhưng "
        "ghi %(stated)s (chênh lệch %(diff)s).") % {
        "c": column["label"], "first": items[0].order, "last": items[-1].order,
        "sum": format_vn_number(summed), "assumption": assumption,
        "stated": format_vn_number(stated), "diff": format_vn_number(stated - summed)})]


def rows_from_post(form, data) -> list[RowInput]:
    """The grid as posted: `r-<n>-<column>` cells and `r-<n>-total`, rows in their order,
    empty rows dropped and the rest renumbered (the total last)."""
    cols = columns(form)
    indices = sorted({int(name.split("-")[1]) for name in data
                      if name.startswith("r-") and name.split("-")[1].isdigit()})
    rows, total = [], None
    for index in indices[:MAX_ROWS + 1]:
        cells = {c["key"]: str(data.get(f"r-{index}-{c['key']}", ""))[:MAX_CELL].strip()
                 for c in cols}
        is_total = data.get(f"r-{index}-total") == "1"
        if not any(cells.values()):
            continue
        if is_total:
            total = cells
        else:
            rows.append(RowInput(len(rows) + 1, cells))
    if total is not None:
        rows.append(RowInput(len(rows) + 1, total, True))
    return rows


def blank_rows(form) -> list[RowInput]:
    """A new submission's grid: the rows the form names, then the total row."""
    cols = columns(form)
    first = cols[0]["key"]
    rows = [RowInput(n, {first: label}) for n, label in
            enumerate((form or {}).get("rows") or [], start=1)]
    if has_total(form):
        rows.append(RowInput(len(rows) + 1, {first: _("Tổng")}, True))
    return rows


def totals(form, rows: list[RowInput]) -> dict[str, Decimal]:
    """The sum of each numeric column over the rows (not the total row)."""
    numbers, _findings = check_rows(form, rows)
    result = {}
    for column in columns(form):
        if column["type"] in NUMERIC:
            result[column["key"]] = sum(
                (numbers[r.order][column["key"]] or Decimal(0) for r in rows if not r.is_total),
                Decimal(0))
    return result


# --- the form as an Excel sheet, out and back in -------------------------------------------------

@in_vietnamese
def form_xlsx(form, rows: list[RowInput], title: str) -> bytes:
    """The form (with the rows typed so far) as a sheet a unit fills offline: numbers as numbers
    in the Vietnamese format, the header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    cols = columns(form)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Biểu số liệu")
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, ["STT", *[c["label"] for c in cols]])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = "A3"
    numbers, _findings = check_rows(form, rows)
    for row in rows:
        values = [_("Tổng") if row.is_total else row.order]
        for column in cols:
            value = numbers.get(row.order, {}).get(column["key"]) \
                if column["type"] in NUMERIC else None
            values.append(value if value is not None else row.cell(column["key"]))
        append_row(sheet, values)
        for n, column in enumerate(cols, start=2):
            if column["type"] in NUMERIC:
                sheet.cell(row=sheet.max_row, column=n).number_format = "#,##0"
    sheet.column_dimensions["A"].width = 7
    for n, column in enumerate(cols, start=2):
        letter = sheet.cell(row=2, column=n).column_letter
        sheet.column_dimensions[letter].width = 50 if n == 2 else (
            20 if column["type"] in NUMERIC else 22)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def rows_from_xlsx(form, content: bytes) -> list[RowInput]:
    """Read a filled form back (through the bounded reader every importer uses): the header row
    found by the columns' names, then every row until the first empty one. Raises
    ValidationError naming every bad cell; nothing is kept from a file with one."""
    from nscl.core.spreadsheets import SpreadsheetError, read_workbook

    cols = columns(form)
    try:
        sheets = read_workbook(content, label=_("biểu số liệu"), first_sheet_only=True)
    except SpreadsheetError as exc:
        raise ValidationError(str(exc)) from exc
    if not sheets:
        raise ValidationError(_("Không đọc được tệp Excel (.xlsx)."))
    wanted = [search_key(c["label"]) for c in cols]
    lines = [row.values() for row in sheets[0].rows[:MAX_ROWS + 20]]
    header_at, positions = None, {}
    for n, line in enumerate(lines[:20]):
        keys = [search_key(str(v)) if v is not None else "" for v in line]
        found = {i: keys.index(w) for i, w in enumerate(wanted) if w in keys}
        if len(found) == len(cols):
            header_at, positions = n, found
            break
    if header_at is None:
        raise ValidationError(_("Không thấy dòng tiêu đề của biểu mẫu: tệp phải có các cột "
                                "%(c)s.") % {"c": ", ".join(f"“{c['label']}”" for c in cols)})
    rows = []
    for line in lines[header_at + 1:]:
        values = [line[positions[i]] if positions[i] < len(line) else None
                  for i in range(len(cols))]
        if all(v in (None, "") for v in values):
            break
        cells = {}
        for column, value in zip(cols, values, strict=True):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cells[column["key"]] = format_vn_number(parse_vn_number(value))
            else:
                cells[column["key"]] = "" if value is None else str(value).strip()[:MAX_CELL]
        first = cells[cols[0]["key"]]
        is_total = search_key(first).startswith("tong") or (
            line and line[0] is not None and search_key(str(line[0])).startswith("tong"))
        rows.append(RowInput(len(rows) + 1, cells, bool(is_total)))
    if not rows:
        raise ValidationError(_("Tệp không có dòng số liệu nào dưới dòng tiêu đề."))
    _numbers, findings = check_rows(form, rows)
    if findings:
        raise ValidationError([f.message for f in findings])
    return rows
