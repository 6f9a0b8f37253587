"""Keyboard alone: a council member logs in, opens the application from "Việc chờ tôi",
declares no conflict of interest, scores every criterion with a comment and confirms the score
— only Tab, typing, Space and Enter, no mouse and no typed address after the site's own.
Each page is checked by axe-core (its `expect`s run the check)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from nscl.demo.accounts import DEMO_PASSWORD
from nscl.demo.loader import load_demo
from nscl.organisation.models import User
from nscl.plans.models import Plan
from nscl.support.models import Score
from nscl.support.services import cases as support
from nscl.support.services import councils
from nscl.support.tests.factories import application

from .helpers import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """([selector, text]) => { const e = document.activeElement;
  return !!e && e.matches(selector) && (!text || e.textContent.includes(text)); }"""


def tab_to(page, selector: str, text: str = "", limit: int = 150) -> None:
    """Tab until the focus is on an element matching `selector` (and showing `text`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text!r}")


@pytest.fixture
def assigned():
    """A new selection council of Sóc Trăng's plan and one application assigned to it."""
    load_demo()
    users = {u.username: u for u in User.objects.filter(username__in=[
        "vanphong.cantho", "chutich.cantho", "thuky.cantho", "hoidong.cantho",
        "doanhnghiep.cantho"])}
    office, plan = users["vanphong.cantho"], Plan.objects.get(province__code="cu-94")
    council = support.council_form(
        plan=plan, kind="selection", name="Hội đồng xét chọn bổ sung năm 2025",
        decision_number="79/QĐ-SKHCN", decision_date=dt.date(2025, 4, 1), actor=office,
        seats=[(users["chutich.cantho"], "chair"), (users["thuky.cantho"], "secretary"),
               (users["hoidong.cantho"], "member")])
    case = application(plan.calls.get(year=2025), users["doanhnghiep.cantho"].unit.beneficiary,
                       code="5.2", actor=office, submitted_on=dt.date(2025, 3, 2))
    support.case_screen(case=case, actor=office)
    support.case_assign_selection(case=case, council=council, actor=office)
    return case


def test_a_member_declares_and_scores_by_keyboard_alone(live_server, assigned, screenshot_dir):
    case, member = assigned, User.objects.get(username="hoidong.cantho")
    criteria = councils.criteria_for(case)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page.goto(f"{live_server.url}/dang-nhap/")
        tab_to(page, "#id_username")
        page.keyboard.type(member.username)
        tab_to(page, "#id_password")
        page.keyboard.type(DEMO_PASSWORD)
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Hội đồng của tôi")  # a member's landing
        tab_to(page, "nav.mainnav a", "Việc chờ tôi")
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text("Việc chờ tôi")
        tab_to(page, "table.inbox a", case.code)
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text("Khai xung đột lợi ích")
        tab_to(page, "#declare-form input[type=radio]")
        page.keyboard.press("Space")
        expect(page.get_by_label("Tôi cam kết không có xung đột lợi ích")).to_be_checked()
        tab_to(page, "#declare-form button[type=submit]")
        page.keyboard.press("Enter")

        expect(page.locator("#score-form")).to_be_visible()
        for n, criterion in enumerate(criteria, start=1):
            tab_to(page, f"#id_points_{criterion.pk}")
            page.keyboard.type(str(criterion.max_points - 2))
            page.keyboard.press("Tab")
            page.keyboard.type(f"Tiêu chí {n}: đạt yêu cầu.")
        expect(page.locator("#score-total")).to_have_text(
            str(sum(c.max_points - 2 for c in criteria)))
        tab_to(page, "#score-form button[type=submit]")
        page.screenshot(path=screenshot_dir / "keyboard-1-score-form.png", full_page=True)
        page.keyboard.press("Enter")

        expect(page.locator("#score-summary")).to_contain_text(f"Tiêu chí {len(criteria)}")
        tab_to(page, "#confirm-step")
        page.screenshot(path=screenshot_dir / "keyboard-2-score-confirm.png", full_page=True)
        page.keyboard.press("Enter")
        expect(page.locator(".msg-success")).to_contain_text("Đã nộp phiếu chấm")
    score = Score.objects.get(case=case, member__user=member)
    assert score.points == sum(c.max_points - 2 for c in criteria)
    assert [i.comment for i in score.items.order_by("criterion__order")] == [
        f"Tiêu chí {n}: đạt yêu cầu." for n in range(1, len(criteria) + 1)]
