"""Role-aware navigation and the list pages in the system Chromium, by clicks and keys only:
each role lands on its own work and sees its own menu; the office opens every page of its menu,
filters the case list with labelled selects and turns its pages; the skip link works by
keyboard. Every page is checked by axe-core (nscl/tests/helpers.py); screenshots are kept."""

import re

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.workflow.menu import MENU

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANDING = {  # the heading each role lands on
    "vanphong.cantho": "Việc chờ tôi",
    "doanhnghiep.cantho": "Việc chờ tôi",
    "hoidong.cantho": "Hội đồng của tôi",
    "baocao.xa1.cantho": "Báo cáo",
    "bo.khcn": "so sánh",
    "xem.cantho": "Bảng điều khiển",
}


@pytest.fixture
def page():
    load_demo()
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")


def _menu(page) -> list[str]:
    return [link.inner_text() for link in page.locator("nav.mainnav a").all()]


def test_each_role_lands_on_its_work_with_its_own_menu(live_server, page, screenshot_dir):
    labels = {str(entry.label) for entry in MENU}
    menus = {}
    for username, heading in LANDING.items():
        log_in(page, live_server.url, username)
        expect(page.locator("h1")).to_contain_text(heading)
        menus[username] = _menu(page)
        assert set(menus[username]) <= labels
        page.screenshot(path=screenshot_dir / f"nav-landing-{username}.png", full_page=True)
    assert "Kiểm tra dự toán" in menus["vanphong.cantho"]
    assert "Kiểm tra dự toán" not in menus["doanhnghiep.cantho"]
    assert menus["hoidong.cantho"] == ["Việc chờ tôi", "Hội đồng của tôi"]
    assert "So sánh các tỉnh" in menus["bo.khcn"] and "Bảng điều khiển" in menus["xem.cantho"]


def test_the_office_opens_each_page_of_its_menu_filters_and_turns_pages(live_server, page,
                                                                       screenshot_dir):
    log_in(page, live_server.url, "vanphong.cantho")
    for label in _menu(page):
        page.locator("nav.mainnav").get_by_role("link", name=label, exact=True).click()
        current = page.locator('nav.mainnav a[aria-current="page"]')
        expect(current).to_have_text(label)
        slug = re.sub(r"[^a-z0-9]+", "-", page.url.split("//", 1)[1].split("/", 1)[1]).strip("-")
        page.screenshot(path=screenshot_dir / f"nav-office-{slug or 'home'}.png",
                        full_page=True)

    page.locator("nav.mainnav").get_by_role("link", name="Hỗ trợ doanh nghiệp").click()
    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Lọc").click()
    years = page.locator("#cases tr td:nth-child(6)").all_inner_texts()
    assert years and set(years) == {"2024"}
    page.get_by_label("Năm").select_option("")
    page.get_by_label("Trạng thái").select_option(label="Đã thanh lý hợp đồng")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#cases .badge").first).to_have_text("Đã thanh lý hợp đồng")
    page.screenshot(path=screenshot_dir / "nav-cases-filtered.png", full_page=True)
    pager = page.locator("nav.pager")
    if pager.count():  # more than one page of liquidated cases: page 2 keeps the filter
        pager.get_by_role("link", name="Trang sau »").click()
        assert "status=liquidated" in page.url and "trang=2" in page.url
        expect(page.get_by_label("Trạng thái")).to_have_value("liquidated")

    page.locator("nav.mainnav").get_by_role("link", name="Đơn vị").click()
    page.get_by_label("Loại đơn vị").select_option("commune")
    page.get_by_role("button", name="Lọc").click()
    page.locator("nav.pager").get_by_role("link", name="Trang sau »").click()
    assert "loai=commune" in page.url and "trang=2" in page.url
    expect(page.get_by_label("Loại đơn vị")).to_have_value("commune")
    expect(page.locator('nav.pager [aria-current="page"]')).to_have_text("2")
    page.screenshot(path=screenshot_dir / "nav-units-page-2.png", full_page=True)
    assert page.locator("table.data tr td:nth-child(3)").all_inner_texts()
    assert {t.split(" · ")[0] for t in page.locator("table.data tr td:nth-child(3)")
            .all_inner_texts()} == {"Xã, phường, đặc khu"}


def test_the_keyboard_reaches_the_page_past_the_menu(live_server, page, screenshot_dir):
    log_in(page, live_server.url, "vanphong.cantho")  # an inbox full of links
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0  # shown when focused
    page.screenshot(path=screenshot_dir / "nav-skip-link-focused.png")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the page, not the menu again
    focused = page.evaluate("() => [document.activeElement.closest('main') !== null, "
                            "document.activeElement.outerHTML.slice(0, 200)]")
    assert focused[0], focused[1]
