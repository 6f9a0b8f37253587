"""Word (.docx) appendices: the paragraphs and tables of a document in order, and the export."""

from collections.abc import Iterator
from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from nscl.core.numbers import format_vn_number
from nscl.core.spreadsheets import Limits, SpreadsheetError, open_office_zip
from nscl.core.text import strip_controls

from ..sheet import SOURCE_LABELS, AppendixData
from .grid import GridCell, GridRow
from .xlsx import FIXED_HEADERS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableDocument(SpreadsheetError):
    pass


def docx_streams(content: bytes, source: str = "") -> list[tuple[str, list[GridRow]]]:
    limits = Limits.from_settings()
    try:
        open_office_zip(content, label=source, kind=_("văn bản Word (.docx)"), limits=limits)
    except SpreadsheetError as exc:
        raise UnreadableDocument(str(exc)) from exc
    try:
        document = Document(BytesIO(content))
        rows = list(_rows(document, limits, source))
    except SpreadsheetError as exc:
        raise UnreadableDocument(str(exc)) from exc
    except Exception as exc:  # python-docx and lxml raise several kinds for a broken file
        raise UnreadableDocument(
            _("Tệp “%(name)s” không phải là văn bản Word (.docx) đọc được, hoặc đã bị hỏng.")
            % {"name": source}) from exc
    return [("", rows)]


def _text(element) -> str:
    """The text of a paragraph or cell, paragraphs joined by line breaks."""
    paragraphs = []
    for p in element.iter(f"{_W}p"):
        paragraphs.append("".join(t.text or "" for t in p.iter(f"{_W}t")))
    return "\n".join(paragraphs).strip()


def _rows(document, limits: Limits, source: str) -> Iterator[GridRow]:
    """Paragraphs (one-cell rows) and table rows in document order. A horizontally merged cell
    (gridSpan) is followed by continuation cells, a vertically merged one (vMerge) is marked, so a
    merged code never repeats into the rows below it."""
    table_no, count, cells_read = 0, 0, 0
    cell_label = _("bảng %(t)s, hàng %(r)s, cột %(c)s")
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _text(child)
            if text:
                where = _("đoạn văn")
                yield GridRow([GridCell(text)], lambda c, w=where: w, where, table=0)
        elif tag == "tbl":
            table_no += 1
            for r, tr in enumerate(child.iterchildren(f"{_W}tr"), start=1):
                count += 1
                if count > limits.max_rows:
                    raise SpreadsheetError(_("Tệp “%(name)s” có quá nhiều hàng bảng (tối đa "
                                             "%(n)s).") % {"name": source,
                                                           "n": format_vn_number(limits.max_rows)})
                cells = []
                props = tr.find(f"{_W}trPr")
                before = props.find(f"{_W}gridBefore") if props is not None else None
                if before is not None:
                    cells += [GridCell()] * int(before.get(f"{_W}val", "0") or 0)
                for tc in tr.iterchildren(f"{_W}tc"):
                    tc_pr = tc.find(f"{_W}tcPr")
                    span, vmerge = 1, None
                    if tc_pr is not None:
                        grid_span = tc_pr.find(f"{_W}gridSpan")
                        span = int(grid_span.get(f"{_W}val", "1")) if grid_span is not None else 1
                        v = tc_pr.find(f"{_W}vMerge")
                        vmerge = (v.get(f"{_W}val") or "continue") if v is not None else None
                    if vmerge == "continue":
                        cells.append(GridCell(None, "up"))
                    else:
                        cells.append(GridCell(_text(tc)))
                    cells += [GridCell(None, "left") for _extra in range(max(span, 1) - 1)]
                cells_read += len(cells)
                if len(cells) > limits.max_columns or cells_read > limits.max_cells:
                    raise SpreadsheetError(_("Tệp “%(name)s” có bảng quá lớn (tối đa %(c)s cột, "
                                             "%(n)s ô).") % {
                        "name": source, "c": limits.max_columns,
                        "n": format_vn_number(limits.max_cells)})

                def locate(c, r=r, t=table_no, text=cell_label):
                    return text % {"t": t, "r": r, "c": c + 1}

                where = _("bảng %(t)s, hàng %(r)s") % {"t": table_no, "r": r}
                yield GridRow(cells, locate, where, table=table_no)


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
        document.add_paragraph().add_run(strip_controls(appendix.code)).bold = True
        document.add_paragraph().add_run(strip_controls(appendix.title)).bold = True
        document.add_paragraph(f"Đơn vị tính: {appendix.money_unit.capitalize()}")
        header = [*FIXED_HEADERS, *map(str, appendix.years)]
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for line in appendix.lines:
            rows = [["Tổng cộng" if line.is_grand_total else line.shown_code,
                     "" if line.is_grand_total else line.content, line.unit,
                     format_vn_number(line.quantity), format_vn_number(line.unit_price),
                     format_vn_number(line.total),
                     *(format_vn_number(line.years.get(y)) for y in appendix.years)]]
            rows += [["-", SOURCE_LABELS[s], "", "", "", format_vn_number(split.get(None)),
                      *(format_vn_number(split.get(y)) for y in appendix.years)]
                     for s, split in line.sources.items()]
            for values in rows:
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = strip_controls(text)  # text stored before inputs were cleaned
    out = BytesIO()
    document.save(out)
    return out.getvalue()
