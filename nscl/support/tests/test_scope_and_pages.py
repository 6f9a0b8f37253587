"""Who sees which cases, and the pages each role works in."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from nscl.support.choices import CaseStatus
from nscl.support.models import CallCategory, SupportCase
from nscl.support.selectors import cases_for, waiting_for

from .conftest import case_in
from .factories import THREE


def _plans(cases):
    return {c.call_category.call.plan.province.code for c in cases}


def test_province_roles_see_their_province_and_the_ministry_all(users):
    assert _plans(cases_for(users["vanphong.cantho"])) == {"cu-94"}
    assert _plans(cases_for(users["lanhdao.tuyenquang"])) == {"08"}
    assert _plans(cases_for(users["xem.cantho"])) == {"cu-94"}
    assert _plans(cases_for(users["bo.khcn"])) == {"cu-94", "08"}


def test_a_beneficiary_sees_only_its_own_cases(users):
    user = users["doanhnghiep.cantho"]
    mine = cases_for(user)
    assert mine.exists() and {c.beneficiary.unit_id for c in mine} == {user.unit_id}


def test_a_council_member_sees_only_their_councils_cases(users, tuyen_quang):
    member = users["hoidong.cantho"]
    seen = cases_for(member)
    assert seen.exists()
    assert all(member in [m.user for m in c.selection_council.members.all()] or
               (c.acceptance_council and member in [m.user for m in
                                                     c.acceptance_council.members.all()])
               for c in seen)
    assert not cases_for(member).filter(call_category__call__plan=tuyen_quang).exists()
    assert not cases_for(member).filter(selection_council__isnull=True).exists()


def test_a_commune_sees_only_cases_of_its_own_beneficiaries(users):
    xa1, xa2 = users["baocao.xa1.cantho"], users["baocao.xa2.cantho"]
    assert {c.beneficiary.commune_id for c in cases_for(xa1)} <= {xa1.unit_id}
    assert not cases_for(xa1).filter(beneficiary__commune=xa2.unit).exists()
    assert not cases_for(users["baocao.sct.cantho"]).exists()


@pytest.mark.parametrize("name,status", [("doanhnghiep.cantho", 404), ("hoidong.cantho", 404),
                                         ("vanphong.tuyenquang", 404), ("lanhdao.cantho", 200),
                                         ("vanphong.cantho", 200)])
def test_case_pages_answer_404_out_of_scope(client, users, soc_trang, name, status):
    other = SupportCase.objects.filter(call_category__call__plan=soc_trang).exclude(
        beneficiary__unit=users["doanhnghiep.cantho"].unit).exclude(
        selection_council__members__user=users["hoidong.cantho"]).first()
    client.force_login(users[name])
    assert client.get(f"/ho-tro/ho-so/{other.pk}/").status_code == status


def test_each_role_is_offered_only_its_steps(client, users, soc_trang):
    case = case_in(CaseStatus.CONTRACTED, soc_trang)
    client.force_login(users["vanphong.cantho"])
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert 'id="step-monitor"' in page and 'id="step-amend"' in page
    client.force_login(users["lanhdao.cantho"])
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert 'id="step-' not in page  # leadership only reads a contracted case


def test_a_refused_step_through_the_page_says_why(client, users, soc_trang):
    case = case_in(CaseStatus.ACCEPTED, soc_trang)
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/ho-tro/ho-so/{case.pk}/liquidate/", {
        "liquidate-liquidation_number": "TL-9", "liquidate-paid_on": "10/12/2025",
        "liquidate-amount": "99.999", "xac_nhan": "1"}, follow=True)
    assert "vượt giá trị hợp đồng" in response.content.decode()
    assert SupportCase.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_the_case_list_filters_and_exports(client, users):
    client.force_login(users["vanphong.cantho"])
    page = client.get("/ho-tro/?status=liquidated&category=5.3")
    assert [c.call_category.category.code for c in page.context["listing"].rows] == ["5.3"] * 3
    response = client.get("/ho-tro/?status=liquidated&category=5.3&xuat=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) == 1 + 3
    assert {r[4] for r in rows[1:]} == {"5.3"} and {r[9] for r in rows[1:]} == {
        "Đã thanh lý hợp đồng"}


def test_the_budget_page_shows_planned_committed_and_paid(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    page = client.get(f"/du-toan/ke-hoach/{soc_trang.pk}/").content.decode()
    assert "Thực hiện dự toán" in page and "Cam kết" in page and "Đã chi" in page
    from nscl.budget.execution import execution_for_plan
    from nscl.budget.models import BudgetLine
    line = BudgetLine.objects.get(appendix__plan=soc_trang, appendix__code="Phụ lục I", code="5.3")
    committed, paid = execution_for_plan(soc_trang)[(line.pk, 2022)]
    contract = SupportCase.objects.get(call_category__budget_line=line,
                                       call_category__call__year=2022).contract
    assert committed == paid == contract.amount <= 185  # one laboratory in 2022, fully paid
    assert 'data-line="5.3"' in page


def test_waiting_lists_follow_the_role(users, soc_trang):
    office = {t.action for _, ts in waiting_for(users["vanphong.cantho"]) for t in ts}
    assert {"screen", "assign_selection", "sign_contract"} <= office
    leader = {t.action for _, ts in waiting_for(users["lanhdao.cantho"]) for t in ts}
    assert leader == {"approve"}
    assert waiting_for(users["xem.cantho"]) == []


def test_an_application_through_the_form(client, users, soc_trang):
    user = users["doanhnghiep.cantho"]
    client.force_login(user)
    cc = CallCategory.objects.get(call__plan=soc_trang, call__year=2025, category__code="5.1")
    form = client.get("/ho-tro/ho-so/moi/").context["form"]
    assert cc not in form.fields["call_category"].queryset  # closed on 30/04/2025: not offered
    response = client.post("/ho-tro/ho-so/moi/", {
        "call_category": cc.pk, "beneficiary": user.unit.beneficiary.pk,
        "content": "Công bố tiêu chuẩn cơ sở cho sản phẩm gạo", "estimated_cost": "30",
        "requested_amount": "18", "commitment_signed": "on"})
    assert response.status_code == 200 and not SupportCase.objects.filter(
        content="Công bố tiêu chuẩn cơ sở cho sản phẩm gạo").exists()
    cc.call.closes_at = timezone.make_aware(dt.datetime(2099, 1, 1, 17, 0))
    cc.call.save()
    response = client.post(f"/ho-tro/ho-so/moi/?dot={cc.call_id}", {
        "call_category": cc.pk, "beneficiary": user.unit.beneficiary.pk,
        "content": "Công bố tiêu chuẩn cơ sở cho sản phẩm gạo", "estimated_cost": "30",
        "requested_amount": "18", "commitment_signed": "on",
        **{f"doc_{kind}": SimpleUploadedFile(name, content) for kind, name, content in THREE}})
    assert response.status_code == 302
    case = SupportCase.objects.get(content="Công bố tiêu chuẩn cơ sở cho sản phẩm gạo")
    assert case.beneficiary.unit_id == user.unit_id and case.status == CaseStatus.SUBMITTED
