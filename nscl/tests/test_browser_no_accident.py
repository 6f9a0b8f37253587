"""No step by accident, in the browser: the program office screens an application from the case
list — the confirmation page first (going back changes nothing), then confirmed; a contract
refused by a rule comes back with every value and the message by its field; the error pages,
reached by clicking, are in the site's frame. Screenshots kept in artifacts/screenshots/
(no-accident-*)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.organisation.choices import Role
from nscl.organisation.models import User
from nscl.organisation.tests.factories import UserFactory
from nscl.reporting import services as reporting
from nscl.reporting.models import Submission
from nscl.support.models import SupportCase
from nscl.support.tests.factories import PDF
from nscl.traceability.models import Product

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    load_demo()
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")


def _open_case(page, code):
    page.locator("nav.mainnav").get_by_role("link", name="Hỗ trợ doanh nghiệp").click()
    page.locator("a", has_text=code).first.click()


def test_screening_asks_first_and_a_refused_contract_keeps_its_values(live_server, page,
                                                                      screenshot_dir):
    url = live_server.url
    log_in(page, url, "vanphong.cantho")
    _open_case(page, "HS-2025-4-001")
    page.locator("#step-screen button[type=submit]").click()
    expect(page.locator("#confirm-states")).to_contain_text("Đã nộp hồ sơ →")
    expect(page.locator("#confirm-notified")).to_be_visible()
    page.screenshot(path=screenshot_dir / "no-accident-1-confirm-screen.png", full_page=True)
    page.get_by_role("link", name="Quay lại, không thực hiện").click()
    assert SupportCase.objects.get(code="HS-2025-4-001").status == "submitted"
    page.locator("#step-screen button[type=submit]").click()
    page.click("#confirm-step")
    expect(page.locator(".msg-success")).to_be_visible()
    assert SupportCase.objects.get(code="HS-2025-4-001").status != "submitted"

    _open_case(page, "HS-2025-4-005")  # approved: the contract, its deadline before signing
    form = page.locator("#step-sign_contract")
    for name, value in (("number", "15/2025/HĐ-HT"), ("signed_on", "01/07/2025"), ("amount", "18"),
                        ("content", "Tư vấn áp dụng ISO 9001"), ("deadline", "15/05/2025"),
                        ("consultant", "Viện Năng suất Việt Nam")):
        form.locator(f"[name='sign_contract-{name}']").fill(value)
    form.locator("button[type=submit]").click()
    page.screenshot(path=screenshot_dir / "no-accident-2-confirm-contract.png", full_page=True)
    page.click("#confirm-step")
    form = page.locator("#step-sign_contract")
    expect(form.locator(".errorlist")).to_contain_text("Thời hạn hoàn thành phải sau ngày ký")
    expect(form.locator("[name='sign_contract-consultant']")).to_have_value(
        "Viện Năng suất Việt Nam")
    form.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "no-accident-3-contract-kept.png", full_page=True)


def _returned_report_with_an_attachment():
    """Quảng Ngãi's cooperative alliance's report, returned for corrections and open again for
    ten days, with a statement attached by the alliance's reporter (an account of its own)."""
    submission = Submission.objects.get(status="returned", request__number="567")
    reporting.submission_reopen(submission=submission,
                                actor=User.objects.get(username="vanphong.quangngai"),
                                until=timezone.localdate() + dt.timedelta(days=10))
    reporter = UserFactory(username="baocao.lmhtx.quangngai", full_name="Đinh Thị Lan",
                           role=Role.UNIT_REPORTER, unit=submission.unit)
    return reporter, reporting.attachment_add(
        submission=Submission.objects.get(pk=submission.pk), actor=reporter, kind="annex",
        title="Bảng kê chứng từ hội thảo", name="bang-ke.pdf", content=PDF)


def test_error_pages_reached_by_clicking(live_server, page, screenshot_dir):
    """The 403, 404 and 500 pages as users meet them, by clicking links of pages they have
    open — each in the site's frame, in Vietnamese, with a way back.

    404: the program office has a unit's report open; meanwhile the unit's reporter removes an
    attachment (through the service the "Gỡ" button calls); the office clicks its link.
    403: the program office's clerk has the plan's support page open; the administrator
    changes the account's role to leadership (written here to the account, as the admin page
    saves it); the clerk clicks "Mở đợt tiếp nhận hồ sơ", which leadership may not use.
    500: the table the product list reads is renamed for one request — what a half-applied
    migration or a restore in progress does to a page — and the clerk clicks "Truy xuất" (the
    product list). A real database fault through the real stack (the view, the ORM, the live
    server's handler, the 500 handler), with no code in the application to fake it and no fake
    server; the table is renamed back in `finally` whatever happens."""
    url = live_server.url
    reporter, attachment = _returned_report_with_an_attachment()

    log_in(page, url, "vanphong.quangngai")  # 404
    page.locator("nav.mainnav").get_by_role("link", name="Báo cáo", exact=True).first.click()
    page.locator("#requests").get_by_role("link", name="567/SKHCN-TĐC").first.click()
    page.locator("#completeness").get_by_role("link", name=attachment.submission.unit.name)\
        .first.click()
    link = page.locator("#attachments").get_by_role("link", name=attachment.title)
    expect(link).to_be_visible()
    reporting.attachment_remove(attachment=attachment, actor=reporter)
    link.click()
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    page.screenshot(path=screenshot_dir / "no-accident-4-404.png", full_page=True)
    page.click("#error-back")
    expect(page.locator("#attachments")).not_to_contain_text(attachment.title)

    log_in(page, url, "vanphong.cantho")  # 403
    page.locator("nav.mainnav").get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.locator("a", has_text="Sóc Trăng").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    support_page = page.url
    User.objects.filter(username="vanphong.cantho").update(role=Role.LEADERSHIP)
    try:
        page.get_by_role("link", name="Mở đợt tiếp nhận hồ sơ").click()
        expect(page.locator("h1")).to_have_text("Không có quyền truy cập")
        page.screenshot(path=screenshot_dir / "no-accident-5-403.png", full_page=True)
        page.click("#error-back")
        assert page.url == support_page
    finally:
        User.objects.filter(username="vanphong.cantho").update(role=Role.PROGRAM_OFFICE)

    page.reload()  # 500: the office again, its menu's "Truy xuất"
    table = Product._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" RENAME TO "{table}_away"')
    try:
        page.locator("nav.mainnav").get_by_role("link", name="Truy xuất", exact=True).click()
        expect(page.locator("h1")).to_have_text("Lỗi hệ thống")
        page.screenshot(path=screenshot_dir / "no-accident-6-500.png", full_page=True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "{table}_away" RENAME TO "{table}"')
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.locator("nav.mainnav")).to_be_visible()
