"""A phone opens a genuine stamp's URI, then an unknown serial, then a voided stamp."""

import pytest

from nscl.demo.loader import load_demo
from nscl.traceability.models import Product

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_scans_genuine_unknown_and_void_stamps(live_server, screenshot_dir, settings):
    """A genuine stamp shows its page; an unknown serial and a voided stamp fall back (307, as
    the GS1 resolver standard says) to the product or the lot, whose page warns the buyer."""
    load_demo()
    settings.NSCL_RESOLVER_BASE = live_server.url  # the resolver's public address
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    genuine = rice.rolls.get(status="active").stamps.order_by("id").last()
    void = rice.rolls.get(status="void").stamps.order_by("id").last()
    base = f"{live_server.url}/01/{rice.gtin}/10/ST25-2025-01/21/"
    with chromium() as browser:
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                 has_touch=True, locale="vi-VN")
        phone.goto(base + genuine.serial)
        assert phone.locator("#stamp-status").inner_text().startswith("Tem thật, quét lần đầu")
        assert "Gạo thơm ST25 Mỹ Xuyên" in phone.content()
        phone.screenshot(path=screenshot_dir / "10-scan-genuine.png", full_page=True)
        for name, serial, warning in (("unknown", "ZZZZZZZZZZ1", "không có trong hệ thống"),
                                      ("void", void.serial, "đã bị hủy")):
            phone.goto(base + serial)
            assert warning in phone.locator("#notice").inner_text(), name
            assert "/sp/" in phone.url and "#stamp-status" not in phone.content()
            phone.screenshot(path=screenshot_dir / f"10-scan-{name}.png", full_page=True)


def test_the_office_declares_a_product_and_the_producer_records_a_stage_by_phone(
        live_server, screenshot_dir):
    load_demo()
    url = live_server.url
    with chromium() as browser:
        desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        log_in(desk, url, "vanphong.cantho")
        desk.locator("nav.mainnav").get_by_role("link", name="Truy xuất", exact=True).click()
        desk.click("text=Khai báo sản phẩm")
        desk.select_option("#id_producer", label="HTX Nông nghiệp Mỹ Xuyên")
        desk.fill("#id_gtin", "8935049500019")  # one digit wrong
        desk.fill("#id_name", "Gạo lứt tím Mỹ Xuyên")
        desk.select_option("#id_place", label="Phường Cái Khế")
        desk.fill("#id_ocop_stars", "3")
        desk.fill("#id_ocop_year", "2025")
        desk.click("#product-form button")
        assert "sai chữ số kiểm tra" in desk.content()
        desk.screenshot(path=screenshot_dir / "11-product-form-error.png", full_page=True)
        desk.fill("#id_gtin", "8935049500018")
        desk.click("#product-form button")
        desk.fill("#id_lot", "GLT-2026-01")
        desk.fill("#id_produced_on", "20/11/2026")
        desk.click("#batch-form button")
        assert "Đã khai báo lô GLT-2026-01" in desk.content()
        desk.screenshot(path=screenshot_dir / "11-product-detail.png", full_page=True)

        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                 has_touch=True, locale="vi-VN")
        log_in(phone, url, "doanhnghiep.cantho")
        phone.locator("nav.mainnav").get_by_role("link", name="Truy xuất", exact=True).click()
        phone.click("text=Gạo lứt tím Mỹ Xuyên")
        phone.select_option("#ev-step", label="Thu hoạch")
        phone.fill("#ev-place", "Cánh đồng ấp Hòa Trung")
        phone.click("#event-form button")
        assert "Đã ghi công đoạn." in phone.content()
        journey = phone.locator(".card", has_text="Lô GLT-2026-01").inner_text()
        assert "Thu hoạch" in journey and "Cánh đồng ấp Hòa Trung" in journey
        phone.screenshot(path=screenshot_dir / "11-phone-stage.png", full_page=True)
    product = Product.objects.get(gtin="08935049500018")
    assert product.batches.get().events.count() == 1
