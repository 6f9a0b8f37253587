"""What a budget line has left for a year, and what support has committed and paid on it.

A contract is capped by the smaller of the unit norm and what is left on its line for its year
(rules.md, Circular 35/2021/TT-BTC). Committed = contracts of cases that are neither withdrawn
nor failed; paid = payments booked on liquidation.
"""

from decimal import Decimal

from django.db.models import Sum

from nscl.budget.models import BudgetLine, BudgetLineYear

from ..choices import RELEASED_STATES as RELEASED
from ..models import Contract, Payment, call_category_ids

ZERO = Decimal(0)


def planned_on(line: BudgetLine, year: int) -> Decimal:
    row = BudgetLineYear.objects.filter(line=line, year=year).first()
    return row.amount if row and row.amount is not None else ZERO


def committed_on(line: BudgetLine, year: int) -> Decimal:
    total = (Contract.objects.filter(case__call_category__budget_line=line, year=year)
             .exclude(case__status__in=RELEASED).aggregate(s=Sum("amount"))["s"])
    return total or ZERO


def remaining_on(line: BudgetLine, year: int) -> Decimal:
    return planned_on(line, year) - committed_on(line, year)


def execution_by_line(plan, as_of=None) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """{(budget line id, year): (committed, paid)} for the plan — the budget page's source;
    with `as_of`, only contracts signed and payments made by that date."""
    result: dict[tuple[int, int], list[Decimal]] = {}
    ids = call_category_ids(plan)
    contracts = Contract.objects.filter(case__call_category_id__in=ids)
    payments = Payment.objects.filter(contract__case__call_category_id__in=ids)
    if as_of is not None:
        contracts = contracts.filter(signed_on__lte=as_of)
        payments = payments.filter(paid_on__lte=as_of)
    committed = (contracts.exclude(case__status__in=RELEASED)
                 .values("case__call_category__budget_line", "year").annotate(s=Sum("amount")))
    for row in committed:
        key = (row["case__call_category__budget_line"], row["year"])
        result.setdefault(key, [ZERO, ZERO])[0] += row["s"]
    paid = (payments.values("contract__case__call_category__budget_line", "year")
            .annotate(s=Sum("amount")))
    for row in paid:
        key = (row["contract__case__call_category__budget_line"], row["year"])
        result.setdefault(key, [ZERO, ZERO])[1] += row["s"]
    return {key: (c, p) for key, (c, p) in result.items()}
