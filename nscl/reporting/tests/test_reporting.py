"""Reporting: requests, submissions and their table check, completeness, the consolidated report
and its documents (Word in the Decree 30 layout, PDF, Excel), the Ministry's view."""

import datetime as dt
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import load_workbook

from nscl.reporting import services
from nscl.reporting.build import report_build
from nscl.reporting.choices import ReportStatus
from nscl.reporting.documents import docx_bytes, pdf_bytes, vn_date_line, xlsx_bytes
from nscl.reporting.figures import all_tables
from nscl.reporting.models import ConsolidatedReport, ReportingRequest, Submission
from nscl.reporting.selectors import completeness, submissions_for
from nscl.reporting.table import check_rows
from nscl.workflow.engine import WorkflowError


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


def test_seed_000_table_names_the_malformed_cells_and_the_wrong_total(request_567, users):
    sct = _sub(request_567, "51-SCT")
    _costs, findings = check_rows(services.stored_rows(sct))
    assert [(f.row, f.column) for f in findings] == [(1, "cost"), (2, "cost"), ("Tổng", "total")]
    assert "“20.00.000” không phải là số hợp lệ" in findings[0].message
    assert "ghi 313.000.000 (chênh lệch -400.000)" in findings[2].message
    with pytest.raises(ValidationError, match="Dòng 1, cột Kinh phí thực hiện"):
        services.submission_submit(submission=sct, actor=users["baocao.sct.quangngai"])
    assert Submission.objects.get(pk=sct.pk).status == "draft"


def test_a_unit_sees_only_its_own_submission(users, request_567):
    mine = submissions_for(users["baocao.badinh"])
    assert [s.unit.name for s in mine] == ["Xã Ba Dinh"]
    cantho = users["baocao.sct.cantho"]
    assert {s.unit_id for s in submissions_for(cantho)} == {cantho.unit_id}
    with pytest.raises(PermissionDenied):
        services.submission_save(submission=_sub(request_567, "51-SCT"),
                                 actor=users["baocao.bavi"], sections={}, rows=[])


def test_an_accepted_submission_is_frozen(users, request_567):
    badinh = request_567.submissions.get(unit__name="Xã Ba Dinh")
    with pytest.raises(WorkflowError, match="đang ở trạng thái “Đã chấp nhận”"):
        services.submission_save(submission=badinh, actor=users["baocao.badinh"],
                                 sections={"III": "sửa"}, rows=[])


def test_reopening_a_missing_unit(users, request_567):
    bavi = request_567.submissions.get(unit__name="Xã Ba Vì")
    services.submission_reopen(submission=bavi, actor=users["vanphong.quangngai"],
                               until=dt.date(2099, 1, 1))
    state = {c.submission.pk: c.state for c in completeness(request_567)}[bavi.pk]
    assert state == "pending"


def test_the_report_merges_accepted_contributions_with_their_sources(users, request_567):
    ConsolidatedReport.objects.filter(pk=request_567.report.pk).update(status=ReportStatus.DRAFT)
    report = report_build(request=request_567, actor=users["vanphong.quangngai"])
    assert report.notes[1] == "Báo cáo ngày 12/08/2025 của UBND xã Ba Dinh"
    assert "UBND xã Ba Dinh: UBND xã chưa ban hành văn bản điều hành" in report.sections["I.2"]
    assert "Liên minh" not in " ".join(report.sections.values())  # returned: not merged
    assert "Sở Công Thương" not in " ".join(report.sections.values())  # not accepted


def test_a_sent_report_is_closed(users, request_567):
    """Issue 13: a report sent to the Ministry was re-consolidated and could be sent again."""
    office = users["vanphong.quangngai"]
    report = request_567.report
    assert report.status == ReportStatus.SENT
    with pytest.raises(WorkflowError, match="Đã gửi Bộ"):
        report_build(request=request_567, actor=office)
    with pytest.raises(WorkflowError):
        services.report_send(report=report, actor=office, figures={})
    with pytest.raises(WorkflowError):
        services.report_save(report=report, actor=office, subject="sửa sau khi gửi")


def test_word_document_in_the_decree_30_layout(request_567):
    report = request_567.report
    doc = Document(BytesIO(docx_bytes(report)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm),
            round(section.right_margin.mm)) == (20, 30, 15)
    assert section.different_first_page_header_footer
    header = doc.tables[0].rows[0].cells
    assert header[0].text.split("\n") == ["UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                                          "Số: 215/BC-SKHCN"]
    assert header[1].text.split("\n") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                          "Độc lập - Tự do - Hạnh phúc",
                                          "Quảng Ngãi, ngày 28 tháng 8 năm 2025"]
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text}
    assert fonts == {"Times New Roman"}
    assert len(doc.inline_shapes) == 1  # the indicators' chart
    closing = doc.tables[-1].rows[0].cells
    assert closing[0].text.startswith("Nơi nhận:") and "- Lưu: VT, TĐC." in closing[0].text
    assert "KT. GIÁM ĐỐC" in closing[1].text and "Nguyễn Thanh Tùng" in closing[1].text


def test_dates_follow_the_decree():
    assert vn_date_line("Quảng Ngãi", dt.date(2025, 8, 7)) == "Quảng Ngãi, ngày 07 tháng 8 năm 2025"
    assert vn_date_line("Huế", dt.date(2025, 2, 3)) == "Huế, ngày 03 tháng 02 năm 2025"


def test_the_pdf_pages_show_the_decree_elements_and_the_figures(request_567, screenshot_dir,
                                                                tmp_path):
    report = request_567.report
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(pdf_bytes(docx_bytes(report)))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595.3" in info and "841.89" in info  # A4
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(screenshot_dir / "07-report")],
                   check=True)
    assert (screenshot_dir / "07-report-1.png").exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    for element in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "Số: 215/BC-SKHCN", "Quảng Ngãi, ngày 28 tháng 8 năm 2025", "BÁO CÁO",
                    "Nơi nhận:", "KT. GIÁM ĐỐC", "Nguyễn Thanh Tùng"):
        assert element in text, element
    activities = next(t for t in all_tables(request_567.plan, 2021, 2025)
                      if t.key == "activities")
    training = next(r for r in activities.rows if r[0] == "Khóa đào tạo, tập huấn")
    assert training[1:] == ["4", "540"]  # four courses, 540 participants: the demo records
    assert "540" in text and "Khóa đào tạo, tập huấn" in text


def test_excel_has_every_figure(request_567):
    book = load_workbook(BytesIO(xlsx_bytes(request_567.report)))
    assert "Kết quả thực hiện các chỉ tiêu của Kế hoạch"[:31] in book.sheetnames
    units = list(book["Định lượng của đơn vị"].iter_rows(values_only=True))
    assert units[0][0] == "Đơn vị"


def test_the_ministry_compares_the_provinces(client, users):
    client.force_login(users["bo.khcn"])
    page = client.get("/bao-cao/so-sanh-tinh/")
    names = [r.request.plan.province.name for r in page.context["reports"]]
    assert sorted(names) == ["Tỉnh Quảng Ngãi", "Tỉnh Sóc Trăng"]
    assert "Lượt người tham dự" in page.content.decode()
    client.force_login(users["vanphong.tuyenquang"])  # a province sees only its own reports
    assert client.get("/bao-cao/so-sanh-tinh/").context["reports"] == []


def test_documents_download(client, users, request_567):
    client.force_login(users["vanphong.quangngai"])
    report = request_567.report
    for fmt, start in (("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(f"/bao-cao/bao-cao/{report.pk}/tai.{fmt}")
        assert response.status_code == 200 and response.content[:len(start)] == start, fmt
    job_page = client.get(f"/bao-cao/bao-cao/{report.pk}/tai.pdf", follow=True)
    download = job_page.context["job"]  # a job (run at once in tests): its page, then the file
    assert download.status == "done" and "job-download" in job_page.content.decode()
    pdf = client.get(f"/viec-nen/{download.pk}/tai/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:4] == b"%PDF"
    assert pdf["Content-Disposition"].startswith("attachment; filename=\"bao-cao-")
    client.force_login(users["vanphong.tuyenquang"])  # another province: neither the report
    assert client.get(f"/bao-cao/bao-cao/{report.pk}/tai.docx").status_code == 404
    assert client.get(f"/viec-nen/{download.pk}/").status_code == 404  # nor its job
    assert client.get(f"/viec-nen/{download.pk}/tai/").status_code == 404


def test_a_conversion_past_its_time_fails_with_a_message_not_an_error(settings, request_567):
    from nscl.reporting.documents import ConversionError

    word = docx_bytes(request_567.report)
    with pytest.raises(ConversionError, match="không chuyển xong sang PDF trong 0 giây"):
        pdf_bytes(word, timeout=0)


def test_reminders_before_on_and_after_the_deadline_once(request_567):
    from django.core import mail
    from django.core.management import call_command

    for day in ("10/08/2025", "15/08/2025", "18/08/2025", "18/08/2025", "16/08/2025"):
        call_command("reporting_reminders", today=day)
    to_bavi = [m for m in mail.outbox if "baocao.bavi@demo.nscl.vn" in m.to]
    assert [m.body.split(" ")[0] for m in to_bavi] == ["Còn", "Hôm", "Đã"]
    assert not [m for m in mail.outbox if "baocao.badinh@demo.nscl.vn" in m.to]  # accepted
