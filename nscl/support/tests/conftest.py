import datetime as dt
from decimal import Decimal

import pytest

from nscl.support.models import CallCategory, SupportCase
from nscl.support.services import cases as steps


@pytest.fixture
def call_2025(soc_trang):
    return soc_trang.calls.get(year=2025)


@pytest.fixture
def new_case(call_2025, users):
    """A fresh 5.2 application of the 2025 call by a beneficiary of Cần Thơ."""
    cc = CallCategory.objects.get(call=call_2025, category__code="5.2")
    beneficiary = users["doanhnghiep.cantho"].unit.beneficiary
    return steps.case_submit(call_category=cc, beneficiary=beneficiary,
                             content="Tư vấn, chứng nhận ISO 22000:2018",
                             estimated_cost=Decimal(160), requested_amount=Decimal(80),
                             commitment_signed=True, actor=users["doanhnghiep.cantho"],
                             submitted_on=dt.date(2025, 3, 1))


def case_in(status, plan) -> SupportCase:
    return (SupportCase.objects.filter(status=status, call_category__call__plan=plan)
            .order_by("pk").first())
