"""Browser test in the system Chromium: the program office opens the Sóc Trăng plan, its
progress page and its budget with the findings highlighted; screenshots are kept in
artifacts/screenshots/."""

import pytest

from nscl.demo.loader import load_demo

from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")


def test_program_office_reviews_plan_progress_and_budget(live_server, browser_page,
                                                         screenshot_dir):
    load_demo()
    page = browser_page
    log_in(page, live_server.url, "vanphong.cantho")
    page.wait_for_url("**/viec-cho-toi/")  # the office lands on what waits for it
    page.screenshot(path=screenshot_dir / "01-inbox.png", full_page=True)
    page.click(".mainnav >> text=Kế hoạch")
    page.wait_for_url("**/ke-hoach/")
    page.screenshot(path=screenshot_dir / "01-plan-list.png", full_page=True)

    page.click("text=Sóc Trăng giai đoạn 2021 – 2025")
    assert page.locator("h1").inner_text().startswith("Thực hiện Chương trình quốc gia")
    assert page.locator("text=Huỳnh Thị Diễm Ngọc").count() == 1
    page.screenshot(path=screenshot_dir / "02-plan.png", full_page=True)

    page.click("text=Tiến độ chỉ tiêu")
    row = page.locator("#progress tr", has_text="Chuyên gia năng suất chất lượng")
    assert "ít nhất 15 người" in row.inner_text() and "80,00%" in row.inner_text()
    page.screenshot(path=screenshot_dir / "03-progress.png", full_page=True)

    page.click("text=Dự toán kinh phí")
    assert "Kiểm tra số học: 7 lỗi" in page.locator("h3").first.inner_text()
    flagged = page.locator("table.budget tr.sev-error")
    assert sorted({flagged.nth(i).get_attribute("data-line") for i in range(flagged.count())}) \
        == ["5", "5.4", "6", "Tổng cộng"]
    assert page.locator("tr.sev-warning[data-line='4']").count() == 1  # Phụ lục II, line 4
    page.screenshot(path=screenshot_dir / "04-budget-findings.png", full_page=True)


def test_leadership_filters_the_dashboard_and_downloads_a_chart(live_server, browser_page,
                                                                screenshot_dir):
    load_demo()
    page = browser_page
    log_in(page, live_server.url, "lanhdao.cantho")
    page.click(".mainnav >> text=Kế hoạch")
    page.click("text=Sóc Trăng giai đoạn 2021 – 2025")
    page.click(".tabs >> text=Bảng điều khiển")
    page.click("text=Giai đoạn 2021 – 2025")
    assert page.locator("#dash-indicators tr").count() == 10  # header + 9 indicators
    page.select_option("select[name=nam]", "2024")
    page.click("#filters button")
    page.wait_for_url("**nam=2024**")
    assert "số liệu đến hết năm 2024" in page.locator("#filters").inner_text()
    row = page.locator("#dash-indicators tr", has_text="Chuyên gia năng suất")
    assert "12" in row.inner_text()
    page.screenshot(path=screenshot_dir / "05-dashboard-2024.png", full_page=True)
    with page.expect_download() as download_info:
        page.click("#chart-activities >> text=Tải ảnh PNG")
    download = download_info.value
    path = screenshot_dir / "05-dashboard-activities-2024.png"
    download.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert download.suggested_filename.startswith("bieu-do-activities")
    page.click(".tabs >> text=Năng suất, TFP")
    phases = page.locator("#tfp-phases").inner_text()
    assert "Giai đoạn 2021 – 2025" in phases and "56,88%" in phases
    assert page.locator("#tfp-chart svg rect").count() > 30
    page.screenshot(path=screenshot_dir / "06-tfp.png", full_page=True)


def test_an_official_checks_appendices_and_is_never_told_all_is_fine_about_a_cut_file(
        live_server, browser_page, screenshot_dir, tmp_path):
    from nscl.budget.tests.corpus.build import FILES

    load_demo()
    page = browser_page
    log_in(page, live_server.url, "vanphong.cantho")
    page.wait_for_url("**/viec-cho-toi/")
    page.click(".mainnav >> text=Kiểm tra dự toán")
    page.set_input_files("#id_file", str(FILES / "09_xlsx_sources_per_year.xlsx"))
    page.click("button:has-text('Kiểm tra')")
    summary = page.locator("#read-summary").inner_text()
    assert "11 dòng, 3 năm, 2 nguồn" in summary and "phép tính" in summary
    assert page.locator("#findings li.finding-error").count() == 8  # its planted errors
    assert page.locator("#not-understood").count() == 0
    page.screenshot(path=screenshot_dir / "12-budget-check-sources.png", full_page=True)

    lines = (FILES / "01_text_dotted_seedlike.txt").read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "bi-cat.txt"
    cut.write_text("\n".join(lines[:lines.index(next(x for x in lines if x.startswith("3.2")))]),
                   encoding="utf-8")
    page.set_input_files("#id_file", str(cut))
    page.click("button:has-text('Kiểm tra')")
    assert page.locator("#not-understood").is_visible()
    assert page.locator("#all-clear").count() == 0
    assert "không thấy dòng tổng cộng" in page.locator("#findings").inner_text()
    page.screenshot(path=screenshot_dir / "13-budget-check-not-understood.png", full_page=True)
