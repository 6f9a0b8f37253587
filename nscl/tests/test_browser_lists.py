"""The list pages that gained search, labelled filters and pages, in the system Chromium by
clicks only (axe-core checks every page, nscl/tests/helpers.py; screenshots are kept): the
office's calls and councils, the calls open to an enterprise, a council member's councils."""

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    load_demo()
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")


def _filter(page) -> None:
    page.get_by_role("button", name="Lọc").click()


def test_the_office_finds_calls_and_councils_by_their_filters(live_server, page,
                                                              screenshot_dir):
    log_in(page, live_server.url, "vanphong.cantho")
    page.locator("nav.mainnav").get_by_role("link", name="Đợt đang nhận hồ sơ").click()
    page.screenshot(path=screenshot_dir / "lists-calls-open-office.png", full_page=True)
    page.get_by_role("link", name="Tất cả các đợt").click()
    expect(page.locator("h1")).to_have_text("Các đợt tiếp nhận hồ sơ")
    page.get_by_label("Năm").select_option("2024")
    page.get_by_label("Tìm kiếm").fill("dot tiep nhan")
    _filter(page)
    assert "year=2024" in page.url
    expect(page.get_by_label("Năm")).to_have_value("2024")
    years = page.locator("#calls tr td:nth-child(2)").all_inner_texts()
    assert years and set(years) == {"2024"}
    page.screenshot(path=screenshot_dir / "lists-calls-2024.png", full_page=True)

    page.get_by_role("link", name="Hội đồng", exact=True).click()
    expect(page.locator("h1")).to_have_text("Hội đồng xét chọn và nghiệm thu")
    page.get_by_label("Loại hội đồng").select_option(label="Hội đồng nghiệm thu")
    _filter(page)
    kinds = page.locator("#councils tr td:first-child .muted").all_inner_texts()
    assert kinds and all(k.startswith("Hội đồng nghiệm thu") for k in kinds)
    page.screenshot(path=screenshot_dir / "lists-councils-acceptance.png", full_page=True)

    page.locator("nav.mainnav").get_by_role("link", name="Kế hoạch").click()
    page.locator("table.data a").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    page.screenshot(path=screenshot_dir / "lists-plan-support.png", full_page=True)
    page.get_by_role("link", name="Tìm, lọc các đợt của kế hoạch").click()
    expect(page.locator("h1")).to_have_text("Các đợt tiếp nhận hồ sơ")
    assert "ke_hoach=" in page.url


def test_an_enterprise_and_a_council_member_filter_their_lists(live_server, page,
                                                               screenshot_dir):
    log_in(page, live_server.url, "doanhnghiep.cantho")
    page.locator("nav.mainnav").get_by_role("link", name="Đợt đang nhận hồ sơ").click()
    page.get_by_label("Nhóm").select_option("5.1")
    _filter(page)
    expect(page.get_by_label("Nhóm")).to_have_value("5.1")
    page.screenshot(path=screenshot_dir / "lists-calls-open-enterprise.png", full_page=True)

    page.context.clear_cookies()
    log_in(page, live_server.url, "hoidong.cantho")
    expect(page.locator("h1")).to_have_text("Hội đồng của tôi")
    rows = page.locator("#my-councils tr").count()
    page.get_by_label("Trạng thái").select_option(label="Đã kết luận")
    _filter(page)
    states = page.locator("#my-councils tr td:nth-child(3)").all_inner_texts()
    assert all(s == "Đã kết luận" for s in states)
    assert page.locator("#my-councils tr").count() <= rows
    page.screenshot(path=screenshot_dir / "lists-my-councils.png", full_page=True)


def test_the_office_pages_through_units_attendance_payments_and_scans(live_server, page,
                                                                      screenshot_dir):
    log_in(page, live_server.url, "vanphong.cantho")
    nav = page.locator("nav.mainnav")
    nav.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_label("Tìm kiếm").fill("can tho")
    _filter(page)
    page.locator("table.data a", has_text="Thành phố Cần Thơ").first.click()
    page.get_by_label("Loại đơn vị").select_option("commune")
    _filter(page)
    expect(page.locator("nav.pager")).to_be_visible()  # 100-odd communes: pages, no cut
    page.locator("nav.pager").get_by_role("link", name="Trang sau »").click()
    assert "loai=commune" in page.url and "trang=2" in page.url
    page.screenshot(path=screenshot_dir / "lists-unit-children.png", full_page=True)

    nav.get_by_role("link", name="Hoạt động", exact=True).click()
    page.locator("#events a").first.click()
    page.screenshot(path=screenshot_dir / "lists-event-attendance.png", full_page=True)

    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.locator("table.data a").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    page.get_by_role("link", name="Các khoản thanh toán hỗ trợ của kế hoạch").click()
    page.get_by_label("Năm ngân sách").select_option("2024")
    _filter(page)
    years = page.locator("#payments tr td:nth-child(6)").all_inner_texts()
    assert all(y.startswith("2024") for y in years)
    page.screenshot(path=screenshot_dir / "lists-plan-payments.png", full_page=True)

    nav.get_by_role("link", name="Truy xuất", exact=True).click()
    page.get_by_role("link", name="Nhật ký quét, dấu hiệu hàng giả").click()
    page.get_by_label("Kết quả").select_option("unknown")
    _filter(page)
    results = page.locator("#scans tr td:nth-child(3)").all_inner_texts()
    assert all(r == "Không có tem này" for r in results)
    page.screenshot(path=screenshot_dir / "lists-scan-review.png", full_page=True)


def test_the_office_filters_a_products_stamp_rolls(live_server, page, screenshot_dir):
    log_in(page, live_server.url, "vanphong.cantho")
    page.locator("nav.mainnav").get_by_role("link", name="Truy xuất", exact=True).click()
    page.locator("table.data a", has_text="Gạo thơm ST25 Mỹ Xuyên").first.click()
    page.get_by_label("Trạng thái cuộn").select_option("active")
    _filter(page)
    assert "cuon=active" in page.url
    states = page.locator("#rolls tr td:nth-child(4)").all_inner_texts()
    assert states and all(s.startswith("Đang sử dụng") for s in states)
    page.screenshot(path=screenshot_dir / "lists-product-rolls.png", full_page=True)
