"""The case workflow: each illegal step is refused with a clear Vietnamese message and changes
nothing; legal steps are logged once on the case's timeline."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nscl.support.choices import CaseStatus
from nscl.support.models import Contract, Payment, Score, SupportCase
from nscl.support.services import cases as steps
from nscl.support.services.money import committed_on, remaining_on
from nscl.support.workflow import WorkflowError
from nscl.workflow.models import DomainEvent

from .conftest import case_in


def _state(case):
    case = SupportCase.objects.get(pk=case.pk)
    return (case.status, Contract.objects.filter(case=case).count(),
            Payment.objects.filter(contract__case=case).count(), case.scores.count(),
            DomainEvent.objects.filter(object_id=str(case.pk), verb__startswith="case_").count())


def test_a_contract_before_approval_is_refused(soc_trang, users):
    case = case_in(CaseStatus.RECOMMENDED, soc_trang)
    before = _state(case)
    with pytest.raises(WorkflowError, match="đang ở trạng thái “Được hội đồng đề xuất”: không "
                                            "thể “Ký hợp đồng hỗ trợ”"):
        steps.contract_sign(case=case, actor=users["vanphong.cantho"], number="X-1/HĐ",
                            signed_on=dt.date(2025, 7, 1), amount=Decimal(10), content="x",
                            deadline=dt.date(2025, 11, 1), consultant="y")
    assert _state(case) == before


def test_a_score_from_a_member_of_another_council_is_refused(soc_trang, tuyen_quang, users):
    case = case_in(CaseStatus.UNDER_REVIEW, soc_trang)
    before = _state(case)
    with pytest.raises(PermissionDenied, match="không phải thành viên hội đồng được giao"):
        steps.score_record(case=case, actor=users["thuky.tuyenquang"], items={})
    assert _state(case) == before


def test_a_payment_above_the_contract_is_refused(soc_trang, users):
    case = case_in(CaseStatus.ACCEPTED, soc_trang)
    before = _state(case)
    above = case.contract.amount + Decimal("0.001")
    with pytest.raises(ValidationError, match="vượt giá trị hợp đồng"):
        steps.case_liquidate(case=case, actor=users["vanphong.cantho"], liquidation_number="TL-1",
                             paid_on=dt.date(2025, 12, 1), amount=above)
    assert _state(case) == before


def test_a_contract_above_the_remaining_budget_line_is_refused(soc_trang, users):
    case = case_in(CaseStatus.APPROVED, soc_trang)
    line = case.call_category.budget_line
    left = remaining_on(line, 2025)
    case.approved_amount = left + 1  # as if approved and normed generously: the line decides
    case.save()
    case.call_category.unit_norm = left + 1
    case.call_category.save()
    before = _state(case)
    with pytest.raises(ValidationError, match=f"vượt kinh phí còn lại của dòng dự toán "
                                              f"{line.code} năm 2025"):
        steps.contract_sign(case=case, actor=users["vanphong.cantho"], number="X-2/HĐ",
                            signed_on=dt.date(2025, 7, 1), amount=left + 1, content="x",
                            deadline=dt.date(2025, 11, 1), consultant="y")
    assert _state(case) == before
    assert remaining_on(line, 2025) == left and committed_on(line, 2025) >= 0


def test_a_contract_above_the_unit_norm_is_refused(soc_trang, users):
    case = case_in(CaseStatus.APPROVED, soc_trang)
    norm = case.call_category.unit_norm
    with pytest.raises(ValidationError, match="vượt định mức"):
        steps.contract_sign(case=case, actor=users["vanphong.cantho"], number="X-3/HĐ",
                            signed_on=dt.date(2025, 7, 1), amount=norm + 1, content="x",
                            deadline=dt.date(2025, 11, 1), consultant="y")
    assert not Contract.objects.filter(number="X-3/HĐ").exists()


def test_a_second_acceptance_of_a_closed_case_is_refused(soc_trang, users):
    case = case_in(CaseStatus.LIQUIDATED, soc_trang)
    secretary = case.acceptance_council.members.get(role="secretary").user
    before = _state(case)
    with pytest.raises(WorkflowError, match="Đã thanh lý hợp đồng"):
        steps.acceptance_record(case=case, actor=secretary, passed=True,
                                accepted_on=dt.date(2025, 12, 1))
    assert _state(case) == before


def test_steps_are_refused_to_the_wrong_role(soc_trang, users, new_case):
    before = _state(new_case)
    for name in ("doanhnghiep.cantho", "lanhdao.cantho", "hoidong.cantho", "vanphong.tuyenquang"):
        with pytest.raises(PermissionDenied, match="Bạn không có quyền “Xét điều kiện"):
            steps.case_screen(case=new_case, actor=users[name])
    assert _state(new_case) == before


def test_an_approval_with_one_bad_entry_approves_nothing(soc_trang, users):
    good = case_in(CaseStatus.RECOMMENDED, soc_trang)
    not_yet = case_in(CaseStatus.UNDER_REVIEW, soc_trang)
    with pytest.raises(ValidationError, match=f"Hồ sơ {good.code}: kinh phí duyệt"):
        steps.approval_record(plan=soc_trang, number="9998/QĐ-UBND", date=dt.date(2025, 6, 1),
                              actor=users["lanhdao.cantho"], amounts={good.pk: Decimal(10**6)})
    with pytest.raises(WorkflowError, match=f"Hồ sơ hỗ trợ {not_yet.code} — .* đang ở trạng thái"):
        steps.approval_record(plan=soc_trang, number="9999/QĐ-UBND", date=dt.date(2025, 6, 1),
                              actor=users["lanhdao.cantho"],
                              amounts={good.pk: Decimal(1), not_yet.pk: Decimal(1)})
    assert SupportCase.objects.get(pk=good.pk).status == CaseStatus.RECOMMENDED
    assert not soc_trang.approval_decisions.filter(number__in=["9998/QĐ-UBND",
                                                               "9999/QĐ-UBND"]).exists()


def test_screening_explains_every_priority_point(new_case, users):
    case = steps.case_screen(case=new_case, actor=users["vanphong.cantho"])
    assert case.status == CaseStatus.ELIGIBLE
    assert case.priority_points == sum(p["points"] for p in case.priority_explained)
    labels = {p["label"] for p in case.priority_explained}
    assert "Có sản phẩm OCOP" in labels and len(labels) == 5


def test_a_case_without_commitment_is_ineligible(new_case, users):
    SupportCase.objects.filter(pk=new_case.pk).update(commitment_signed=False)
    case = steps.case_screen(case=new_case, actor=users["vanphong.cantho"])
    assert case.status == CaseStatus.INELIGIBLE
    event = DomainEvent.objects.get(verb="case_screen", object_id=str(case.pk))
    assert {"label": "Có Bảng đăng ký và cam kết thực hiện", "passed": False} in \
        event.after["eligibility"]


def test_a_council_cannot_conclude_before_every_member_scored(soc_trang, users):
    case = case_in(CaseStatus.UNDER_REVIEW, soc_trang)
    council = case.selection_council
    with pytest.raises(WorkflowError, match="Chưa đủ phiếu chấm của 3 thành viên"):
        steps.council_conclude(council=council, actor=users["chutich.cantho"])
    assert SupportCase.objects.get(pk=case.pk).status == CaseStatus.UNDER_REVIEW
    assert Score.objects.filter(case=case).count() == 2
