"""A phone opens a genuine stamp's URI, then an unknown serial, then a voided stamp."""

import os

import pytest
from playwright.sync_api import sync_playwright

from nscl.demo.loader import load_demo
from nscl.traceability.models import Product

from .test_browser import CHROMIUM, FLAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_scans_genuine_unknown_and_void_stamps(live_server, screenshot_dir):
    load_demo()
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    genuine = rice.rolls.get(status="active").stamps.order_by("id").last()
    void = rice.rolls.get(status="void").stamps.order_by("id").last()
    base = f"{live_server.url}/01/{rice.gtin}/10/ST25-2025-01/21/"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                     has_touch=True, locale="vi-VN")
            for name, serial, expected in (("genuine", genuine.serial, "Tem thật, quét lần đầu"),
                                           ("unknown", "ZZZZZZZZZZ1", "Không có tem này"),
                                           ("void", void.serial, "Tem đã bị hủy")):
                phone.goto(base + serial)
                assert phone.locator("#stamp-status").inner_text().startswith(expected), name
                shows_product = "Gạo thơm ST25 Mỹ Xuyên" in phone.content()
                assert shows_product is (name == "genuine"), name
                phone.screenshot(path=screenshot_dir / f"10-scan-{name}.png", full_page=True)
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
