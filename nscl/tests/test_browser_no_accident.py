"""No step by accident, in the browser: the program office screens an application from the case
list — the confirmation page first (going back changes nothing), then confirmed; a contract
refused by a rule comes back with every value and the message by its field; the error pages
are in the site's frame. Screenshots kept in artifacts/screenshots/ (no-accident-*)."""

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.support.models import SupportCase

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
    for name, value in (("number", "15/2025/HĐ-HT"), ("signed_on", "01/06/2025"), ("amount", "18"),
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


def test_error_pages_in_the_frame(live_server, page, screenshot_dir):
    """Error pages are met by mistyped or stale addresses: reached here by address."""
    url = live_server.url
    log_in(page, url, "lanhdao.cantho")
    page.goto(f"{url}/ke-hoach/987654/")
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    page.screenshot(path=screenshot_dir / "no-accident-4-404.png", full_page=True)
    page.locator("nav.mainnav").get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.locator("a", has_text="Sóc Trăng").first.click()
    plan = page.url.rstrip("/").split("/")[-1]
    page.goto(f"{url}/ho-tro/ke-hoach/{plan}/dot-moi/", referer=page.url)
    expect(page.locator("h1")).to_have_text("Không có quyền truy cập")
    page.screenshot(path=screenshot_dir / "no-accident-5-403.png", full_page=True)
    page.click("#error-back")
    assert page.url.rstrip("/").endswith(plan)
