"""One support case from the call to liquidation in the system Chromium, each step done by the
role that owns it, every page reached by clicking from the login page: the office opens the
call and forms the selection and acceptance councils, the beneficiary applies with three
documents, each council member finds the case in the inbox, declares no conflict and scores by
criteria (confirming the score), the chair concludes and downloads the minutes, leadership
approves, the contract, progress, acceptance and liquidation follow. The case timeline is kept
as a screenshot."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from nscl.demo.loader import load_demo
from nscl.organisation.models import User
from nscl.support.choices import CaseStatus
from nscl.support.workflow import CASE_FLOW

from .call_steps import beneficiary_applies, office_opens_call
from .council_steps import council_round, declare_no_conflict
from .helpers import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup_2026():
    """The demo; the year's call and councils are made in the browser."""
    load_demo()


def office_forms_council(page, kind: str, name: str, shots=None) -> None:
    """The office, on the plan's support page, forms a council by decision: the chair, the
    secretary and a member (the demo's council accounts of Cần Thơ)."""
    page.get_by_role("link", name="Thành lập hội đồng").click()
    page.select_option("#id_kind", kind)
    page.fill("#id_name", name)
    page.fill("#id_decision_number", "88/QĐ-SKHCN")
    page.fill("#id_decision_date", "01/03/2026")
    for field, username in (("chair", "chutich.cantho"), ("secretary", "thuky.cantho"),
                            ("members", "hoidong.cantho")):
        page.select_option(f"#id_{field}", str(User.objects.get(username=username).pk))
    if shots is not None:
        page.screenshot(path=shots / "case-05-council-new.png", full_page=True)
    page.get_by_role("button", name="Thành lập").click()
    expect(page.locator(".msg-success")).to_contain_text(f"Đã thành lập {name}")


@pytest.fixture
def page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")


def test_one_case_from_the_call_to_liquidation(live_server, page, setup_2026,
                                                  screenshot_dir):
    url = live_server.url

    def as_user(username):
        log_in(page, url, username)

    def step(action, fields=None):
        form = page.locator(f"#step-{action}")
        for name, value in (fields or {}).items():
            target = form.locator(f"[name='{action}-{name}']")
            if target.evaluate("e => e.tagName") == "SELECT":
                target.select_option(index=1)
            else:
                target.fill(value)
        form.locator("button[type=submit]").click()
        if CASE_FLOW.by_action[action].confirm:  # irreversible: the summary, then confirm
            expect(page.locator("#confirm-what")).to_have_text(
                str(CASE_FLOW.by_action[action].confirm))
            page.screenshot(path=screenshot_dir / f"confirm-{action}.png", full_page=True)
            page.click("#confirm-step")
        expect(page.locator(".msg-success")).to_be_visible()

    def open_case(via="Hỗ trợ doanh nghiệp"):
        """From the menu: the case list searched by the case's code, or "Việc chờ tôi"."""
        page.locator("nav.mainnav").get_by_role("link", name=via, exact=True).click()
        if via == "Hỗ trợ doanh nghiệp":
            page.get_by_label("Tìm kiếm").fill(code)
            page.get_by_role("button", name="Lọc").click()
            page.locator("#cases").get_by_role("link", name=code, exact=True).click()
        else:
            page.locator("table.inbox a", has_text=code).first.click()

    # the office opens the call from the plan; the beneficiary finds it in its inbox and
    # applies with three documents (nscl/tests/call_steps.py)
    title = "Đợt tiếp nhận hồ sơ ISO 22000 năm 2026"
    office_opens_call(page, url, title, screenshot_dir, prefix="case")
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()  # the plan's support
    page.locator("a", has_text="Sóc Trăng").first.click()
    page.get_by_role("link", name="Đợt hỗ trợ và hội đồng").click()
    office_forms_council(page, "selection", "Hội đồng xét chọn năm 2026", screenshot_dir)
    office_forms_council(page, "acceptance", "Hội đồng nghiệm thu năm 2026")
    case, _quotation = beneficiary_applies(
        page, url, title, "Tư vấn, chứng nhận ISO 22000:2018 cho dây chuyền gạo", screenshot_dir,
        prefix="case")
    code = case.code

    as_user("vanphong.cantho")  # the program office screens and sends it to the council
    open_case()
    step("screen")
    step("assign_selection", {"council": ""})

    # each member from the inbox: no conflict declared, scored by criteria; the secretary's
    # minutes, the chair's conclusion, the minutes downloaded (nscl/tests/council_steps.py)
    council_round(page, url, case.code, "Hội đồng xét chọn năm 2026", screenshot_dir)

    as_user("lanhdao.cantho")  # the province approves, from the case waiting in its inbox
    open_case("Việc chờ tôi")
    page.get_by_role("link", name="Ghi quyết định phê duyệt danh sách hỗ trợ").click()
    on = f"{case.submitted_on:%d/%m/%Y}"
    page.fill("#id_number", "321/QĐ-UBND")
    page.fill("#id_date", on)  # each step dated in order, from the submission (issue 15)
    for field in page.locator("input[name^=amount_]").all():
        if field.get_attribute("name") != f"amount_{case.pk}":
            field.fill("")
    page.click("main button[type=submit]")
    expect(page.locator("#confirm-items")).to_contain_text(case.code)
    page.screenshot(path=screenshot_dir / "confirm-approve.png", full_page=True)
    page.click("#confirm-step")
    expect(page.locator(".msg-success")).to_be_visible()

    as_user("vanphong.cantho")  # the contract
    open_case()
    step("sign_contract", {"number": "12/2026/HĐ-HT", "signed_on": on, "amount": "90",
                           "content": "Tư vấn, chứng nhận ISO 22000:2018",
                           "deadline": f"{case.submitted_on + dt.timedelta(days=60):%d/%m/%Y}",
                           "consultant": "Viện Năng suất Việt Nam"})

    as_user("doanhnghiep.cantho")  # progress, then the request for acceptance
    open_case()
    step("report_progress", {"date": on, "text": "Đã đào tạo nhận thức, viết sổ tay."})
    step("request_acceptance", {"report": "Đã được cấp chứng nhận ISO 22000:2018."})

    as_user("vanphong.cantho")
    open_case()
    step("assign_acceptance", {"council": ""})

    as_user("thuky.cantho")  # the acceptance council's secretary records the result
    open_case("Việc chờ tôi")
    declare_no_conflict(page)  # a new council: the declaration again before the case opens
    step("record_acceptance", {"accepted_on": on, "standard": "ISO 22000:2018",
                               "certificate_number": "FS-2026-118", "certifier": "QUACERT",
                               "revenue_before": "4.200", "revenue_after": "4.950"})

    as_user("vanphong.cantho")  # liquidation and payment
    open_case()
    step("liquidate", {"liquidation_number": "TL-12/2026", "paid_on": on,
                       "amount": "90"})
    expect(page.locator("#case-status")).to_have_text("Đã thanh lý hợp đồng")
    timeline = page.locator("#timeline").inner_text()
    for label in ("Xét điều kiện", "Chuyển Hội đồng xét chọn", "Hội đồng đề xuất hỗ trợ",
                  "Quyết định 321/QĐ-UBND", "Ký hợp đồng hỗ trợ", "Đề nghị nghiệm thu",
                  "Ghi kết quả nghiệm thu", "Thanh lý hợp đồng và thanh toán"):
        assert label in timeline, label
    page.locator("#timeline").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "11-case-timeline.png", full_page=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.LIQUIDATED and case.contract.payments.get().amount == 90
