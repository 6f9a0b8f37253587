"""The reporting cycle in the system Chromium, each step by the role that owns it, reached only
by clicks after logging in through the login page: the office issues a request to every commune
of its province; a commune fills the grid (typed and pasted from Excel), attaches a PDF and
sends; the office returns it, accepts the correction, consolidates, freezes, signs and sends;
after a new record the sent files download byte-identical; a correction becomes version 2."""

import datetime as dt
import hashlib

import pytest
from playwright.sync_api import expect

from nscl.activities.choices import EventKind
from nscl.activities.services.events import event_create
from nscl.demo.loader import load_demo
from nscl.organisation.models import Unit, User
from nscl.plans.models import Plan
from nscl.reporting.signing import dev_pkcs12

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSPHRASE = "nscl-demo-2025"
SCAN = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
        b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                               accept_downloads=True)


def _download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.locator(selector).first.click()
    return open(info.value.path(), "rb").read()


def _confirm_and(page, form, button):
    page.locator(f"{form} input[name=xac_nhan]").check()
    page.click(f"{form} {button}")


def test_the_reporting_cycle_by_clicks(live_server, page, screenshot_dir, tmp_path):
    load_demo()
    url = live_server.url
    certificate = tmp_path / "tran-minh-khoa.p12"
    certificate.write_bytes(dev_pkcs12("Trần Minh Khoa", "Sở Khoa học và Công nghệ",
                                       PASSPHRASE))
    scan = tmp_path / "bao-cao-da-ky.pdf"
    scan.write_bytes(SCAN)
    communes = Unit.objects.filter(kind="commune", path__startswith="/BKHCN/92/",
                                   valid_until__isnull=True).count()

    # 1. the office drafts the request and issues it to every commune
    log_in(page, url, "vanphong.cantho")
    page.click("nav.mainnav >> text=Báo cáo")
    page.fill("#new-request input[name=name]",
              "Báo cáo kết quả thực hiện Chương trình năm 2026")
    page.click("#create-request")
    page.fill("#id_content", "Kết quả triển khai năm 2026 theo đề cương; số liệu theo biểu.")
    page.select_option("#id_frequency", "annual")
    page.fill("#id_year", "2026")
    page.select_option("#id_audience", "communes")
    page.fill("#id_number", "95")
    page.fill("#id_issued_on", "20/11/2026")
    page.fill("#id_subject", "Báo cáo kết quả thực hiện Chương trình năm 2026")
    page.fill("#id_deadline", "18/12/2026")
    page.fill("#id_expires_on", "28/12/2026")
    page.screenshot(path=screenshot_dir / "14-request-form.png", full_page=True)
    page.click("#save-request")
    expect(page.locator("#cut-off")).to_have_text("từ ngày 15/12/2025 đến ngày 14/12/2026")
    expect(page.locator("#request-problems")).to_have_count(0)
    _confirm_and(page, "#issue-form", "#issue-request")
    expect(page.locator("#request-status")).to_have_text("Đã ban hành")
    expect(page.locator("#completeness tr[data-state]")).to_have_count(communes)
    page.screenshot(path=screenshot_dir / "14-request-issued.png", full_page=False)

    # 2. a commune fills the grid, pastes rows from Excel, attaches its signed scan, sends
    log_in(page, url, "baocao.xa1.cantho")
    page.click("#inbox >> text=95/SKHCN-TĐC")
    page.fill("textarea[name=s_communication]",
              "Tổ chức 02 hội nghị tuyên truyền về tiêu chuẩn, chất lượng cho hộ kinh doanh.")
    rows = page.locator("#grid tbody tr")
    rows.nth(0).locator("input[data-type=text]").first.fill("Hội nghị tuyên truyền")
    rows.nth(0).locator("input[data-type=money]").fill("5000000")
    rows.nth(0).locator("input[data-type=money]").blur()
    expect(rows.nth(0).locator("input[data-type=money]")).to_have_value("5.000.000")
    second_row = rows.nth(1).locator("input[data-type=text]").first
    second_row.evaluate("""(cell) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'Tập huấn ATTP\\t1,500,000\\t2026\\nTờ rơi\\t800.000\\t2026\\n');
        cell.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
    }""")
    total = page.locator("#grid tr.total-row input[data-type=money]")
    total.fill("8.000.000")
    expect(page.locator("#grid-check")).to_contain_text("chênh lệch 700.000")
    total.fill("7.300.000")
    expect(page.locator("#grid-check")).to_have_text("Dòng Tổng khớp với các dòng trên.")
    page.screenshot(path=screenshot_dir / "14-commune-grid.png", full_page=True)
    page.click("#save-draft")
    expect(page.locator(".msg-success")).to_contain_text("Đã lưu bản nháp")
    page.select_option("#attachment-form select[name=kind]", "signed_report")
    page.fill("#attachment-form input[name=title]", "Báo cáo đã ký, đóng dấu")
    page.set_input_files("#attachment-form input[type=file]", str(scan))
    page.click("#attach")
    expect(page.locator("#attachments")).to_contain_text("Báo cáo đã ký, đóng dấu")
    _confirm_and(page, "#submission-form", "#submit-report")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi")

    # 3. the office returns it …
    log_in(page, url, "vanphong.cantho")
    page.click("table.inbox >> text=95/SKHCN-TĐC")
    expect(page.locator("#attachments")).to_contain_text("Báo cáo đã ký, đóng dấu")
    expect(page.locator("#grid")).to_contain_text("Tập huấn ATTP")
    page.fill("#review-form textarea[name=comment]", "Đề nghị nêu rõ số hộ kinh doanh tham dự.")
    page.click("#review-form #return")
    expect(page.locator("#submission-status")).to_have_text("Trả lại để chỉnh sửa")

    # … the commune corrects and sends again …
    log_in(page, url, "baocao.xa1.cantho")
    page.click("#inbox >> text=95/SKHCN-TĐC")
    expect(page.locator("#review-comment")).to_contain_text("số hộ kinh doanh")
    page.fill("textarea[name=s_communication]",
              "Tổ chức 02 hội nghị tuyên truyền về tiêu chuẩn, chất lượng cho 85 hộ kinh doanh.")
    _confirm_and(page, "#submission-form", "#submit-report")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi")

    # … and the office accepts the correction, consolidates and freezes
    log_in(page, url, "vanphong.cantho")
    page.click("table.inbox >> text=95/SKHCN-TĐC")
    _confirm_and(page, "#review-form", "#accept")
    expect(page.locator("#submission-status")).to_have_text("Đã chấp nhận")
    page.click("#request-link")
    page.click("#build-report")
    page.fill("#id_number", "96")
    page.fill("#id_signer_name", "Trần Minh Khoa")
    page.click("#save-report")
    expect(page.locator(".msg-success")).to_contain_text("Đã lưu nội dung báo cáo")
    expect(page.locator("#table-key")).to_contain_text("chưa có số liệu")
    page.click("#open-dashboard")  # the same window's figures on the dashboard
    expect(page.locator("#key-figures")).to_contain_text("chưa có số liệu")
    page.screenshot(path=screenshot_dir / "14-dashboard-window.png", full_page=False)
    page.go_back()
    _confirm_and(page, "#freeze-form", "#freeze")  # LibreOffice: a job, followed on its page
    expect(page.locator("#job-status")).to_have_text("Đã xong", timeout=60_000)
    page.click("text=Quay lại")
    expect(page.locator("#report-status")).to_have_text("Đã chốt, chờ ký")

    # signed with the signer's certificate file, then sent
    page.set_input_files("#sign-form input[type=file]", str(certificate))
    page.fill("#sign-form input[name=passphrase]", PASSPHRASE)
    page.click("#sign")
    expect(page.locator("#report-status")).to_have_text("Đã ký số")
    expect(page.locator("#versions .signature-ok")).to_have_count(1)
    expect(page.locator("#versions")).to_contain_text("Trần Minh Khoa")
    _confirm_and(page, "#send-form", "#send")
    expect(page.locator("#report-status")).to_have_text("Đã gửi Bộ Khoa học và Công nghệ")
    page.screenshot(path=screenshot_dir / "14-report-sent.png", full_page=True)
    shown = page.locator("#versions tr[data-version='1'] code.sha").first.inner_text()
    sent = {kind: _download(page, f"#versions tr[data-version='1'] a.dl-{kind}")
            for kind in ("pdf", "docx", "xlsx")}
    assert hashlib.sha256(sent["pdf"]).hexdigest() == shown

    # a new record after sending: the sent files do not move
    plan = Plan.objects.get(province__code="cu-94")
    event_create(plan=plan, actor=User.objects.get(username="vanphong.cantho"),
                 organiser=Unit.objects.get(code="92-SKHCN"), kind=EventKind.WORKSHOP,
                 title="Hội thảo thêm sau khi gửi", starts_on=dt.date(2026, 6, 1),
                 ends_on=dt.date(2026, 6, 1), enterprises=40)
    page.reload()
    for kind, content in sent.items():
        assert _download(page, f"#versions tr[data-version='1'] a.dl-{kind}") == content, kind

    # a correction is version 2, with its own number and date
    page.fill("#correct-form textarea[name=note]", "Bổ sung hội thảo tổ chức ngày 01/6/2026.")
    _confirm_and(page, "#correct-form", "#correct")
    expect(page.locator("#report-status")).to_have_text("Dự thảo")
    page.fill("#id_number", "102")
    page.click("#save-report")
    _confirm_and(page, "#freeze-form", "#freeze")
    expect(page.locator("#job-status")).to_have_text("Đã xong", timeout=60_000)
    page.click("text=Quay lại")
    _confirm_and(page, "#send-form", "#send")
    expect(page.locator("#versions tr[data-version]")).to_have_count(2)
    expect(page.locator("#versions tr[data-version='2']")).to_contain_text("102/BC-SKHCN")
    expect(page.locator("#versions tr[data-version='1']")).to_contain_text("96/BC-SKHCN")
    page.screenshot(path=screenshot_dir / "14-report-version-2.png", full_page=True)

    # the Ministry compares on the annual 2026 reports, reached from its menu
    log_in(page, url, "bo.khcn")
    page.click("nav.mainnav >> text=Báo cáo")
    page.click("#compare-link")
    page.select_option("#compare-form select[name=ky]", label=page.locator(
        "#compare-form select[name=ky] option", has_text="năm 2026").first.inner_text())
    page.click("#compare-form button")
    expect(page.locator("#compare")).to_contain_text("102/BC-SKHCN")
    expect(page.locator("svg.tilemap g[data-province='92']")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "14-ministry-compare.png", full_page=True)
