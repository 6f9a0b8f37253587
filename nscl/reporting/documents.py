"""The documents of reporting: the consolidated report and each unit's own report as Word in the
Decree 30/2020 layout (`decree30.write`), the same as PDF (LibreOffice headless, through the one
function `pdf_bytes` a background task can call), and the report's figures as Excel.

Nothing here decides a figure: the tables come from `figures.report_tables` (live, while the
report is a draft) or from a sent version (frozen). Documents are written in Vietnamese whatever
language the person's pages are in (`VIETNAMESE`): they are official letters.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core import charts
from nscl.core.text import in_vietnamese
from nscl.core.xlsx import append_row
from nscl.organisation.names import body_name, people_committee, place_name, unit_on

from . import outline as outlines
from .decree30 import Block, DocTable, Header, Letter, vn_date_line, write  # noqa: F401
from .figures import Table
from .models import ConsolidatedReport, Submission
from .table import NUMERIC, check_rows, columns

logger = logging.getLogger(__name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _doc_table(table: Table) -> DocTable:
    return DocTable(table.title, table.headers, table.texts(), table.numeric)


def _indicator_chart(table: Table) -> Block | None:
    """The indicators' share achieved as a bar chart under their table, when any has one."""
    rows = [r for r in table.rows if r[4].value is not None]
    if not rows:
        return None
    chart = charts.Chart("indicators", "Tỷ lệ đạt của các chỉ tiêu (%)",
                         [f"CT {r[0].text}" for r in rows],
                         [charts.Series("Tỷ lệ đạt (%)", [r[4].value * 100 for r in rows])],
                         unit="%")
    return Block("picture", data=charts.png(chart))


def report_letter(report: ConsolidatedReport, tables: list[Table]) -> Letter:
    request = report.request
    sections = report.sections or {}

    def has_text(key):
        item = next((i for i in outlines.items(request.outline) if i["key"] == key), {})
        return bool(item.get("form")) or bool((sections.get(key) or "").strip())
    blocks = []
    for heading in outlines.present(request.outline, has_text):
        blocks.append(Block("heading", heading.text, heading.level))
        if heading.form:
            for table in tables:
                blocks.append(Block("table", table=_doc_table(table)))
                if table.key == "indicators":
                    chart = _indicator_chart(table)
                    if chart:
                        blocks.append(chart)
        text = (sections.get(heading.key) or "").strip()
        if text:
            blocks.append(Block("paragraph", text))
    if report.notes:
        blocks.append(Block("note", _("Nguồn số liệu, nội dung tổng hợp từ:")))
        blocks += [Block("note", f"({n}) {note}.") for n, note in enumerate(report.notes, 1)]
    return Letter(
        header=Header(report.governing_body, report.issuing_body, report.reference,
                      report.place, report.date),
        doc_type="BÁO CÁO", subject=report.subject, opening=report.opening, blocks=blocks,
        closing=report.closing, recipients=report.recipients.splitlines(),
        signer_authority=report.signer_authority, signer_title=report.signer_title,
        signer_name=report.signer_name)


@in_vietnamese
def report_docx(report: ConsolidatedReport, tables: list[Table] | None = None) -> bytes:
    if tables is None:
        from .figures import report_tables
        tables = report_tables(report.request)[1]
    return write(report_letter(report, tables))


# --- a unit's own report -------------------------------------------------------------------------

def submission_header(submission: Submission) -> Header:
    """The unit's own header on its document's date: a department under its People's
    Committee; a commune's People's Committee alone, placed at the commune."""
    day = submission.document_date or timezone.localdate()
    unit = unit_on(submission.unit, day)
    reference = submission.document_number or "…/BC"
    if unit.kind == "commune":
        place = unit.name.split(" ", 1)[1] if " " in unit.name else unit.name
        return Header("", f"ỦY BAN NHÂN DÂN {unit.name}".upper(), reference, place, day)
    province = unit_on(submission.request.plan.province, day)
    if unit.province_path() != province.province_path():
        province = unit_on(unit.province(), day)
    return Header(people_committee(province), body_name(unit).upper(), reference,
                  place_name(province), day)


def form_table(form, rows) -> DocTable:
    cols = columns(form)
    numbers, _findings = check_rows(form, rows)
    body = []
    for row in rows:
        cells = ["Tổng" if row.is_total else str(row.order)]
        for column in cols:
            cells.append(row.cell(column["key"]))
        body.append(cells)
    numeric = {n for n, c in enumerate(cols, start=1) if c["type"] in NUMERIC}
    return DocTable(_("Biểu số liệu"), ["STT", *[c["label"] for c in cols]], body, numeric)


def submission_letter(submission: Submission, rows) -> Letter:
    request = submission.request
    sections = submission.sections or {}

    def has_text(key):
        item = next((i for i in outlines.items(request.outline) if i["key"] == key), {})
        return bool(rows) if item.get("form") else bool((sections.get(key) or "").strip())
    blocks = []
    for heading in outlines.present(request.outline, has_text):
        blocks.append(Block("heading", heading.text, heading.level))
        if heading.form:
            blocks.append(Block("table", table=form_table(request.form, rows)))
        text = (sections.get(heading.key) or "").strip()
        if text:
            blocks.append(Block("paragraph", text))
    recipient = request.recipient or request.issuer
    return Letter(
        header=submission_header(submission), doc_type="BÁO CÁO",
        subject=request.name or request.subject,
        opening=_("Thực hiện %(c)s, %(u)s báo cáo kết quả như sau:") % {
            "c": request.citation(), "u": submission.author},
        blocks=blocks,
        closing=_("%(u)s kính báo cáo %(r)s./.") % {"u": submission.author,
                                                   "r": recipient.name},
        recipients=[recipient.name, "Lưu: VT"],
        signer_authority=submission.signer_authority, signer_title=submission.signer_title,
        signer_name=submission.signer_name)


@in_vietnamese
def submission_docx(submission: Submission) -> bytes:
    from .services.submissions import stored_rows
    return write(submission_letter(submission, stored_rows(submission)))


# --- PDF -----------------------------------------------------------------------------------------

class ConversionError(RuntimeError):
    """The PDF could not be made; the message (Vietnamese) is shown to the user."""


_PROFILE_LOCK = threading.Lock()


def _profile(tmp: str):
    """LibreOffice's user profile: one kept per process (starting with a made profile saves
    about a second a conversion), a fresh one when this process is already converting —
    two conversions never share a profile at the same time."""
    if _PROFILE_LOCK.acquire(blocking=False):
        folder = Path(settings.VAR_DIR) / "libreoffice" / f"profile-{os.getpid()}"
        folder.parent.mkdir(parents=True, exist_ok=True)
        return folder, _PROFILE_LOCK
    return Path(tmp) / "profile", None


def pdf_bytes(docx: bytes, timeout: int | None = None) -> bytes:
    """The same document as PDF, through LibreOffice headless. The one place a PDF is made —
    a background task calls it as it is. Past `timeout` seconds (NSCL_PDF_TIMEOUT) LibreOffice
    and every process it started are stopped, with a message."""
    timeout = timeout if timeout is not None else getattr(settings, "NSCL_PDF_TIMEOUT", 120)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConversionError(_("Máy chủ chưa cài LibreOffice (soffice) nên chưa tạo được PDF; "
                                "xin báo quản trị hệ thống. Tệp Word vẫn tải được."))
    with tempfile.TemporaryDirectory() as tmp:
        profile, held = _profile(tmp)
        try:
            return _convert(soffice, profile, tmp, docx, timeout)
        finally:
            if held is not None:
                held.release()


def _convert(soffice: str, profile: Path, tmp: str, docx: bytes, timeout: int) -> bytes:
    source = Path(tmp) / "bao-cao.docx"
    source.write_bytes(docx)
    process = subprocess.Popen(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", tmp, str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts children of its own
        process.communicate()
        shutil.rmtree(profile, ignore_errors=True)  # a killed LibreOffice may leave it locked
        raise ConversionError(_(
            "LibreOffice không chuyển xong sang PDF trong %(s)s giây nên đã dừng. Hãy thử "
            "lại lúc máy chủ rảnh hơn; nếu vẫn lỗi, tải bản Word.") % {"s": timeout}) from exc
    target = Path(tmp) / "bao-cao.pdf"
    if process.returncode != 0 or not target.exists():
        logger.warning("LibreOffice failed (%s): %r", process.returncode, err[-2000:])
        raise ConversionError(_("LibreOffice không chuyển được văn bản sang PDF (mã lỗi "
                                "%(c)s). Tệp Word vẫn tải được.") % {"c": process.returncode})
    return target.read_bytes()


# --- Excel ---------------------------------------------------------------------------------------

SHEETS = {"key": "Số liệu chủ yếu", "indicators": "Chỉ tiêu kế hoạch", "budget": "Kinh phí",
          "support": "Hỗ trợ doanh nghiệp"}


def _sheet(book, name: str, title: str, headers: list[str], rows: list[list], widths):
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(name)
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=12)
    append_row(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = "A3"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_row(sheet, [v for v, _fmt in row])
        line = sheet.max_row
        for n, (value, fmt) in enumerate(row, start=1):
            if fmt:
                sheet.cell(row=line, column=n).number_format = fmt
            elif isinstance(value, str) and len(value) > 30:
                sheet.cell(row=line, column=n).alignment = wrap
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=n).column_letter].width = width
    return sheet


def _excel_value(cell) -> tuple:
    """A number stays a number with a format Excel shows the Vietnamese way (1.234, 95,79%)."""
    if cell.value is None:
        return cell.text, None
    if cell.text.endswith("%"):
        return float(cell.value), "0.00%"
    places = cell.places if cell.places is not None else (
        0 if cell.value == cell.value.to_integral_value() else 2)
    return cell.value, "#,##0" if places == 0 else "#,##0." + "0" * places


def _widths_of(headers, rows) -> list[float]:
    widths = []
    for n, head in enumerate(headers):
        longest = max([len(str(head))] + [len(str(r[n][0])) for r in rows if n < len(r)])
        widths.append(min(max(8, longest * 1.1), 60))
    return widths


@in_vietnamese
def xlsx_bytes(report: ConsolidatedReport, tables: list[Table] | None = None) -> bytes:
    from openpyxl import Workbook

    request = report.request
    if tables is None:
        from .figures import report_tables
        tables = report_tables(request)[1]
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        rows = [[_excel_value(c) for c in row] for row in table.rows]
        _sheet(book, SHEETS.get(table.key, table.title[:31]), table.title, table.headers, rows,
               _widths_of(table.headers, rows))
    _units_sheet(book, request)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _units_sheet(book, request) -> None:
    from .services.submissions import stored_rows

    cols = columns(request.form)
    headers = [_("Đơn vị"), "STT", *[c["label"] for c in cols]]
    rows = []
    for submission in (request.submissions.filter(status="accepted").select_related("unit")
                       .prefetch_related("rows").order_by("unit__name")):
        form_rows = stored_rows(submission)
        numbers, _findings = check_rows(request.form, form_rows)
        for row in form_rows:
            line = [(submission.unit.name, None), ("Tổng" if row.is_total else row.order, None)]
            for column in cols:
                value = numbers[row.order].get(column["key"]) if column["type"] in NUMERIC \
                    else None
                line.append((value, "#,##0") if value is not None else
                            (row.cell(column["key"]), None))
            rows.append(line)
    _sheet(book, "Số liệu của đơn vị", _("Biểu số liệu của các đơn vị (báo cáo được chấp "
                                         "nhận)"), headers, rows, _widths_of(headers, rows))


def file_name(report: ConsolidatedReport, version: int | None = None) -> str:
    suffix = f"-v{version}" if version else ""
    return f"bao-cao-{report.request.number or report.request.pk}-{report.pk}{suffix}"


