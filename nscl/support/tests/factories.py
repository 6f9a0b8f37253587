"""Calls and cases made through the support services, for rule tests that need their own."""

import datetime as dt
from decimal import Decimal

from nscl.support.models import CallCategory, SupportCall
from nscl.support.services.cases import call_open, case_submit
from nscl.support.services.catalogue import categories_ensure


def open_call(plan, appendix, *, year: int = 2024, opens_on=None, deadline=None,
              codes=("5.1", "5.2")) -> SupportCall:
    """A call of `year` offering `codes`, each on its line of `appendix` with a norm of 50."""
    categories = categories_ensure()
    lines = {line.code: line for line in appendix.lines.all()}
    return call_open(plan=plan, year=year, title=f"Đợt thử nghiệm năm {year}",
                     opens_on=opens_on or dt.date(year, 1, 1),
                     deadline=deadline or dt.date(year, 12, 31), actor=None,
                     categories=[(categories[c], lines[c], Decimal(50)) for c in codes])


def application(call: SupportCall, beneficiary, *, code: str = "5.1", actor=None,
                submitted_on=None):
    category = CallCategory.objects.get(call=call, category__code=code)
    return case_submit(call_category=category, beneficiary=beneficiary,
                       content="Áp dụng ISO 9001 và công cụ 5S", estimated_cost=Decimal(60),
                       requested_amount=Decimal(40), commitment_signed=True, actor=actor,
                       submitted_on=submitted_on or call.opens_on)
