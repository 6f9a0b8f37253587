"""The plans' support indicators compute from accepted cases; accepting one case moves exactly
the indicators that depend on it."""

import datetime as dt
from decimal import Decimal

from nscl.plans.progress import plan_progress
from nscl.support.choices import CaseStatus
from nscl.support.models import SupportCase
from nscl.support.services import cases as steps

from .conftest import case_in

ACCEPTED = [CaseStatus.ACCEPTED, CaseStatus.LIQUIDATED]


def _currents(plan):
    phase = plan.phases.get(start_year=2021)
    return {r.indicator.order: r.current for r in plan_progress(plan, phase)}


def _accepted(plan, code, **extra):
    return SupportCase.objects.filter(call_category__call__plan=plan, status__in=ACCEPTED,
                                      call_category__category__code=code, **extra).count()


def test_soc_trang_support_indicators_count_accepted_cases(soc_trang):
    values = _currents(soc_trang)
    assert values[3] == _accepted(soc_trang, "5.1")  # 75 products with standards work
    assert values[4] == _accepted(soc_trang, "5.2")  # 40 turns of management systems
    assert values[5] == _accepted(soc_trang, "5.3") == 3  # 3 ISO/IEC 17025 units
    assert values[6] == _accepted(soc_trang, "5.4")  # 5 award entries
    assert values[7] == _accepted(soc_trang, "5.4", outcome__award_won=True) == 1  # 2 winners
    failed = SupportCase.objects.filter(call_category__call__plan=soc_trang,
                                        status=CaseStatus.FAILED).count()
    assert failed > 0  # failed cases exist and are not counted


def test_tuyen_quang_counts_distinct_enterprises(tuyen_quang):
    distinct = (SupportCase.objects.filter(call_category__call__plan=tuyen_quang,
                                           status__in=ACCEPTED)
                .values("beneficiary").distinct().count())
    accepted = SupportCase.objects.filter(call_category__call__plan=tuyen_quang,
                                          status__in=ACCEPTED).count()
    assert _currents(tuyen_quang)[3] == distinct < accepted


def test_accepting_one_case_moves_exactly_its_indicators(soc_trang, users):
    case = case_in(CaseStatus.AWAITING_ACCEPTANCE, soc_trang)
    code = case.call_category.category.code
    before = _currents(soc_trang)
    council = soc_trang.councils.filter(kind="acceptance").order_by("-decision_date").first()
    steps.case_assign_acceptance(case=case, council=council, actor=users["vanphong.cantho"])
    steps.acceptance_record(case=case, actor=users["thuky.cantho"], passed=True,
                            accepted_on=dt.date(2025, 11, 20), standard="ISO 22000:2018",
                            certificate_number="123/CN", certifier="QUACERT")
    after = _currents(soc_trang)
    moved = {k for k in after if after[k] != before[k]}
    expected_indicator = {"5.1": 3, "5.2": 4, "5.3": 5, "5.4": 6}[code]
    assert moved == {expected_indicator}
    assert after[expected_indicator] == (before[expected_indicator] or 0) + Decimal(1)
