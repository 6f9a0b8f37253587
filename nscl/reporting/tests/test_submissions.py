"""A unit's side: the quantitative grid (checked like a budget, posted as cells, uploaded as
.xlsx all or nothing), attachments checked by their bytes and opened only through a scoped view,
its own report in the Decree 30 layout, and the time to send (late until the expiry, then only
once reopened)."""

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import load_workbook

from nscl.reporting import services
from nscl.reporting.choices import DEFAULT_FORM
from nscl.reporting.documents import submission_docx
from nscl.reporting.models import ReportingRequest, Submission, SubmissionAttachment
from nscl.reporting.permissions import sending_window
from nscl.reporting.selectors import completeness, submissions_for
from nscl.reporting.table import (
    RowInput,
    check_rows,
    default_row,
    form_xlsx,
    rows_from_post,
    rows_from_xlsx,
)
from nscl.workflow.engine import WorkflowError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def request_567(db):
    return ReportingRequest.objects.get(number="567", symbol="SKHCN-TĐC")


def _sub(request, code):
    return request.submissions.get(unit__code=code)


def test_the_demo_holds_567_with_seeds_000_and_001(request_567):
    states = {c.submission.unit.name: c.state for c in completeness(request_567)}
    assert states == {
        "Sở Công Thương tỉnh Quảng Ngãi": "missing",  # seed 000: entered, its table to be fixed
        "Xã Ba Dinh": "on_time",  # seed 001
        "Sở Tài chính tỉnh Quảng Ngãi": "on_time",
        "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi": "late",
        "Liên minh Hợp tác xã tỉnh Quảng Ngãi": "returned",
        "Xã Ba Vì": "missing",
    }
    sct = _sub(request_567, "51-SCT")
    assert sct.document_number == "476/BC-SCT" and sct.rows.count() == 5
    assert _sub(request_567, "51-SNNMT").is_late


def test_seed_000_grid_names_the_malformed_cells_and_the_wrong_total(request_567, users):
    sct = _sub(request_567, "51-SCT")
    _numbers, findings = check_rows(request_567.form, services.stored_rows(sct))
    assert [(f.row, f.column) for f in findings] == [(1, "cost"), (2, "cost"), ("Tổng", "total")]
    assert "cột Kinh phí thực hiện (đồng): “20.00.000” không phải là số hợp lệ" in \
        findings[0].message
    assert "ghi 313.000.000 (chênh lệch -400.000)" in findings[2].message
    with pytest.raises(ValidationError, match="Dòng 1, cột Kinh phí thực hiện"):
        services.submission_submit(submission=sct, actor=users["baocao.sct.quangngai"],
                                   today=dt.date(2025, 8, 10))
    assert Submission.objects.get(pk=sct.pk).status == "draft"


def test_a_form_of_its_own_checks_every_numeric_column():
    form = {"columns": [{"key": "c1", "label": "Chỉ tiêu", "type": "text"},
                        {"key": "n2", "label": "Số lượng", "type": "number"},
                        {"key": "m3", "label": "Kinh phí", "type": "money"}],
            "rows": ["Hội nghị", "Tập huấn"], "total": True}
    rows = [RowInput(1, {"c1": "Hội nghị", "n2": "2", "m3": "5.000.000"}),
            RowInput(2, {"c1": "Tập huấn", "n2": "3", "m3": "1.500.000,5"}),
            RowInput(3, {"c1": "Tổng", "n2": "6", "m3": "6.500.000,5"}, True)]
    numbers, findings = check_rows(form, rows)
    assert numbers[2]["m3"] == pytest.approx(1500000.5)
    assert [f.message for f in findings] == [
        "Dòng Tổng, cột Số lượng: cộng các dòng 1–2 được 5 nhưng ghi 6 (chênh lệch 1)."]


def test_the_posted_grid_drops_empty_rows_and_keeps_the_total_last():
    data = {"r-1-activity": "Hội nghị", "r-1-cost": "5.000.000", "r-3-total": "1",
            "r-3-activity": "Tổng", "r-3-cost": "5.000.000", "r-901-activity": "",
            "r-901-cost": "", "r-1002-activity": "Tuyên truyền", "r-1002-cost": "0"}
    rows = rows_from_post(DEFAULT_FORM, data)
    assert [(r.order, r.cell("activity"), r.is_total) for r in rows] == [
        (1, "Hội nghị", False), (2, "Tuyên truyền", False), (3, "Tổng", True)]


def test_the_form_goes_out_to_excel_and_back(request_567):
    rows = [default_row(1, "Hội nghị tuyên truyền", "5.000.000", "2024"),
            default_row(2, "Tập huấn", "12.500.000", "2025"),
            default_row(3, "Tổng", "17.500.000", "", True)]
    content = form_xlsx(DEFAULT_FORM, rows, "567/SKHCN-TĐC — Xã Ba Vì")
    sheet = load_workbook(BytesIO(content)).active
    assert sheet["C3"].value == 5000000 and sheet["C3"].number_format == "#,##0"
    assert sheet.freeze_panes == "A3" and sheet["B2"].font.bold
    back = rows_from_xlsx(DEFAULT_FORM, content)
    assert [(r.cell("activity"), r.cell("cost"), r.is_total) for r in back] == [
        ("Hội nghị tuyên truyền", "5.000.000", False), ("Tập huấn", "12.500.000", False),
        ("Tổng", "17.500.000", True)]
    book = load_workbook(BytesIO(content))
    book.active["C4"] = "12.50.000"  # a malformed cell: nothing is read, the cell is named
    out = BytesIO()
    book.save(out)
    with pytest.raises(ValidationError) as refused:
        rows_from_xlsx(DEFAULT_FORM, out.getvalue())
    assert "Dòng 2, cột Kinh phí thực hiện (đồng): “12.50.000”" in refused.value.messages[0]
    with pytest.raises(ValidationError, match="không phải là bảng tính Excel"):
        rows_from_xlsx(DEFAULT_FORM, b"not a workbook")


def test_sending_on_time_late_and_after_the_expiry(request_567, users):
    bavi = request_567.submissions.get(unit__name="Xã Ba Vì")
    reporter = users["baocao.bavi"]
    assert sending_window(bavi, dt.date(2025, 8, 15))  # the deadline
    assert sending_window(bavi, dt.date(2025, 8, 25))  # late, until the expiry
    closed = sending_window(bavi, dt.date(2025, 8, 26))
    assert not closed and "Đã hết hạn nhận báo cáo (25/08/2025)" in closed.reason
    services.submission_save(submission=bavi, actor=reporter, sections={"communication": "Có"},
                             rows=[])
    with pytest.raises(PermissionDenied, match="Đã hết hạn nhận báo cáo"):
        services.submission_submit(submission=bavi, actor=reporter)
    services.submission_reopen(submission=bavi, actor=users["vanphong.quangngai"],
                               until=dt.date(2099, 1, 1))
    sent = services.submission_submit(submission=bavi, actor=reporter)
    assert sent.status == "submitted" and not sent.is_late  # within its new deadline
    late = services.submission_submit(
        submission=_reset(request_567, "Sở Công Thương tỉnh Quảng Ngãi", users),
        actor=users["baocao.sct.quangngai"], today=dt.date(2025, 8, 20))
    assert late.status == "submitted"


def _reset(request, name, users):
    """The seed 000 department with its table corrected."""
    sct = request.submissions.get(unit__name=name)
    return services.submission_save(
        submission=sct, actor=users["baocao.sct.quangngai"], sections=sct.sections,
        rows=[default_row(1, "Điều tra, khảo sát", "20.000.000", "2021"),
              default_row(2, "Tổng", "20.000.000", "", True)])


def test_a_unit_sees_only_its_own_submission(users, request_567):
    mine = submissions_for(users["baocao.badinh"])
    assert [s.unit.name for s in mine] == ["Xã Ba Dinh"]
    with pytest.raises(PermissionDenied):
        services.submission_save(submission=_sub(request_567, "51-SCT"),
                                 actor=users["baocao.bavi"], sections={}, rows=[])


def test_an_accepted_submission_is_frozen(users, request_567):
    badinh = request_567.submissions.get(unit__name="Xã Ba Dinh")
    with pytest.raises(WorkflowError, match="đang ở trạng thái “Đã chấp nhận”"):
        services.submission_save(submission=badinh, actor=users["baocao.badinh"],
                                 sections={"proposals": "sửa"}, rows=[])


def test_attachments_are_checked_by_their_bytes_and_served_only_in_scope(
        client, users, request_567, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    bavi = request_567.submissions.get(unit__name="Xã Ba Vì")
    reporter = users["baocao.bavi"]
    added = services.attachment_add(submission=bavi, actor=reporter, kind="signed_report",
                                    title="Báo cáo đã ký", name="../../bao cao.pdf",
                                    content=PDF)
    assert added.original_name == "bao cao.pdf" and added.size == len(PDF)
    assert str(tmp_path) in added.file.path and ".." not in added.file.name
    for name, content, message in (
            ("virus.pdf", b"MZ\x90\x00", "không phải là tệp PDF thật"),
            ("bang.exe", b"MZ", "chỉ nhận PDF"),
            ("to.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "lớn hơn 10 MB"),
            ("bang.xlsx", b"PK\x03\x04not a zip", "không phải là tệp XLSX thật")):
        with pytest.raises(ValidationError, match=message):
            services.attachment_add(submission=bavi, actor=reporter, kind="annex", title="",
                                    name=name, content=content)
    assert bavi.attachments.count() == 1
    client.force_login(users["vanphong.quangngai"])  # the office reviews it
    response = client.get(f"/bao-cao/dinh-kem/{added.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    named = services.attachment_add(submission=bavi, actor=reporter, kind="annex",
                                    title="Phụ lục", name="Phụ lục số liệu.pdf", content=PDF)
    header = client.get(f"/bao-cao/dinh-kem/{named.pk}/")["Content-Disposition"]
    assert header.startswith("inline;") and "Ph%E1%BB%A5%20l%E1%BB%A5c" in header
    for outsider in ("baocao.badinh", "vanphong.cantho", "bo.khcn"):
        client.force_login(users[outsider])
        assert client.get(f"/bao-cao/dinh-kem/{added.pk}/").status_code == 404, outsider
    services.attachment_remove(attachment=added, actor=reporter)
    assert not SubmissionAttachment.objects.filter(pk=added.pk).exists()


def test_a_unit_downloads_its_own_report_with_its_own_header(client, users, request_567):
    badinh = request_567.submissions.get(unit__name="Xã Ba Dinh")
    doc = Document(BytesIO(submission_docx(badinh)))
    left, right = doc.tables[0].rows[0].cells
    assert left.text.split("\n")[0] == "ỦY BAN NHÂN DÂN XÃ BA DINH"
    assert right.text.split("\n")[-1] == "Ba Dinh, ngày 12 tháng 8 năm 2025"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Thực hiện Công văn số 567/SKHCN-TĐC ngày 31/7/2025 của Sở Khoa học và Công nghệ " \
           "tỉnh Quảng Ngãi về việc phối hợp báo cáo sơ kết" in body
    assert "UBND xã Ba Dinh kính báo cáo Sở Khoa học và Công nghệ tỉnh Quảng Ngãi./." in body
    assert "III. ĐỀ XUẤT, KIẾN NGHỊ" in body  # seed 001 wrote no shortcomings: no empty III
    assert "TỒN TẠI" not in body
    sct = _sub(request_567, "51-SCT")
    department = Document(BytesIO(submission_docx(sct))).tables[0].rows[0].cells[0].text
    assert [line for line in department.split("\n") if line] == [
        "UBND TỈNH QUẢNG NGÃI", "SỞ CÔNG THƯƠNG", "Số: 476/BC-SCT"]
    client.force_login(users["baocao.badinh"])
    assert client.get(f"/bao-cao/dong-gop/{badinh.pk}/tai.docx").content[:2] == b"PK"
    assert client.get(f"/bao-cao/dong-gop/{sct.pk}/tai.docx").status_code == 404
    with zipfile.ZipFile(BytesIO(client.get(
            f"/bao-cao/dong-gop/{badinh.pk}/tai.docx").content)) as archive:
        assert "word/document.xml" in archive.namelist()
