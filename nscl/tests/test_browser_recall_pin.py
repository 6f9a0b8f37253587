"""On a 390-px phone: a recalled lot's stamp says so; a stamp with a scratch-off PIN confirms
"genuine, first verified now", then "verified before, on …". The office recalls the lot and
issues the PIN roll by clicking through its pages."""

import csv
import io

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.traceability.models import Product, Recall

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}


def _to_product(page, url):
    """From the page the login lands on, by the menu."""
    page.click("nav >> text=Truy xuất")
    page.click("text=Gạo thơm ST25 Mỹ Xuyên")


def test_a_recalled_lot_on_the_phone(live_server, screenshot_dir):
    load_demo()
    url = live_server.url
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    stamp = rice.rolls.get(status="active").stamps.order_by("id")[180]
    with chromium() as browser:
        desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        log_in(desk, url, "vanphong.cantho")
        _to_product(desk, url)
        desk.click("summary:has-text('Thu hồi lô này')")
        form = desk.locator("form[id^=recall-form]").first
        form.locator("textarea[name=reason]").fill(
            "Phát hiện dư lượng thuốc bảo vệ thực vật vượt ngưỡng cho phép")
        form.locator("input[name=recalled_on]").fill("31/11/2026")  # no such day
        form.locator("textarea[name=instructions]").fill(
            "Ngừng sử dụng; mang sản phẩm về nơi mua để được hoàn tiền")
        form.locator("input[name=contact]").fill("HTX Mỹ Xuyên, 0299 3851 234")
        form.locator("button").click()
        form = desk.locator("details[open] form[id^=recall-form]")  # back, open, filled
        expect(form.locator(".errorlist")).to_be_visible()
        expect(form.locator("input[name=contact]")).to_have_value("HTX Mỹ Xuyên, 0299 3851 234")
        form.scroll_into_view_if_needed()
        desk.screenshot(path=screenshot_dir / "20-recall-form-kept.png", full_page=True)
        form.locator("input[name=recalled_on]").fill("25/11/2026")
        form.locator("button").click()
        assert "mọi tem của lô hiện cảnh báo thu hồi" in desk.content()
        desk.click("#step-notify")
        assert "Đã thông báo" in desk.locator("#recall-facts").inner_text()
        desk.screenshot(path=screenshot_dir / "20-recall-office.png", full_page=True)

        phone = browser.new_page(**PHONE)
        phone.goto(f"{url}/01/{rice.gtin}/10/ST25-2025-01/21/{stamp.serial}")
        banner = phone.locator("#recall").inner_text()
        assert "LÔ HÀNG ĐANG BỊ THU HỒI" in banner and "0299 3851 234" in banner
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=screenshot_dir / "21-recall-phone.png", full_page=True)
    assert Recall.objects.get().state == "notified"


def test_a_scratch_off_pin_on_the_phone(live_server, screenshot_dir):
    load_demo()
    url = live_server.url
    with chromium() as browser:
        desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                accept_downloads=True)
        log_in(desk, url, "doanhnghiep.cantho")
        _to_product(desk, url)
        issue = desk.locator("#issue-form")
        issue.locator("input[name=count]").fill("24")
        issue.locator("select[name=batch]").select_option(label="ST25-2025-01")
        issue.get_by_label("Có mã PIN cào").check()
        issue.locator("button").click()
        row = desk.locator("#rolls tr", has_text="có PIN").first
        row.locator("button", has_text="Kích hoạt").click()
        row = desk.locator("#rolls tr", has_text="có PIN").first
        with desk.expect_download() as download:
            row.locator("a", has_text="CSV").click()
        with open(download.value.path(), encoding="utf-8") as printed_file:
            printed = list(csv.DictReader(io.StringIO(printed_file.read())))
        assert len(printed) == 24 and all(len(r["pin"]) == 8 for r in printed)
        serial, pin, uri = printed[3]["serial"], printed[3]["pin"], printed[3]["uri"]

        buyer = browser.new_page(**PHONE)
        buyer.goto(uri.replace("http://127.0.0.1:8000", url))
        assert buyer.locator("#stamp-status").inner_text().startswith("Tem thật, quét lần đầu")
        buyer.fill("#pin", pin)
        buyer.screenshot(path=screenshot_dir / "22-pin-form-phone.png", full_page=True)
        buyer.click("#pin-form button")
        assert "Đây là lần xác thực đầu tiên" in buyer.locator("#pin-result").inner_text()
        buyer.screenshot(path=screenshot_dir / "23-pin-first-phone.png", full_page=True)

        second = browser.new_page(**PHONE)
        second.goto(uri.replace("http://127.0.0.1:8000", url))
        second.fill("#pin", pin)
        second.click("#pin-form button")
        result = second.locator("#pin-result").inner_text()
        assert "đã được xác thực trước đây" in result and "Lần xác thực đầu tiên" in result
        assert second.evaluate("document.documentElement.scrollWidth") <= 390
        second.screenshot(path=screenshot_dir / "24-pin-again-phone.png", full_page=True)
        assert serial in uri
