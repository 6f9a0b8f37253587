"""A selection council's round in the browser, by clicks only from the login page: each member
finds the application in "Việc chờ tôi", declares no conflict of interest, scores it by the
criteria and confirms the score on its summary (final unless the chair reopens it); the
secretary records the minutes; the chair concludes (summary, then confirm) and downloads the
minutes. Shared by the browser tests that take a case through selection."""

from io import BytesIO

from docx import Document
from playwright.sync_api import expect

from .helpers import log_in

MEMBERS = ("chutich.cantho", "hoidong.cantho", "thuky.cantho")


def _inbox_task(page, text: str) -> None:
    """From the menu to "Việc chờ tôi", then the task whose title starts with `text`."""
    page.locator("nav.mainnav").get_by_role("link", name="Việc chờ tôi").click()
    page.locator("table.inbox a", has_text=text).first.click()


def score_by_criteria(page, url: str, username: str, case_code: str, shots, share=0.85) -> None:
    log_in(page, url, username)
    _inbox_task(page, case_code)
    if username == MEMBERS[0]:
        page.screenshot(path=shots / "20-council-declaration.png", full_page=True)
    declare_no_conflict(page)
    fields = page.locator("input.criterion-points")
    criteria = fields.count()
    for n in range(criteria):
        field = fields.nth(n)
        field.fill(str(round(int(field.get_attribute("data-max")) * share)))
        page.locator("#score-form textarea[name^=comment_]").nth(n).fill(
            f"Tiêu chí {n + 1}: hồ sơ đáp ứng tốt.")
    if username == MEMBERS[0]:
        expect(page.locator("#score-total")).not_to_have_text("—")
        page.screenshot(path=shots / "21-council-score-form.png", full_page=True)
    page.locator("#score-form button[type=submit]").click()
    # a score is final unless the chair reopens it: the summary first, then confirm
    expect(page.locator("#confirm-what")).to_contain_text("trừ khi Chủ tịch hội đồng mở lại")
    expect(page.locator("#score-summary tr")).to_have_count(criteria + 2)  # a header, the total
    if username == MEMBERS[0]:
        page.screenshot(path=shots / "21b-council-score-confirm.png", full_page=True)
    page.click("#confirm-step")
    expect(page.locator(".msg-success")).to_contain_text("Đã nộp phiếu chấm")


def declare_no_conflict(page) -> None:
    """On the declaration page a council member meets before opening an application."""
    expect(page.locator("h1")).to_contain_text("Khai xung đột lợi ích")
    page.get_by_label("Tôi cam kết không có xung đột lợi ích").check()
    page.locator("#declare-form button[type=submit]").click()
    expect(page.locator(".msg-success")).to_contain_text("cam kết không xung đột")


def council_round(page, url: str, case_code: str, council_name: str, shots) -> bytes:
    """The whole round; returns the minutes (.docx) the chair downloaded."""
    for username in MEMBERS:
        score_by_criteria(page, url, username, case_code, shots)
    # the secretary (the last to score) records the minutes from the inbox's task
    _inbox_task(page, council_name)
    page.click("#record-minutes")
    page.fill("#id_meeting_on", "10/05/2026")
    page.fill("#id_meeting_place", "Phòng họp Sở Khoa học và Công nghệ")
    page.fill("#id_minutes", "Các thành viên nhận xét hồ sơ; Hội đồng thống nhất đề xuất hỗ trợ.")
    page.locator("#minutes-form button[type=submit]").click()
    expect(page.locator(".msg-success")).to_be_visible()

    log_in(page, url, "chutich.cantho")  # the chair concludes and signs
    _inbox_task(page, council_name)
    page.screenshot(path=shots / "22-council-ranking.png", full_page=True)
    page.click("#conclude")
    expect(page.locator("#confirm-summary")).to_contain_text(case_code)
    page.screenshot(path=shots / "23-council-conclude-confirm.png", full_page=True)
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator(".msg-success")).to_contain_text("Hội đồng đã kết luận")
    expect(page.locator("#council-status")).to_have_text("Đã kết luận")
    page.screenshot(path=shots / "24-council-concluded.png", full_page=True)
    with page.expect_download() as download:
        page.click("#minutes-docx")
    with open(download.value.path(), "rb") as handle:
        minutes = handle.read()
    text = "\n".join(p.text for p in Document(BytesIO(minutes)).paragraphs)
    assert "BIÊN BẢN" in text and council_name in text
    return minutes
