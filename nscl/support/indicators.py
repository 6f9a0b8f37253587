"""Indicator computations over support cases, registered with the indicator engine.

A case counts in the year of its acceptance (passed), whether or not it is liquidated yet.
"""

from decimal import Decimal

from django.db.models import Count

from .choices import CaseStatus
from .models import SupportCase

COUNTED = [CaseStatus.ACCEPTED, CaseStatus.LIQUIDATED]


def _accepted(indicator, category: str, first: int, last: int):
    cases = SupportCase.objects.filter(call_category__call__plan=indicator.plan,
                                       status__in=COUNTED, accepted_on__year__gte=first,
                                       accepted_on__year__lte=last)
    return cases.filter(call_category__category__code=category) if category else cases


def _by_year(cases) -> dict[int, Decimal]:
    rows = cases.values("accepted_on__year").annotate(n=Count("id"))
    return {r["accepted_on__year"]: Decimal(r["n"]) for r in rows}


def accepted_cases(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Turns of support accepted (lượt), optionally of one category (5.1 … 5.4)."""
    return _by_year(_accepted(indicator, category, first, last))


def award_winners(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Accepted award cases whose outcome says the National Quality Award was won."""
    return _by_year(_accepted(indicator, category, first, last).filter(outcome__award_won=True))


def supported_beneficiaries(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Distinct beneficiaries, each counted once, in the year of its first accepted case."""
    first_year: dict[int, int] = {}
    for beneficiary, year in (_accepted(indicator, category, first, last)
                              .values_list("beneficiary_id", "accepted_on__year")):
        first_year[beneficiary] = min(year, first_year.get(beneficiary, year))
    counts: dict[int, Decimal] = {}
    for year in first_year.values():
        counts[year] = counts.get(year, Decimal(0)) + 1
    return counts
