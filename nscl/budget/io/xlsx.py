"""Excel (.xlsx) appendices: every sheet read through the bounded reader, and the export."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from nscl.core.spreadsheets import Sheet, SpreadsheetError, cell_name, read_workbook
from nscl.core.xlsx import append_row

from ..sheet import SOURCE_LABELS, AppendixData
from .grid import GridCell, GridRow

FIXED_HEADERS = ["TT", "Nội dung", "Đơn vị", "Số lượng", "Đơn giá", "Tổng kinh phí"]


class UnreadableWorkbook(SpreadsheetError):
    pass


def xlsx_streams(content: bytes, source: str = "") -> list[tuple[str, list[GridRow]]]:
    """Each sheet as rows of cells, merged ranges marked; hidden sheets are read too."""
    try:
        sheets = read_workbook(content, label=source)
    except SpreadsheetError as exc:
        raise UnreadableWorkbook(str(exc)) from exc
    return [(sheet.name, _grid_rows(sheet, number)) for number, sheet in enumerate(sheets, 1)]


def _grid_rows(sheet: Sheet, table: int) -> list[GridRow]:
    width = sheet.width
    merged = _merged_cells(sheet, width)
    rows = []
    for row in sheet.rows:
        cells = []
        for column in range(1, width + 1):
            cell = row.cells.get(column)
            state = merged.get((row.number, column), "")
            if cell is None:
                cells.append(GridCell(None, state))
            else:
                cells.append(GridCell(cell.value, state, cell.formula if cell.formula_without_value
                                      else "", cell.error))

        def locate(c, r=row.number, title=sheet.name):
            return _("ô %(cell)s, trang tính “%(sheet)s”") % {"cell": cell_name(r, c + 1),
                                                              "sheet": title}

        where = _("dòng %(r)s, trang tính “%(sheet)s”") % {"r": row.number, "sheet": sheet.name}
        rows.append(GridRow(cells, locate, where, hidden=row.hidden, table=table))
    return rows


def _merged_cells(sheet: Sheet, width: int) -> dict[tuple[int, int], str]:
    """The continuation cells of merged ranges, among the rows present (a range is clipped to the
    sheet's rows and width, so a merge declared over the whole sheet costs nothing)."""
    present = sorted(r.number for r in sheet.rows)
    marks: dict[tuple[int, int], str] = {}
    from bisect import bisect_left, bisect_right
    for r1, c1, r2, c2 in sheet.merges:
        for r in present[bisect_left(present, r1):bisect_right(present, r2)]:
            for c in range(c1, min(c2, width) + 1):
                if (r, c) != (r1, c1):
                    marks[(r, c)] = "left" if r == r1 else "up"
    return marks


def _cell_value(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write_xlsx(appendices: list[AppendixData]) -> bytes:
    """One sheet per appendix in the seeds' layout, numbers as numbers (formatted 1.350); funding
    sources as sub-rows under their line. A plan with no appendix yet is one sheet saying so (a
    workbook without a sheet cannot be saved: it was a 500, issue 13)."""
    workbook = Workbook()
    if not appendices:
        workbook.active.title = "Dự toán"
        append_row(workbook.active, [_("Kế hoạch chưa có phụ lục dự toán.")])
        out = BytesIO()
        workbook.save(out)
        return out.getvalue()
    workbook.remove(workbook.active)
    thin = Side(style="thin", color="999999")
    for appendix in appendices:
        sheet = workbook.create_sheet(appendix.code[:31])
        append_row(sheet, [appendix.code])
        append_row(sheet, [appendix.title])
        append_row(sheet, [f"Đơn vị tính: {appendix.money_unit.capitalize()}"])
        append_row(sheet, [])
        header = [*FIXED_HEADERS, *appendix.years]
        append_row(sheet, header)
        for cell in sheet[5]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EEF7")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for line in appendix.lines:
            append_row(sheet, [
                "Tổng cộng" if line.is_grand_total else line.shown_code,
                "" if line.is_grand_total else line.content, line.unit,
                _cell_value(line.quantity), _cell_value(line.unit_price), _cell_value(line.total),
                *(_cell_value(line.years.get(y)) for y in appendix.years)])
            if line.is_grand_total or line.parent_code is None:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
            for source, split in line.sources.items():
                append_row(sheet, ["-", SOURCE_LABELS[source], None, None, None,
                                   _cell_value(split.get(None)),
                                   *(_cell_value(split.get(y)) for y in appendix.years)])
        for row in sheet.iter_rows(min_row=5):
            for cell in row:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                if cell.column >= 4:
                    cell.number_format = "#,##0.###"
        sheet.column_dimensions["A"].width = 8
        sheet.column_dimensions["B"].width = 60
        for col in range(3, len(header) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 11
        sheet.freeze_panes = "C6"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
