"""The figures support owns, defined once: the dashboard, the reports, the indicator engine and
the Ministry's comparison call these and never count cases themselves.

- received in a period: the cases of the calls of those years (the intake);
- accepted in a period: cases that passed acceptance (accepted or liquidated), counted in the
  year of their acceptance, up to a data cut-off when one is given;
- beneficiaries supported: distinct beneficiaries among the accepted.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from .choices import CLOSED_STATES, DONE_STATES
from .models import CallCategory, SupportCase, call_category_ids


def received(plan, first: int, last: int, cases: QuerySet | None = None) -> QuerySet:
    """The cases of the plan's calls of the years [first, last]."""
    cases = SupportCase.objects.all() if cases is None else cases
    return cases.filter(call_category_id__in=call_category_ids(plan, first, last))


def accepted(plan, first: int, last: int, *, category: str = "", as_of: dt.date | None = None,
             cases: QuerySet | None = None) -> QuerySet:
    """Cases accepted (passed) between 1/1/first and 31/12/last, and not after `as_of`."""
    ids = CallCategory.objects.filter(call__plan=plan)
    if category:
        ids = ids.filter(category__code=category)
    end = dt.date(last, 12, 31) if as_of is None else min(dt.date(last, 12, 31), as_of)
    cases = SupportCase.objects.all() if cases is None else cases
    return cases.filter(call_category_id__in=list(ids.values_list("id", flat=True)),
                        status__in=DONE_STATES,
                        accepted_on__gte=dt.date(first, 1, 1), accepted_on__lte=end)


def supported_count(cases: QuerySet) -> int:
    """Distinct beneficiaries among `cases`."""
    return cases.values("beneficiary").distinct().count()


def stage_of(status: str) -> str:
    """done, closed or open: how far a case got."""
    return "done" if status in DONE_STATES else "closed" if status in CLOSED_STATES else "open"


def by_category(cases: QuerySet) -> dict[str, dict[str, int]]:
    """{category code: {"done": n, "open": n, "closed": n}} over `cases` (grouped by the call
    category's id on the cases' own index, the codes of those few ids read once)."""
    rows = list(cases.values("call_category", "status").annotate(n=Count("id")))
    code_of = dict(CallCategory.objects.filter(pk__in={r["call_category"] for r in rows})
                   .values_list("id", "category__code"))
    tally: dict[str, dict[str, int]] = defaultdict(lambda: {"done": 0, "open": 0, "closed": 0})
    for row in rows:
        tally[code_of[row["call_category"]]][stage_of(row["status"])] += row["n"]
    return dict(tally)


def by_commune(cases: QuerySet, limit: int = 10) -> list[dict]:
    """The communes with the most accepted cases: {"commune", "total", "done"}."""
    return list(cases.values("commune")
                .annotate(total=Count("id"), done=Count("id", filter=Q(status__in=DONE_STATES)))
                .order_by("-done", "-total", "commune")[:limit])
