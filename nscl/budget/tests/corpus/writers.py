"""Writing made-to-order appendices the way provinces publish them: text extracted from a PDF,
Excel workbooks with their habits, Word documents with merged cells."""

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from nscl.budget.sheet import MONEY_UNITS
from nscl.core.numbers import INTL, VN, format_number

from .model import Appendix, Line

SOURCE_SHORT = {"trung_uong": "NSTW", "tinh": "NS tỉnh", "huyen_xa": "NS huyện",
                "xa_hoi_hoa": "XHH", "doanh_nghiep": "DN đối ứng", "khac": "Nguồn khác"}
SOURCE_LONG = {"trung_uong": "Ngân sách trung ương", "tinh": "Ngân sách tỉnh",
               "huyen_xa": "Ngân sách huyện, xã", "xa_hoi_hoa": "Xã hội hóa",
               "doanh_nghiep": "Doanh nghiệp đối ứng", "khac": "Nguồn khác"}
UNIT_WRITTEN = {"đồng": "Đồng", "nghìn đồng": "Nghìn đồng", "triệu đồng": "Triệu đồng",
                "tỷ đồng": "Tỷ đồng"}


@dataclass
class Layout:
    fmt: str = "txt"
    style: str = VN
    intl_grouped: bool = True
    year_label: str = "{y}"
    total_after_years: bool = False
    total_name: str = "Tổng cộng"
    total_top: bool = False
    unit_statement: str = "line"  # line | dvt | header | none
    header_code: str = "TT"
    column_numbers: bool = False
    page_break_after: int | None = None  # repeat the header after this many rows
    notes: list[str] = field(default_factory=list)
    wrap_content: bool = False
    # spreadsheets
    numbers_as_text: bool = False
    merged_header: bool = False
    group_formulas: bool = False
    hidden_line: str | None = None
    formula_missing: str | None = None  # a leaf whose total is a formula with no stored value
    date_price: str | None = None  # a leaf whose unit price cell holds a date
    merged_codes: bool = False
    one_sheet: bool = False
    extra_sheet: bool = False
    body_text: bool = False


# -- numbers ---------------------------------------------------------------------------------
def published(value: Decimal, unit: str) -> Decimal:
    number = value * Decimal(10**6) / Decimal(MONEY_UNITS[unit])
    return number.normalize() if number != number.to_integral_value() else number.quantize(1)


def written(value: Decimal | None, layout: Layout, unit: str | None = None) -> str:
    if value is None:
        return ""
    number = published(value, unit) if unit else value
    if layout.style == INTL and not layout.intl_grouped:
        text = format_number(number, style=INTL)
        return text.replace(",", "")
    return format_number(number, style=layout.style)


def _unit_text(appendix: Appendix) -> str:
    return UNIT_WRITTEN[appendix.money_unit]


# -- columns ---------------------------------------------------------------------------------
def amount_columns(appendix: Appendix, layout: Layout) -> list[tuple[int | None, str | None]]:
    """(year, source) of each amount column in printed order; (None, None) is the total."""
    years = [(y, None) for y in appendix.years]
    if appendix.source_mode == "year_columns":
        cols = [(None, None)]
        for y in appendix.years:
            cols += [(y, None)] + [(y, s) for s in appendix.sources]
        return cols
    total = [(None, None)]
    if appendix.source_mode == "columns":
        total += [(None, s) for s in appendix.sources]
    return years + total if layout.total_after_years else total + years


def amount_of(line: Line, col: tuple[int | None, str | None]) -> Decimal | None:
    year, source = col
    if source:
        return line.sources.get(source, {}).get(year)
    return line.total if year is None else line.years.get(year)


def _year(layout: Layout, y: int) -> str:
    return layout.year_label.format(y=y)


def _total_header(appendix: Appendix, layout: Layout) -> str:
    base = "Tổng kinh phí"
    if layout.unit_statement == "header":
        base += f" ({appendix.money_unit})"
    return base


def _rows(appendix: Appendix, layout: Layout) -> list[tuple[str, Line | None, str | None]]:
    """(kind, line, source) in printed order: line rows, source sub-rows, the total row."""
    body: list[tuple[str, Line | None, str | None]] = []
    for line in appendix.lines():
        body.append(("line", line, None))
        if appendix.source_mode == "rows" and line.sources and not line.duplicate:
            body += [("source", line, s) for s in appendix.sources]
    grand = [("grand", appendix.grand, None)]
    if appendix.source_mode == "rows":
        grand += [("source", appendix.grand, s) for s in appendix.sources]
    return grand + body if layout.total_top else body + grand


def _source_value(line: Line, source: str, col) -> Decimal | None:
    year, col_source = col
    if col_source:
        return None
    return line.sources[source].get(year)


def _page_break(layout: Layout, n: int, kind: str, done: bool) -> bool:
    """Repeat the header once, before the first line row past `page_break_after`."""
    return bool(layout.page_break_after) and not done and n >= layout.page_break_after \
        and kind == "line"


# -- text ------------------------------------------------------------------------------------
def text_header_lines(appendix: Appendix, layout: Layout, with_items: bool) -> list[str]:
    lines = [f"{layout.header_code} Nội dung" + (" Đơn vị" if with_items else "")]
    if with_items:
        lines += ["Số", "lượng", "Đơn", "giá"]
    years_line = " ".join(_year(layout, y).replace("\n", " ") for y in appendix.years)
    total = _total_header(appendix, layout)
    sources = [SOURCE_SHORT[s] for s in appendix.sources]
    if appendix.source_mode == "year_columns":
        lines += [total, years_line, " ".join(["Tổng số", *sources] * len(appendix.years))]
    elif layout.total_after_years:
        lines += ["Kinh phí theo năm", years_line, total]
        if appendix.source_mode == "columns":
            lines += ["Trong đó", " ".join(sources)]
    else:
        lines += total.split(" ", 1)
        if appendix.source_mode == "columns":
            lines += ["Trong đó", " ".join(sources)]
        lines += ["Dự toán kinh phí", years_line]
    return lines


def write_text(appendices: list[Appendix], layout: Layout) -> bytes:
    out: list[str] = []
    if layout.body_text:
        out += ["ỦY BAN NHÂN DÂN TỈNH", "KẾ HOẠCH", "Thực hiện Chương trình nâng cao năng suất",
                "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức của doanh nghiệp.", ""]
    for appendix in appendices:
        with_items = appendix.with_items
        cols = amount_columns(appendix, layout)
        if appendix.heading:
            out.append(appendix.heading)
        out.append(appendix.title)
        out.append("(Kèm theo Kế hoạch số 99/KH-UBND của Ủy ban nhân dân tỉnh)")
        if layout.unit_statement == "line":
            out.append(f"Đơn vị tính: {_unit_text(appendix)}")
        elif layout.unit_statement == "dvt":
            out.append("ĐVT: 1.000 đồng" if appendix.money_unit == "nghìn đồng"
                       else f"ĐVT: {_unit_text(appendix)}")
        header = text_header_lines(appendix, layout, with_items)
        out += header
        if layout.column_numbers:
            width = 3 + len(cols) + (3 if with_items else 0)
            out.append(" ".join(f"({i})" for i in range(1, width)))
        broken = False
        for n, (kind, line, source) in enumerate(_rows(appendix, layout)):
            if _page_break(layout, n, kind, broken):
                broken = True
                out += ["", "2", ""] + header
            out += _text_row(appendix, layout, kind, line, source, cols, with_items)
        out += layout.notes
        out.append("")
    return ("\n".join(out) + "\n").encode()


def _text_row(appendix, layout, kind, line, source, cols, with_items) -> list[str]:
    unit = appendix.money_unit
    if kind == "source":
        values = [written(_source_value(line, source, c) or Decimal(0), layout, unit)
                  for c in cols if not c[1]]
        return [f"- {SOURCE_LONG[source]} " + " ".join(values)]
    values = [written(amount_of(line, c) if amount_of(line, c) is not None else Decimal(0),
                      layout, unit) for c in cols]
    if kind == "grand":
        return [f"{layout.total_name} " + " ".join(values)]
    items = ""
    if with_items and line.qty is not None:
        items = f"{line.unit} {written(line.qty, layout)} {written(line.price, layout, unit)} "
    if layout.wrap_content and len(line.content.split()) > 4:
        words = line.content.split()
        half = len(words) // 2
        return [f"{line.shown} {' '.join(words[:half])}",
                f"{' '.join(words[half:])} {items}" + " ".join(values)]
    return [f"{line.shown} {line.content} {items}" + " ".join(values)]


# -- Excel -----------------------------------------------------------------------------------
def write_xlsx(appendices: list[Appendix], layout: Layout) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    cached: dict[tuple[str, str], str] = {}
    sheet = None
    for index, appendix in enumerate(appendices):
        if sheet is None or not layout.one_sheet:
            sheet = book.create_sheet(f"PL{index + 1}")
        else:
            sheet.append([])
            sheet.append([])
        _xlsx_appendix(sheet, appendix, layout, appendix.with_items, cached)
    if layout.extra_sheet:
        notes = book.create_sheet("Ghi chú")
        notes.append(["Bảng này chỉ để ghi chú, không có số liệu dự toán."])
        notes.append(["Người lập biểu", "Kế toán trưởng"])
    out = BytesIO()
    book.save(out)
    return _cache_formulas(out.getvalue(), cached, book)


def _cell(value: Decimal | None, layout: Layout, unit: str | None):
    if value is None:
        return None
    if layout.numbers_as_text:
        return written(value, layout, unit)
    number = published(value, unit) if unit else value
    return int(number) if number == number.to_integral_value() else float(number)


def _xlsx_appendix(sheet, appendix: Appendix, layout: Layout, with_items: bool, cached) -> None:
    import datetime as dt

    from openpyxl.utils import get_column_letter

    unit = appendix.money_unit
    cols = amount_columns(appendix, layout)
    if appendix.heading:
        sheet.append([appendix.heading])
    sheet.append([appendix.title])
    if layout.unit_statement in {"line", "dvt"}:
        sheet.append([None, None, f"Đơn vị tính: {_unit_text(appendix)}"])
    fixed = [layout.header_code, "Nội dung"] + (["Đơn vị tính", "Số lượng", "Đơn giá"]
                                                 if with_items else [])
    first = sheet.max_row + 1
    start_col = len(fixed) + 1
    two_rows = layout.merged_header or appendix.source_mode == "year_columns"
    top, bottom = list(fixed), list(fixed)
    for year, source in cols:
        if year is None and source is None:
            top.append(_total_header(appendix, layout))
            bottom.append(_total_header(appendix, layout))
        elif year is None:
            top.append("Trong đó")
            bottom.append(SOURCE_SHORT[source])
        elif source is None and appendix.source_mode == "year_columns":
            top.append(_year(layout, year))
            bottom.append("Tổng số")
        elif source:
            top.append(_year(layout, year))
            bottom.append(SOURCE_SHORT[source])
        else:
            top.append("Dự toán kinh phí")
            bottom.append(_year(layout, year))
    if two_rows:
        sheet.append(top)
        sheet.append(bottom)
        for c in range(1, start_col):  # fixed columns span both header rows
            sheet.merge_cells(start_row=first, start_column=c, end_row=first + 1, end_column=c)
        c = start_col
        while c <= len(top):
            end = c
            while end + 1 <= len(top) and top[end] == top[c - 1] and top[c - 1] != bottom[c - 1]:
                end += 1
            if end > c:
                sheet.merge_cells(start_row=first, start_column=c, end_row=first, end_column=end)
            elif top[c - 1] == bottom[c - 1]:
                sheet.merge_cells(start_row=first, start_column=c, end_row=first + 1, end_column=c)
            c = end + 1
        header_rows = [first, first + 1]
    else:
        sheet.append(bottom)
        header_rows = [first]
    if layout.column_numbers:
        sheet.append([f"({i})" for i in range(1, len(top) + 1)])
    rows = _rows(appendix, layout)
    line_rows: dict[str, int] = {}
    broken = False
    for n, (kind, line, source) in enumerate(rows):
        if _page_break(layout, n, kind, broken):
            broken = True
            for r in header_rows:
                sheet.append([c.value for c in sheet[r]])
        r = sheet.max_row + 1
        if kind == "source":
            values = [_cell(_source_value(line, source, c), layout, unit) for c in cols]
            code = "" if layout.merged_codes else "-"
            sheet.append([code, SOURCE_LONG[source]] + ([None] * 3 if with_items else []) + values)
            continue
        values = [_cell(amount_of(line, c), layout, unit) for c in cols]
        if kind == "grand":
            sheet.append([layout.total_name, None] + ([None] * 3 if with_items else []) + values)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            continue
        items = []
        if with_items:
            items = [line.unit or None, _cell(line.qty, layout, None),
                     _cell(line.price, layout, unit)]
            if layout.date_price == line.label and not line.duplicate:
                items[2] = dt.datetime(2024, 3, 15)
        sheet.append([line.shown, line.content] + items + values)
        if not line.duplicate:
            line_rows[line.label] = r
        if layout.hidden_line == line.label and not line.duplicate:
            sheet.row_dimensions[r].hidden = True
        total_col = start_col + cols.index((None, None))
        ref = f"{get_column_letter(total_col)}{r}"
        if layout.formula_missing == line.label and not line.duplicate:
            qty, price = get_column_letter(start_col - 2), get_column_letter(start_col - 1)
            sheet[ref] = f"={qty}{r}*{price}{r}" if with_items else "=0+0"
        elif layout.group_formulas and line.children and not line.duplicate:
            sheet[ref] = "=SUM(" + ",".join(f"{{{c.label}}}" for c in line.children
                                            if not c.duplicate) + ")"
            cached[(sheet.title, ref)] = written(published(line.total, unit), Layout(style=INTL,
                                                                                 intl_grouped=False))
    if layout.merged_codes and appendix.source_mode == "rows":
        for r in line_rows.values():  # the code cell spans the line and its sub-rows
            sheet.merge_cells(start_row=r, start_column=1, end_row=r + len(appendix.sources),
                              end_column=1)
    total_letter = get_column_letter(start_col + cols.index((None, None)))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=SUM({"):
                cell.value = re.sub(r"\{([^}]+)\}",
                                    lambda m: f"{total_letter}{line_rows[m.group(1)]}", cell.value)


def _cache_formulas(content: bytes, cached: dict[tuple[str, str], str], book) -> bytes:
    """openpyxl writes formulas without their values; store the values Excel would have saved."""
    if not cached:
        return content
    names = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(book.worksheets, 1)}
    source = zipfile.ZipFile(BytesIO(content))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            for (sheet, ref), value in cached.items():
                if names.get(sheet) == item.filename:
                    data = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                                  lambda m, v=value: f"{m.group(1)}{m.group(2)}<v>{v}</v>",
                                  data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()


# -- Word ------------------------------------------------------------------------------------
def write_docx(appendices: list[Appendix], layout: Layout) -> bytes:
    from docx import Document

    document = Document()
    if layout.body_text:
        for text in ("KẾ HOẠCH Thực hiện Chương trình nâng cao năng suất chất lượng",
                     "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức của doanh nghiệp.",
                     "II. KINH PHÍ THỰC HIỆN", "Kinh phí thực hiện kế hoạch như sau:"):
            document.add_paragraph(text)
    for n, appendix in enumerate(appendices):
        if n:
            document.add_page_break()
        if appendix.heading:
            document.add_paragraph(appendix.heading)
        document.add_paragraph(appendix.title)
        if layout.unit_statement in {"line", "dvt"}:
            document.add_paragraph(f"Đơn vị tính: {_unit_text(appendix)}")
        _docx_table(document, appendix, layout, appendix.with_items)
        for note in layout.notes:
            document.add_paragraph(note)
    if layout.body_text:
        document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
        document.add_paragraph("1. Sở Khoa học và Công nghệ chủ trì triển khai kế hoạch.")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, appendix: Appendix, layout: Layout, with_items: bool) -> None:
    unit = appendix.money_unit
    cols = amount_columns(appendix, layout)
    fixed = [layout.header_code, "Nội dung"] + (["Đơn vị tính", "Số lượng", "Đơn giá"]
                                                 if with_items else [])
    width = len(fixed) + len(cols)
    two_rows = layout.merged_header or appendix.source_mode == "year_columns"
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"

    def header_rows():
        top = table.add_row().cells
        bottom = table.add_row().cells if two_rows else None
        for i, text in enumerate(fixed):
            top[i].text = text
        for k, (year, source) in enumerate(cols):
            i = len(fixed) + k
            label = (_total_header(appendix, layout) if year is None and source is None
                     else SOURCE_SHORT[source] if year is None
                     else _year(layout, year) if source is None and not two_rows
                     else _year(layout, year))
            if not two_rows:
                top[i].text = label
                continue
            if year is None and source is None:
                top[i].text = label
            elif year is None:
                top[i].text, bottom[i].text = "Trong đó", SOURCE_SHORT[source]
            elif appendix.source_mode == "year_columns":
                top[i].text = _year(layout, year)
                bottom[i].text = SOURCE_SHORT[source] if source else "Tổng số"
            else:
                top[i].text, bottom[i].text = "Dự toán kinh phí", _year(layout, year)
        if two_rows:
            r = len(table.rows)
            for i in range(width):  # merge equal tops across, lone tops down
                if not bottom[i].text:
                    table.cell(r - 2, i).merge(table.cell(r - 1, i))
            i = len(fixed)
            while i < width:
                j = i
                while j + 1 < width and table.cell(r - 2, j + 1).text == table.cell(r - 2, i).text \
                        and table.cell(r - 1, i).text:
                    j += 1
                if j > i:
                    text = table.cell(r - 2, i).text
                    merged = table.cell(r - 2, i).merge(table.cell(r - 2, j))
                    merged.text = text
                i = j + 1

    header_rows()
    merged_rows: list[tuple[int, int]] = []
    broken = False
    for n, (kind, line, source) in enumerate(_rows(appendix, layout)):
        if _page_break(layout, n, kind, broken):
            broken = True
            header_rows()
        cells = table.add_row().cells
        if kind == "source":
            cells[0].text = "" if layout.merged_codes else "-"
            cells[1].text = SOURCE_LONG[source]
            for k, c in enumerate(cols):
                cells[len(fixed) + k].text = written(_source_value(line, source, c), layout, unit)
            continue
        if kind == "grand":
            cells[0].text = layout.total_name
        else:
            cells[0].text, cells[1].text = line.shown, line.content
            if with_items and line.qty is not None:
                cells[2].text, cells[3].text = line.unit, written(line.qty, layout)
                cells[4].text = written(line.price, layout, unit)
        for k, c in enumerate(cols):
            cells[len(fixed) + k].text = written(amount_of(line, c), layout, unit)
        if kind == "line" and layout.merged_codes and appendix.source_mode == "rows" \
                and line.sources and not line.duplicate:
            merged_rows.append((len(table.rows) - 1, len(appendix.sources)))
    for row, span in merged_rows:  # the code cell spans the line and its sub-rows
        text = table.cell(row, 0).text
        merged = table.cell(row, 0).merge(table.cell(row + span, 0))
        merged.text = text
