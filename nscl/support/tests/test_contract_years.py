"""Contracts over years (ADR 12): a case of year N's call is contracted in N on N's line; its
work may run into N+1 and is then paid on N's line as carried over; never later."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nscl.support.choices import CaseStatus
from nscl.support.models import Contract, Payment, SupportCase
from nscl.support.services import cases as steps
from nscl.support.services.money import committed_on, execution_by_line
from nscl.workflow.models import DomainEvent

from .conftest import case_in


def _sign(case, office, signed_on, deadline, number="HĐ-2025-NAM"):
    return steps.contract_sign(case=case, actor=office, number=number, signed_on=signed_on,
                               amount=case.approved_amount, content=case.content,
                               deadline=deadline, consultant="Viện Năng suất Việt Nam")


@pytest.fixture
def approved(soc_trang):
    case = case_in(CaseStatus.APPROVED, soc_trang)
    assert case.call_category.call.year == 2025
    return case


def test_a_contract_signed_in_the_approval_year_commits_that_years_line_into_the_next(
        approved, users):
    line = approved.call_category.budget_line
    before_2025, before_2026 = committed_on(line, 2025), committed_on(line, 2026)
    _sign(approved, users["vanphong.cantho"], dt.date(2025, 12, 15), dt.date(2026, 6, 30))
    contract = Contract.objects.get(case=approved)
    assert contract.year == 2025
    assert committed_on(line, 2025) == before_2025 + contract.amount
    assert committed_on(line, 2026) == before_2026


def test_a_contract_signed_after_the_approval_year_is_refused(approved, users):
    with pytest.raises(ValidationError, match="hợp đồng phải ký trong năm 2025 .đến ngày "
                                              "31/12/2025."):
        _sign(approved, users["vanphong.cantho"], dt.date(2026, 1, 10), dt.date(2026, 6, 30))
    assert not Contract.objects.filter(case=approved).exists()
    assert SupportCase.objects.get(pk=approved.pk).status == CaseStatus.APPROVED


def test_work_cannot_run_past_the_carry_over_year(approved, users):
    office = users["vanphong.cantho"]
    with pytest.raises(ValidationError, match="vượt quá ngày 31/12/2026"):
        _sign(approved, office, dt.date(2025, 12, 15), dt.date(2027, 1, 15))
    _sign(approved, office, dt.date(2025, 12, 15), dt.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="chỉ được chuyển nguồn sang năm 2026"):
        steps.contract_extend(case=approved, actor=office, new_deadline=dt.date(2027, 3, 1),
                              reason="Tổ chức chứng nhận lùi lịch đánh giá")
    steps.contract_extend(case=approved, actor=office, new_deadline=dt.date(2026, 12, 31),
                          reason="Tổ chức chứng nhận lùi lịch đánh giá")
    assert Contract.objects.get(case=approved).deadline == dt.date(2026, 12, 31)


def test_a_payment_in_the_next_year_is_booked_on_the_approval_years_line(soc_trang, users):
    case = case_in(CaseStatus.ACCEPTED, soc_trang)
    contract = case.contract
    line = case.call_category.budget_line
    paid_before = execution_by_line(soc_trang).get((line.pk, 2025), (0, 0))[1]
    steps.case_liquidate(case=case, actor=users["vanphong.cantho"], liquidation_number="TL-99",
                         paid_on=dt.date(2026, 3, 20), amount=contract.amount)
    payment = Payment.objects.get(contract=contract)
    assert (payment.year, payment.carried_over) == (2025, True)
    assert execution_by_line(soc_trang)[(line.pk, 2025)][1] == paid_before + contract.amount
    assert (line.pk, 2026) not in execution_by_line(soc_trang) or \
        execution_by_line(soc_trang)[(line.pk, 2026)][1] == 0
    event = DomainEvent.objects.filter(object_id=str(case.pk), verb="case_liquidate").get()
    assert event.after["budget_year"] == 2025 and event.after["carried_over"] is True


def test_a_payment_after_the_carry_over_year_is_refused(soc_trang, users):
    case = case_in(CaseStatus.ACCEPTED, soc_trang)
    with pytest.raises(ValidationError, match="chỉ được chi đến ngày 31/12/2026"):
        steps.case_liquidate(case=case, actor=users["vanphong.cantho"],
                             liquidation_number="TL-98", paid_on=dt.date(2027, 1, 5),
                             amount=case.contract.amount)
    assert not Payment.objects.filter(contract__case=case).exists()
    assert SupportCase.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
