"""The consolidated report as officials write it (Decree 30/2020), frozen when sent: issuing
authority and place as on its date (a dissolved province before 1/7/2025, a city after), subject
with its period, an opening citing the request, no empty heading, tables that repeat their header
and never split a row, Excel numbers as numbers; sent versions kept byte for byte, corrections
as new versions; the Ministry compares reports of one kind and period."""

import datetime as dt
import hashlib
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from nscl.reporting import build, services
from nscl.reporting.choices import ReportStatus
from nscl.reporting.decree30 import vn_date_line
from nscl.reporting.documents import report_docx, xlsx_bytes
from nscl.reporting.models import ConsolidatedReport, ReportingRequest
from nscl.support.models import Payment
from nscl.workflow.engine import WorkflowError


@pytest.fixture
def soc_trang_2024(db):
    return ConsolidatedReport.objects.get(request__number="1120")


@pytest.fixture
def quang_ngai(db):
    return ConsolidatedReport.objects.get(request__number="567")


def _text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_dissolved_province_heads_its_old_period_and_a_city_heads_after(soc_trang_2024):
    request = soc_trang_2024.request
    before = build.header_for(request, dt.date(2024, 12, 26))
    assert before == {"governing_body": "UBND TỈNH SÓC TRĂNG",
                      "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "place": "Sóc Trăng"}
    after = build.header_for(request, dt.date(2025, 7, 1))
    assert after == {"governing_body": "UBND THÀNH PHỐ CẦN THƠ",
                     "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "place": "Cần Thơ"}
    assert build.closing_for(request, dt.date(2025, 7, 1)) == \
        "Sở Khoa học và Công nghệ thành phố Cần Thơ kính báo cáo Bộ Khoa học và Công nghệ./."
    frozen = soc_trang_2024.versions.get(number=1)
    header = Document(frozen.docx.open("rb")).tables[0].rows[0].cells
    assert [x for x in header[0].text.split("\n") if x] == [
        "UBND TỈNH SÓC TRĂNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 301/BC-SKHCN"]
    assert header[1].text.split("\n")[-1] == "Sóc Trăng, ngày 26 tháng 12 năm 2024"


def test_a_new_date_moves_the_header_unless_it_was_edited(users, soc_trang_2024):
    office = users["vanphong.cantho"]
    ConsolidatedReport.objects.filter(pk=soc_trang_2024.pk).update(status=ReportStatus.DRAFT)
    moved = services.report_save(report=soc_trang_2024, actor=office, date=dt.date(2025, 8, 1))
    assert (moved.governing_body, moved.place) == ("UBND THÀNH PHỐ CẦN THƠ", "Cần Thơ")
    assert "thành phố Cần Thơ kính báo cáo" in moved.closing
    edited = services.report_save(report=moved, actor=office, place="Sóc Trăng",
                                  date=dt.date(2025, 9, 1))
    assert edited.place == "Sóc Trăng" and edited.governing_body == "UBND THÀNH PHỐ CẦN THƠ"


def test_the_document_as_officials_write_it(soc_trang_2024):
    text = _text(soc_trang_2024.versions.get(number=1).docx.open("rb").read())
    assert "Kết quả thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và " \
           "chất lượng sản phẩm, hàng hóa giai đoạn 2021–2030 năm 2024" in text
    assert "Thực hiện Công văn số 1120/SKHCN-TĐC ngày 20/11/2024 của Sở Khoa học và Công nghệ " \
           "tỉnh Sóc Trăng về việc báo cáo kết quả thực hiện Chương trình năm 2024" in text
    assert "(số liệu tính từ ngày 15/12/2023 đến ngày 14/12/2024)" in text
    assert "Sở Khoa học và Công nghệ tỉnh Sóc Trăng kính báo cáo Bộ Khoa học và Công nghệ./." \
        in text
    assert "chưa có số liệu về sản phẩm truyền thông" in text
    for zero in (" 0 sản phẩm", " 0 hội thảo", " 0 lượt", " 0 chuyên gia"):
        assert zero not in text
    # no unit contributed: part I has nothing, so it is not printed, and the parts renumber
    assert "TÌNH HÌNH TRIỂN KHAI" not in text and "I. KẾT QUẢ THỰC HIỆN" in text
    assert "Đóng góp của TFP vào tăng trưởng GRDP" in text and "59,31" in text


def test_tables_repeat_their_header_and_keep_rows_whole(quang_ngai):
    doc = Document(BytesIO(report_docx(quang_ngai)))
    section = doc.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert section.different_first_page_header_footer
    grids = [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == 4
    for grid in grids:
        head = grid.rows[0]._tr.trPr
        assert head.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in grid.rows)
        widths = [c.width.cm for c in grid.rows[0].cells]
        assert abs(sum(widths) - 16.5) < 0.05 and min(widths) > 0.9
    closing = doc.tables[-1]
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert "- Lưu: VT, TĐC." in closing.rows[0].cells[0].text
    fonts = {r.font.name or p.style.font.name or doc.styles["Normal"].font.name
             for p in doc.paragraphs for r in p.runs if r.text}
    assert fonts == {"Times New Roman"}  # set on the run, or on its paragraph's style
    motto_rule = [p for p in doc.tables[0].rows[0].cells[1].paragraphs
                  if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(motto_rule) == 1  # the rule under the motto, as long as the motto
    indent = motto_rule[0].paragraph_format.left_indent.cm
    assert 1.5 < indent < 2.2  # (9,5 cm − the motto's 5,6 cm) ÷ 2


def test_excel_keeps_numbers_as_numbers(soc_trang_2024):
    book = load_workbook(BytesIO(soc_trang_2024.versions.get(number=1).xlsx.open("rb").read()))
    assert book.sheetnames == ["Số liệu chủ yếu", "Chỉ tiêu kế hoạch", "Kinh phí",
                               "Hỗ trợ doanh nghiệp", "Số liệu của đơn vị"]
    key = book["Số liệu chủ yếu"]
    assert key.freeze_panes == "A3" and key["B2"].font.bold
    paid = next(r for r in key.iter_rows(min_row=3) if r[1].value == "Kinh phí đã chi")
    assert paid[3].value == 658 and paid[3].number_format == "#,##0"
    assert paid[4].value == 1956
    communication = next(r for r in key.iter_rows(min_row=3)
                         if r[1].value == "Sản phẩm truyền thông")
    assert communication[3].value == "chưa có số liệu"
    share = next(r for r in book["Chỉ tiêu kế hoạch"].iter_rows(min_row=3) if r[4].value)
    assert isinstance(share[4].value, float) and share[4].number_format == "0.00%"
    assert key.column_dimensions["B"].width > 20


def test_the_ministry_sees_the_years_paid_amount_and_only_like_with_like(client, users):
    client.force_login(users["bo.khcn"])
    page = client.get("/bao-cao/so-sanh-tinh/")
    labels = [c.label for c in page.context["choices"]]
    assert "Báo cáo định kỳ năm 2024 (hằng năm)" in labels
    assert "Báo cáo sơ kết giai đoạn 2021–2025 (đột xuất, một lần)" in labels
    annual = next(c for c in page.context["choices"] if "năm 2024" in c.label)
    assert [e.province.name for e in annual.entries] == ["Tỉnh Sóc Trăng"]
    page = client.get("/bao-cao/so-sanh-tinh/", {"ky": annual.key, "so_lieu": "paid"})
    assert page.context["chosen"].entries[0].text("paid") == "658"
    assert 'data-province="92" data-value="658"' in page.content.decode()  # on Cần Thơ's tile
    export = client.get("/bao-cao/so-sanh-tinh/", {"ky": annual.key, "xuat": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    header = [c.value for c in sheet[2]]
    row = [c.value for c in sheet[3]]
    assert row[0] == "Tỉnh Sóc Trăng" and row[1] == "Thành phố Cần Thơ"
    assert row[header.index("Kinh phí đã chi (triệu đồng)")] == 658
    client.force_login(users["vanphong.tuyenquang"])
    assert client.get("/bao-cao/so-sanh-tinh/").status_code == 403


def test_sent_means_frozen_and_a_correction_is_version_2(client, users, quang_ngai):
    office = users["vanphong.quangngai"]
    with pytest.raises(WorkflowError, match="Đã gửi Bộ"):
        services.report_build(request=quang_ngai.request, actor=office)
    with pytest.raises(WorkflowError):
        services.report_save(report=quang_ngai, actor=office, subject="sửa sau khi gửi")
    with pytest.raises(WorkflowError):
        services.report_send(report=quang_ngai, actor=office)
    v1 = quang_ngai.versions.get(number=1)
    client.force_login(users["bo.khcn"])
    files = {fmt: client.get(f"/bao-cao/phien-ban/{v1.pk}/tai.{fmt}").content
             for fmt in ("docx", "pdf", "xlsx")}
    for fmt, content in files.items():
        assert hashlib.sha256(content).hexdigest() == getattr(v1, f"sha256_{fmt}"), fmt
    # new records and a rebuild of the next version change nothing that was sent
    Payment.objects.filter(contract__case__call_category__call__plan__province__code="cu-94") \
        .update(paid_on=dt.date(2025, 3, 3))
    services.report_correct(report=quang_ngai, actor=office, note="Bổ sung số liệu Sở Công Thương")
    draft = services.report_build(request=quang_ngai.request, actor=office)
    assert draft.version == 2 and draft.status == ReportStatus.DRAFT and draft.number == ""
    assert client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/").status_code == 200
    for fmt, content in files.items():
        assert client.get(f"/bao-cao/phien-ban/{v1.pk}/tai.{fmt}").content == content
    with pytest.raises(ValidationError, match="Ghi số văn bản"):
        services.version_freeze(report=draft, actor=office)
    services.report_save(report=draft, actor=office, number="240", date=dt.date(2025, 9, 5))
    v2 = services.version_freeze(report=draft, actor=office, pdf_maker=lambda docx: _fake_pdf())
    assert (v2.number, v2.reference, v2.date) == (2, "240/BC-SKHCN", dt.date(2025, 9, 5))
    assert v2.note == "Bổ sung số liệu Sở Công Thương"
    ministry = client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/")
    assert [row["version"].number for row in ministry.context["versions"]] == [1]  # unsent
    assert client.get(f"/bao-cao/phien-ban/{v2.pk}/tai.pdf").status_code == 404
    services.report_send(report=draft, actor=office)
    ministry = client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/")
    assert [row["version"].number for row in ministry.context["versions"]] == [2, 1]
    compare = client.get("/bao-cao/so-sanh-tinh/")
    review = next(c for c in compare.context["choices"] if "sơ kết" in c.label)
    assert review.entries[0].version.number == 2


def _fake_pdf() -> bytes:
    """A one-page PDF without LibreOffice, for the steps that do not look at its layout."""
    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 750, "Bao cao")
    page.save()
    return out.getvalue()


def test_a_file_changed_on_the_server_is_not_served(client, users, soc_trang_2024, settings,
                                                    tmp_path):
    version = soc_trang_2024.versions.get(number=1)
    original = version.xlsx.open("rb").read()
    with open(version.xlsx.path, "wb") as handle:
        handle.write(original + b"\0")
    try:
        client.force_login(users["bo.khcn"])
        response = client.get(f"/bao-cao/phien-ban/{version.pk}/tai.xlsx")
        assert response.status_code == 409
        assert "Tệp lưu trữ không khớp với bản đã chốt" in response.content.decode()
    finally:
        with open(version.xlsx.path, "wb") as handle:
            handle.write(original)


def test_the_pdf_pages_rendered_and_kept(soc_trang_2024, quang_ngai, screenshot_dir):
    """The frozen PDFs' pages as PNG (artifacts/screenshots/14-*): looked at by a person; here
    their header, period, closing and signature block are read back."""
    for name, report in (("14-soc-trang-2024", soc_trang_2024), ("14-quang-ngai-567", quang_ngai)):
        pdf = report.versions.get(number=1).pdf.path
        subprocess.run(["pdftoppm", "-r", "70", "-png", pdf, str(screenshot_dir / name)],
                       check=True)
        assert (screenshot_dir / f"{name}-1.png").exists()
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        assert "595.3" in info and "841.89" in info  # A4
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True).stdout
        for element in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "BÁO CÁO", "Nơi nhận:", "KT. GIÁM ĐỐC", "./."):
            assert element in text, (name, element)
    st_text = subprocess.run(["pdftotext", "-layout", soc_trang_2024.versions.get(
        number=1).pdf.path, "-"], capture_output=True, text=True).stdout
    assert "UBND TỈNH SÓC TRĂNG" in st_text and "Sóc Trăng, ngày 26 tháng 12 năm 2024" in st_text


def test_dates_follow_the_decree():
    assert vn_date_line("Quảng Ngãi", dt.date(2025, 8, 7)) == "Quảng Ngãi, ngày 07 tháng 8 năm 2025"
    assert vn_date_line("Huế", dt.date(2025, 2, 3)) == "Huế, ngày 03 tháng 02 năm 2025"


def test_reminders_before_on_and_after_the_deadline_once(db):
    from django.core import mail
    from django.core.management import call_command

    for day in ("10/08/2025", "15/08/2025", "18/08/2025", "18/08/2025", "16/08/2025"):
        call_command("reporting_reminders", today=day)
    to_bavi = [m for m in mail.outbox if "baocao.bavi@demo.nscl.vn" in m.to]
    assert [m.body.split(" ")[0] for m in to_bavi] == ["Còn", "Hôm", "Đã"]
    assert not [m for m in mail.outbox if "baocao.badinh@demo.nscl.vn" in m.to]  # accepted
    assert ReportingRequest.objects.filter(number="567").exists()


def test_documents_stay_vietnamese_under_an_english_page(quang_ngai):
    from django.utils import translation

    with translation.override("en"):
        text = _text(report_docx(quang_ngai))
        book = load_workbook(BytesIO(xlsx_bytes(quang_ngai)))
    assert "Kết quả chủ yếu trong kỳ và lũy kế" in text and "Main results" not in text
    assert book.sheetnames[0] == "Số liệu chủ yếu"


def test_draft_documents_download_and_the_pdf_is_a_job(client, users, quang_ngai):
    office = users["vanphong.quangngai"]
    ConsolidatedReport.objects.filter(pk=quang_ngai.pk).update(status=ReportStatus.DRAFT)
    client.force_login(office)
    for fmt in ("docx", "xlsx"):
        response = client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/tai.{fmt}")
        assert response.status_code == 200 and response.content[:2] == b"PK", fmt
    job_page = client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/tai.pdf", follow=True)
    job = job_page.context["job"]  # a job (run at once in tests): its page, then the file
    assert job.status == "done" and "job-download" in job_page.content.decode()
    pdf = client.get(f"/viec-nen/{job.pk}/tai/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:4] == b"%PDF"
    client.force_login(users["vanphong.tuyenquang"])  # another province: neither the report
    assert client.get(f"/bao-cao/bao-cao/{quang_ngai.pk}/tai.docx").status_code == 404
    assert client.get(f"/viec-nen/{job.pk}/").status_code == 404  # nor its job


def test_freezing_runs_as_a_job_and_says_what_is_missing(client, users, quang_ngai):
    office = users["vanphong.quangngai"]
    services.report_correct(report=quang_ngai, actor=office, note="Đính chính")
    client.force_login(office)
    refused = client.post(f"/bao-cao/bao-cao/{quang_ngai.pk}/chot/", {"xac_nhan": "1"},
                          follow=True)
    assert "Ghi số văn bản trước khi chốt báo cáo." in refused.content.decode()
    report = services.report_save(report=ConsolidatedReport.objects.get(pk=quang_ngai.pk),
                                  actor=office, number="250")
    frozen = client.post(f"/bao-cao/bao-cao/{report.pk}/chot/", {"xac_nhan": "1"}, follow=True)
    assert frozen.context["job"].status == "done"
    assert ConsolidatedReport.objects.get(pk=report.pk).status == ReportStatus.READY
    assert report.versions.get(number=2).reference == "250/BC-SKHCN"
    client.force_login(users["xem.cantho"])
    assert client.get(f"/viec-nen/{frozen.context['job'].pk}/").status_code == 404


def test_a_conversion_past_its_time_fails_with_a_message_not_an_error(quang_ngai):
    from nscl.reporting.documents import ConversionError, pdf_bytes

    with pytest.raises(ConversionError, match="không chuyển xong sang PDF trong 0 giây"):
        pdf_bytes(report_docx(quang_ngai), timeout=0)
