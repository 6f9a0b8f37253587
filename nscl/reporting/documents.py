"""The consolidated report as documents: Word in the layout of Decree 30/2020/NĐ-CP (with its
tables and a chart), PDF of
the same (LibreOffice headless), and Excel of every figure.

Decree 30, Appendix I: A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New
Roman; the two-column header (governing and issuing body, number; national title and motto,
place and date); "BÁO CÁO" and the subject centred; the body justified, 14 pt, first-line
indent 1,27 cm, 6 pt between paragraphs; the closing block ("Nơi nhận:" and the signer); page
numbers centred in the top margin, none on the first page.
"""

import datetime as dt
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from openpyxl import Workbook

from nscl.core import charts

from .choices import SKELETON
from .figures import Table, all_tables
from .models import ConsolidatedReport

FONT = "Times New Roman"
logger = logging.getLogger(__name__)


def vn_date_line(place: str, day: dt.date) -> str:
    """`Quảng Ngãi, ngày 07 tháng 8 năm 2025`: leading zero for days < 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _run(paragraph, text, size=14, bold=False, italic=False, upper=False):
    run = paragraph.add_run(text.upper() if upper else text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _para(cell_or_doc, text="", size=14, bold=False, italic=False, align=None, upper=False,
          space_after=0):
    paragraph = cell_or_doc.add_paragraph()
    if text:
        _run(paragraph, text, size, bold, italic, upper)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice both honour cell widths with autofit off)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _short_rule(paragraph) -> None:
    """The short line under the issuing body, the motto and the subject."""
    _para_border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    _para_border.append(bottom)
    paragraph._p.get_or_add_pPr().append(_para_border)


def _page_numbers(section) -> None:
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _header(doc, report: ConsolidatedReport) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Cm(6.9), Cm(9.6)])
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    _run(left.paragraphs[0], report.governing_body, 13, upper=True)
    _short_rule(_para(left, report.issuing_body, 12, bold=True, align=center, upper=True))
    _para(left, f"Số: {report.reference}", 13, align=center)
    right.paragraphs[0].alignment = center
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _short_rule(_para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=center))
    _para(right, vn_date_line(report.place, report.date), 13, italic=True, align=center)


def _body(doc, report: ConsolidatedReport, tables: list[Table]) -> None:
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "", 6)
    _para(doc, "BÁO CÁO", 14, bold=True, align=center)
    _short_rule(_para(doc, report.subject, 14, bold=True, align=center, space_after=12))
    sections = report.sections or {}
    for key, heading, _level in SKELETON:
        _para(doc, heading, 14, bold=True, align=justify, space_after=6)
        if key == "II":
            _para(doc, "1. Thực hiện các nhiệm vụ, giải pháp", 14, bold=True, space_after=6)
        for line in (sections.get(key) or "").splitlines():
            paragraph = _para(doc, line, 14, align=justify, space_after=6)
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        if key == "II.1.6":
            _para(doc, "2. Định lượng kết quả đạt được", 14, bold=True, space_after=6)
            for table in tables:
                _table(doc, table)
                if table.key == "indicators" and table.rows:
                    _chart(doc, table)
    if report.notes:
        _para(doc, "Nguồn số liệu, nội dung tổng hợp từ:", 12, italic=True, space_after=3)
        for n, note in enumerate(report.notes, start=1):
            _para(doc, f"({n}) {note}.", 12, space_after=0)


def _table(doc, table: Table) -> None:
    _para(doc, table.title, 13, bold=True, italic=True, space_after=3)
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, 11, bold=True)
    for row in table.rows or [["—"] + [""] * (len(table.headers) - 1)]:
        for n, (cell, text) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            cell.paragraphs[0].alignment = (WD_ALIGN_PARAGRAPH.LEFT if n in (1, 2) and
                                            len(row) > 4 else WD_ALIGN_PARAGRAPH.CENTER)
            _run(cell.paragraphs[0], text, 11)
    _para(doc, "", 6)


def _chart(doc, table: Table) -> None:
    """The indicators' share achieved as a bar chart under their table."""
    shares = [Decimal(row[4].rstrip("%").replace(".", "").replace(",", "."))
              if row[4] not in ("—", "") else Decimal(0) for row in table.rows]
    chart = charts.Chart("indicators", "Tỷ lệ đạt của các chỉ tiêu (%)",
                         [f"CT {row[0]}" for row in table.rows],
                         [charts.Series("Tỷ lệ đạt (%)", shares)], unit="%")
    doc.add_picture(BytesIO(charts.png(chart)), width=Cm(15))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _closing(doc, report: ConsolidatedReport) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Cm(7.5), Cm(9.0)])
    left, right = table.rows[0].cells
    _run(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    lines = [line.strip(" -;.") for line in report.recipients.splitlines() if line.strip()]
    for n, line in enumerate(lines):
        _para(left, f"- {line}{'.' if n == len(lines) - 1 else ';'}", 11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].alignment = center
    _run(right.paragraphs[0], report.signer_authority, 13, bold=True, upper=True)
    _para(right, report.signer_title, 13, bold=True, align=center, upper=True)
    for _blank in range(4):
        _para(right, "", 13)
    _para(right, report.signer_name, 14, bold=True, align=center)


def docx_bytes(report: ConsolidatedReport, tables: list[Table] | None = None) -> bytes:
    request = report.request
    tables = tables if tables is not None else all_tables(request.plan, request.period_start,
                                                          request.period_end)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_numbers(section)
    _header(doc, report)
    _body(doc, report, tables)
    _closing(doc, report)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


class ConversionError(RuntimeError):
    """The PDF could not be made; the message (Vietnamese) is shown to the user."""


def pdf_bytes(docx: bytes, timeout: int | None = None) -> bytes:
    """The same document as PDF, through LibreOffice headless with its own profile directory
    (so parallel conversions do not lock each other). Runs in a background job: past `timeout`
    seconds (NSCL_PDF_TIMEOUT) LibreOffice and every process it started are stopped and the
    job fails with a message, never an uncaught error."""
    timeout = timeout if timeout is not None else settings.NSCL_PDF_TIMEOUT
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConversionError(_("Máy chủ chưa cài LibreOffice (soffice) nên chưa tạo được PDF; "
                                "xin báo quản trị hệ thống. Tệp Word vẫn tải được."))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bao-cao.docx"
        source.write_bytes(docx)
        profile = Path(tmp) / "profile"
        process = subprocess.Popen(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", tmp, str(source)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts children of its own
            process.communicate()
            raise ConversionError(_(
                "LibreOffice không chuyển xong sang PDF trong %(s)s giây nên đã dừng. Hãy thử "
                "lại lúc máy chủ rảnh hơn; nếu vẫn lỗi, tải bản Word.") % {"s": timeout}) from exc
        target = Path(tmp) / "bao-cao.pdf"
        if process.returncode != 0 or not target.exists():
            logger.warning("LibreOffice failed (%s): %r", process.returncode, err[-2000:])
            raise ConversionError(_("LibreOffice không chuyển được văn bản sang PDF (mã lỗi "
                                    "%(c)s). Tệp Word vẫn tải được.") % {"c": process.returncode})
        return target.read_bytes()


def xlsx_bytes(report: ConsolidatedReport, tables: list[Table] | None = None) -> bytes:
    request = report.request
    tables = tables if tables is not None else all_tables(request.plan, request.period_start,
                                                          request.period_end)
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append([table.title])
        sheet.append(table.headers)
        for row in table.rows:
            sheet.append(row)
    units = book.create_sheet("Định lượng của đơn vị")
    units.append(["Đơn vị", "STT", "Nội dung thực hiện", "Kinh phí (đồng)", "Thời gian"])
    for submission in request.submissions.filter(status="accepted").select_related("unit"):
        for row in submission.rows.all():
            units.append([submission.unit.name, "Tổng" if row.is_total else row.order,
                          row.activity, float(row.cost) if row.cost is not None else None,
                          row.period])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
