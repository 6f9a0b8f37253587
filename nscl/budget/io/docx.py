"""Word (.docx) appendices: read the tables of a document, and write them in the seeds' layout."""

from collections.abc import Iterator
from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from nscl.core.numbers import format_vn_number

from ..sheet import AppendixData, BudgetDocument
from .grid import Row, read_rows
from .xlsx import FIXED_HEADERS


class UnreadableDocument(ValueError):
    pass


def read_docx(content: bytes, source: str = "") -> BudgetDocument:
    try:
        document = Document(BytesIO(content))
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        raise UnreadableDocument(
            _("Tệp “%(name)s” không phải là văn bản Word (.docx) đọc được.") % {"name": source}
        ) from exc
    return read_rows(_rows(document), source)


def _rows(document) -> Iterator[Row]:
    """Paragraphs and table rows in document order; a merged cell is read once."""
    body = document.element.body
    table_no = 0
    tables = {t._tbl: t for t in document.tables}
    paragraphs = {p._p: p for p in document.paragraphs}
    for child in body.iterchildren():
        if child in paragraphs:
            yield Row([paragraphs[child].text], lambda c: _("đoạn văn"))
        elif child in tables:
            table_no += 1
            for r, row in enumerate(tables[child].rows, start=1):
                seen, cells = set(), []
                for cell in row.cells:
                    cells.append(None if cell._tc in seen else cell.text)
                    seen.add(cell._tc)
                yield Row(cells, lambda c, r=r, t=table_no: _(
                    "bảng %(t)s, hàng %(r)s, cột %(c)s") % {"t": t, "r": r, "c": c + 1})


def write_docx(appendices: list[AppendixData]) -> bytes:
    """A landscape A4 document with each appendix's title and table, numbers as 1.350."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    for n, appendix in enumerate(appendices):
        if n:
            document.add_page_break()
        document.add_paragraph().add_run(appendix.code).bold = True
        document.add_paragraph().add_run(appendix.title).bold = True
        document.add_paragraph(f"Đơn vị tính: {appendix.money_unit.capitalize()}")
        header = [*FIXED_HEADERS, *map(str, appendix.years)]
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for line in appendix.lines:
            values = ["Tổng cộng" if line.is_grand_total else line.code,
                      "" if line.is_grand_total else line.content, line.unit,
                      format_vn_number(line.quantity), format_vn_number(line.unit_price),
                      format_vn_number(line.total),
                      *(format_vn_number(line.years.get(y)) for y in appendix.years)]
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    out = BytesIO()
    document.save(out)
    return out.getvalue()
