"""A call from its opening to an application with three documents, clicking only: the program
office opens a call from the plan's support page, the beneficiary finds it in "Việc chờ tôi",
applies with three files, and the office opens one of them. Screenshots kept."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.support.models import CaseDocument, SupportCase
from nscl.support.tests.factories import PDF, PNG, docx

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    load_demo()
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                               accept_downloads=True)


def _minute(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def test_office_opens_a_call_beneficiary_applies_with_three_documents_office_opens_one(
        live_server, page, screenshot_dir):
    url, now = live_server.url, timezone.now()
    quotation = docx()

    log_in(page, url, "vanphong.cantho")  # the office opens a call from the plan
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.locator("a", has_text="Sóc Trăng").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    page.get_by_role("link", name="Mở đợt tiếp nhận hồ sơ").click()
    page.fill("#id_year", f"{timezone.localdate().year}")
    page.fill("#id_title", "Đợt bổ sung hỗ trợ ISO 22000")
    page.fill("#id_opens_at", _minute(now - dt.timedelta(minutes=5)))
    page.fill("#id_closes_at", _minute(now + dt.timedelta(days=20)))
    page.fill("#id_description", "Tư vấn, chứng nhận ISO 22000 cho cơ sở chế biến thực phẩm.")
    page.fill("#id_eligibility", "Doanh nghiệp, HTX hoạt động trên địa bàn tỉnh.")
    page.check("[name='offer_5.2']")  # its line comes pre-filled: Phụ lục II, line 5.2
    expect(page.locator("[name='line_5.2'] option:checked")).to_contain_text("Phụ lục II")
    expect(page.locator("[name='line_5.2'] option:checked")).to_contain_text("· 5.2 ")
    page.fill("[name='norm_5.2']", "90")
    page.screenshot(path=screenshot_dir / "calls-01-new-call.png", full_page=True)
    page.get_by_role("button", name="Mở đợt").click()
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("#call-state")).to_have_text("Đang nhận hồ sơ")
    expect(page.locator("#required-documents li")).to_have_count(3)
    page.screenshot(path=screenshot_dir / "calls-02-call-page.png", full_page=True)

    log_in(page, url, "doanhnghiep.cantho")  # the beneficiary finds it in its inbox
    page.get_by_role("link", name="Việc chờ tôi").first.click()
    page.get_by_role("link", name="Đợt bổ sung hỗ trợ ISO 22000").click()
    page.get_by_role("link", name="Nộp hồ sơ vào đợt này").click()
    page.fill("#id_content", "Tư vấn, chứng nhận ISO 22000:2018 cho xưởng bánh pía")
    page.fill("#id_estimated_cost", "180")
    page.fill("#id_requested_amount", "90")
    page.check("#id_commitment_signed")
    for field, name, mime, content in (
            ("commitment", "Bảng đăng ký và cam kết.pdf", "application/pdf", PDF),
            ("business_registration", "Giấy CN ĐKKD.png", "image/png", PNG),
            ("quotation", "Báo giá tư vấn.docx", "application/vnd.openxmlformats-"
             "officedocument.wordprocessingml.document", quotation)):
        page.set_input_files(f"#id_doc_{field}", files=[{"name": name, "mimeType": mime,
                                                          "buffer": content}])
    page.screenshot(path=screenshot_dir / "calls-03-application.png", full_page=True)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("#documents tr")).to_have_count(4)  # a header and three files
    page.screenshot(path=screenshot_dir / "calls-04-case-documents.png", full_page=True)
    case = SupportCase.objects.get(content__endswith="xưởng bánh pía")
    assert CaseDocument.objects.filter(case=case).count() == 3

    log_in(page, url, "vanphong.cantho")  # the office opens the quotation from the case
    page.get_by_role("link", name="Hỗ trợ doanh nghiệp").first.click()
    page.get_by_role("link", name=case.code).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo giá tư vấn.docx").click()
    assert download.value.suggested_filename == "Báo giá tư vấn.docx"
    with open(download.value.path(), "rb") as opened:
        assert opened.read() == quotation
    page.get_by_role("link", name=case.call_category.call.title).click()
    expect(page.locator("#call-cases")).to_contain_text(case.code)
    page.screenshot(path=screenshot_dir / "calls-05-call-with-application.png", full_page=True)
