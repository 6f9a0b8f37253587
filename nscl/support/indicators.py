"""Indicator computations over support cases, registered with the indicator engine.

A case counts in the year of its acceptance (passed), whether or not it is liquidated yet —
the definition of `figures.accepted`, which the dashboard and the reports use too.
"""

from decimal import Decimal

from django.db.models import Count

from nscl.core.models import by_year

from . import figures


def _accepted(indicator, category: str, first: int, last: int):
    return figures.accepted(indicator.plan, first, last, category=category)


def _by_year(cases) -> dict[int, Decimal]:
    return by_year(cases.values("accepted_on").annotate(n=Count("id")), "accepted_on", "n")


def accepted_cases(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Turns of support accepted (lượt), optionally of one category (5.1 … 5.4)."""
    return _by_year(_accepted(indicator, category, first, last))


def award_winners(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Accepted award cases whose outcome says the National Quality Award was won."""
    return _by_year(_accepted(indicator, category, first, last).filter(outcome__award_won=True))


def supported_beneficiaries(indicator, category: str, first: int, last: int) -> dict[int, Decimal]:
    """Distinct beneficiaries, each counted once, in the year of its first accepted case."""
    first_year: dict[int, int] = {}
    for beneficiary, day in (_accepted(indicator, category, first, last)
                             .values_list("beneficiary_id", "accepted_on")):
        first_year[beneficiary] = min(day.year, first_year.get(beneficiary, day.year))
    counts: dict[int, Decimal] = {}
    for year in first_year.values():
        counts[year] = counts.get(year, Decimal(0)) + 1
    return counts
