"""Excel (.xlsx) appendices: read every sheet, and write one sheet per appendix."""

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..sheet import AppendixData, BudgetDocument
from .grid import Row, read_rows

FIXED_HEADERS = ["TT", "Nội dung", "Đơn vị", "Số lượng", "Đơn giá", "Tổng kinh phí"]


class UnreadableWorkbook(ValueError):
    pass


def read_xlsx(content: bytes, source: str = "") -> BudgetDocument:
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableWorkbook(
            _("Tệp “%(name)s” không phải là bảng tính Excel (.xlsx) đọc được.") % {"name": source}
        ) from exc
    return read_rows(_rows(workbook), source)


def _rows(workbook) -> Iterator[Row]:
    for sheet in workbook.worksheets:
        for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            def locate(c, r=r, title=sheet.title):
                return _("ô %(cell)s, trang tính “%(sheet)s”") % {
                    "cell": f"{get_column_letter(c + 1)}{r}", "sheet": title}
            yield Row(list(values), locate)


def _cell_value(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write_xlsx(appendices: list[AppendixData]) -> bytes:
    """One sheet per appendix in the seeds' layout, numbers as numbers (formatted 1.350)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin", color="999999")
    for appendix in appendices:
        sheet = workbook.create_sheet(appendix.code[:31])
        sheet.append([appendix.code])
        sheet.append([appendix.title])
        sheet.append([f"Đơn vị tính: {appendix.money_unit.capitalize()}"])
        sheet.append([])
        header = [*FIXED_HEADERS, *appendix.years]
        sheet.append(header)
        for cell in sheet[5]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EEF7")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for line in appendix.lines:
            sheet.append([
                "Tổng cộng" if line.is_grand_total else line.code,
                "" if line.is_grand_total else line.content, line.unit,
                _cell_value(line.quantity), _cell_value(line.unit_price), _cell_value(line.total),
                *(_cell_value(line.years.get(y)) for y in appendix.years)])
            if line.is_grand_total or "." not in line.code:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
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
