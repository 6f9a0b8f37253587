"""A call from its opening to an application with three documents, clicking only: the program
office opens a call from the plan's support page, the beneficiary finds it in "Việc chờ tôi",
applies with three files, and the office opens one of them. Screenshots kept."""

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo

from .call_steps import beneficiary_applies, office_opens_call
from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    load_demo()
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                               accept_downloads=True)


def test_office_opens_a_call_beneficiary_applies_with_three_documents_office_opens_one(
        live_server, page, screenshot_dir):
    url, title = live_server.url, "Đợt bổ sung hỗ trợ ISO 22000"
    office_opens_call(page, url, title, screenshot_dir)
    case, quotation = beneficiary_applies(
        page, url, title, "Tư vấn, chứng nhận ISO 22000:2018 cho xưởng bánh pía",
        screenshot_dir)

    log_in(page, url, "vanphong.cantho")  # the office opens the quotation from the case
    page.get_by_role("link", name="Hỗ trợ doanh nghiệp").first.click()
    page.get_by_role("link", name=case.code).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo giá tư vấn.docx").click()
    assert download.value.suggested_filename == "Báo giá tư vấn.docx"
    with open(download.value.path(), "rb") as opened:
        assert opened.read() == quotation
    page.get_by_role("link", name=case.call_category.call.title).click()
    expect(page.locator("#call-cases")).to_contain_text(case.code)
    page.screenshot(path=screenshot_dir / "calls-05-call-with-application.png", full_page=True)
