"""A commune reporter fills and submits a contribution; the program office returns it, accepts
the corrected one and generates the provincial report — in the system Chromium."""


import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.reporting.models import Submission

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                               accept_downloads=True)


def test_a_contribution_from_commune_to_provincial_report(live_server, page, screenshot_dir):
    load_demo()
    url = live_server.url
    bavi = Submission.objects.get(request__number="567", unit__name="Xã Ba Vì")

    def as_user(username):
        log_in(page, url, username)

    as_user("baocao.bavi")
    page.goto(f"{url}/bao-cao/")
    page.click("#inbox >> text=567/SKHCN-TĐC")
    page.fill("#id_s_II\\.1\\.2", "Tổ chức 02 hội nghị tuyên truyền về tiêu chuẩn, chất lượng "
                                   "cho hộ kinh doanh.")
    page.fill("#id_table", "Hội nghị tuyên truyền | 5.000.000 | 2024\nTổng | 6.000.000 |")
    page.click("button[name=submit]")
    expect(page.locator("#table-findings")).to_contain_text("chênh lệch 1.000.000")
    page.fill("#id_table", "Hội nghị tuyên truyền | 5.000.000 | 2024\nTổng | 5.000.000 |")
    page.click("button[name=submit]")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi")
    page.screenshot(path=screenshot_dir / "08-commune-submitted.png", full_page=True)

    as_user("vanphong.quangngai")
    page.goto(f"{url}/bao-cao/dong-gop/{bavi.pk}/")
    page.fill("#id_comment", "Đề nghị nêu rõ số hộ kinh doanh tham dự.")
    page.click("button[name=return]")
    expect(page.locator("#submission-status")).to_have_text("Trả lại để chỉnh sửa")

    as_user("baocao.bavi")
    page.goto(f"{url}/bao-cao/dong-gop/{bavi.pk}/")
    page.fill("#id_s_II\\.1\\.2", "Tổ chức 02 hội nghị tuyên truyền về tiêu chuẩn, chất lượng "
                                   "cho 85 hộ kinh doanh.")
    page.click("button[name=submit]")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi")

    as_user("vanphong.quangngai")
    page.goto(f"{url}/bao-cao/dong-gop/{bavi.pk}/")
    page.click("button[name=accept]")
    expect(page.locator("#submission-status")).to_have_text("Đã chấp nhận")
    page.goto(f"{url}/bao-cao/cong-van/{bavi.request_id}/")
    # the mid-term report was sent to the Ministry: it is closed, no rebuilding in place
    expect(page.locator("text=Tổng hợp lại báo cáo")).to_have_count(0)
    page.click("text=Mở báo cáo tổng hợp")
    page.screenshot(path=screenshot_dir / "09-provincial-report.png", full_page=True)
    with page.expect_download() as info:
        page.click("text=Tải Word (.docx)")
    download = info.value
    path = screenshot_dir / "09-bao-cao.docx"
    download.save_as(path)
    assert path.read_bytes()[:2] == b"PK"
