"""A call in the browser, by clicks only from the login page: the program office opens it from
the plan's support page, the beneficiary finds it in "Việc chờ tôi" and applies with three
documents. Shared by the browser tests that start a case from a call."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from nscl.support.models import CaseDocument, SupportCase
from nscl.support.tests.factories import PDF, PNG, docx

from .helpers import log_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _minute(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def office_opens_call(page, url: str, title: str, shots, prefix: str = "calls") -> None:
    """The Cần Thơ office opens a call on Sóc Trăng's plan, line 5.2 of Phụ lục II, norm 90
    million đồng, open from five minutes ago for twenty days."""
    now = timezone.now()
    log_in(page, url, "vanphong.cantho")
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.locator("a", has_text="Sóc Trăng").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    page.get_by_role("link", name="Mở đợt tiếp nhận hồ sơ").click()
    page.fill("#id_year", f"{timezone.localdate().year}")
    page.fill("#id_title", title)
    page.fill("#id_opens_at", _minute(now - dt.timedelta(minutes=5)))
    page.fill("#id_closes_at", _minute(now + dt.timedelta(days=20)))
    page.fill("#id_description", "Tư vấn, chứng nhận ISO 22000 cho cơ sở chế biến thực phẩm.")
    page.fill("#id_eligibility", "Doanh nghiệp, HTX hoạt động trên địa bàn tỉnh.")
    page.check("[name='offer_5.2']")  # its line comes pre-filled: Phụ lục II, line 5.2
    expect(page.locator("[name='line_5.2'] option:checked")).to_contain_text("Phụ lục II")
    expect(page.locator("[name='line_5.2'] option:checked")).to_contain_text("· 5.2 ")
    page.fill("[name='norm_5.2']", "90")
    page.screenshot(path=shots / f"{prefix}-01-new-call.png", full_page=True)
    page.get_by_role("button", name="Mở đợt").click()
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("#call-state")).to_have_text("Đang nhận hồ sơ")
    expect(page.locator("#required-documents li")).to_have_count(3)
    page.screenshot(path=shots / f"{prefix}-02-call-page.png", full_page=True)


def beneficiary_applies(page, url: str, title: str, content: str, shots,
                        prefix: str = "calls") -> tuple[SupportCase, bytes]:
    """The Mỹ Xuyên cooperative finds the call in its inbox and applies with its commitment
    form, business registration and a quotation; returns the case and the quotation."""
    quotation = docx()
    log_in(page, url, "doanhnghiep.cantho")
    page.get_by_role("link", name="Việc chờ tôi").first.click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Nộp hồ sơ vào đợt này").click()
    page.fill("#id_content", content)
    page.fill("#id_estimated_cost", "180")
    page.fill("#id_requested_amount", "90")
    page.check("#id_commitment_signed")
    for field, name, mime, data in (
            ("commitment", "Bảng đăng ký và cam kết.pdf", "application/pdf", PDF),
            ("business_registration", "Giấy CN ĐKKD.png", "image/png", PNG),
            ("quotation", "Báo giá tư vấn.docx", DOCX, quotation)):
        page.set_input_files(f"#id_doc_{field}", files=[{"name": name, "mimeType": mime,
                                                          "buffer": data}])
    page.screenshot(path=shots / f"{prefix}-03-application.png", full_page=True)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("#documents tr")).to_have_count(4)  # a header and three files
    page.screenshot(path=shots / f"{prefix}-04-case-documents.png", full_page=True)
    case = SupportCase.objects.get(content=content)
    assert CaseDocument.objects.filter(case=case).count() == 3
    return case, quotation
