"""Jobs as the office meets them: a roll issued and filled, its label sheets made by a job whose
page shows the progress and then the file; a unit's report as PDF asked for while no worker
runs."""

import pytest

from nscl.demo.loader import load_demo
from nscl.jobs.models import WorkerBeat
from nscl.traceability.models import Product

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_label_sheets_from_a_job_page_and_a_pdf_without_a_worker(live_server, screenshot_dir,
                                                                  settings):
    load_demo()
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    url = live_server.url
    with chromium() as browser:
        desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        log_in(desk, url, "vanphong.cantho")
        desk.locator("nav.mainnav").get_by_role("link", name="Truy xuất", exact=True).click()
        desk.click(f"text={rice.name}")
        desk.fill("#issue-form input[name=count]", "1.200")
        desk.click("#issue-form button")
        roll = rice.rolls.order_by("-pk").first()
        assert (roll.count, roll.issued) == (1200, 1200)
        row = desk.locator(f"#cuon-{roll.pk}")
        assert "1.200 / 1.200" in row.inner_text()
        desk.screenshot(path=screenshot_dir / "16-roll-filled.png", full_page=True)
        row.locator("text=PDF").click()
        assert desk.locator("#job-status").inner_text() == "Đã xong"
        assert "100%" in desk.content()
        with desk.expect_download() as download:
            desk.click("#job-download")
        assert download.value.suggested_filename == f"tem-{roll.pk}.pdf"
        desk.screenshot(path=screenshot_dir / "16-label-job.png", full_page=True)

        # the real queue, and no worker running: the page says so instead of waiting
        settings.TASKS = {"default": settings.NSCL_REAL_TASKS}
        WorkerBeat.objects.all().delete()
        log_in(desk, url, "vanphong.quangngai")
        desk.locator("nav.mainnav").get_by_role("link", name="Báo cáo", exact=True).click()
        desk.click("#requests >> text=567/SKHCN-TĐC")
        desk.click("#completeness >> text=Xã Ba Dinh")
        desk.click("#download-pdf")
        assert desk.locator("#job-status").inner_text() == "Đang chờ"
        warning = desk.locator("#job-no-worker").inner_text()
        assert "không có tiến trình chạy nền (worker)" in warning
        desk.screenshot(path=screenshot_dir / "16-no-worker.png", full_page=True)
