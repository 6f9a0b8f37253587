"""Indicator computations over activities, registered with the indicator engine.

The parameter names event kinds, comma-separated ("workshop,conference", "training").
"""

from decimal import Decimal

from django.db.models import Count, Sum

from nscl.core.models import by_year

from . import figures
from .models import AwardEntry, Event


def _events(indicator, kinds: str, first: int, last: int):
    return figures.events_in(indicator.plan, first, last,
                             kinds=kinds.split(",") if kinds else None)


def events_held(indicator, kinds, first, last) -> dict[int, Decimal]:
    rows = _events(indicator, kinds, first, last).values("starts_on").annotate(n=Count("id"))
    return by_year(rows, "starts_on", "n")


def participant_turns(indicator, kinds, first, last) -> dict[int, Decimal]:
    """Turns (lượt): everyone counted at every event they attended."""
    rows = _events(indicator, kinds, first, last).values("starts_on").annotate(n=figures.TURNS)
    return by_year(rows, "starts_on", "n")


def persons_trained(indicator, kinds, first, last) -> dict[int, Decimal]:
    """Persons: each counted once, in the year of their first attendance (needs sheets)."""
    rows = figures.first_attendance(_events(indicator, kinds, first, last))
    counts: dict[int, Decimal] = {}
    for row in rows:
        counts[row["first"].year] = counts.get(row["first"].year, Decimal(0)) + 1
    return counts


def experts_certified(indicator, _param, first, last) -> dict[int, Decimal]:
    rows = figures.experts_in(indicator.plan, first, last).values("certified_on") \
        .annotate(n=Count("id"))
    return by_year(rows, "certified_on", "n")


def execution_by_line(plan, as_of=None) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Event costs are spent when booked: committed and paid on the event's line and year
    (by `as_of`, the events held by then)."""
    events = Event.objects.filter(plan=plan, budget_line__isnull=False, cost__isnull=False)
    if as_of is not None:
        events = events.filter(starts_on__lte=as_of)
    rows = events.values("budget_line", "starts_on__year").annotate(s=Sum("cost"))
    return {(r["budget_line"], r["starts_on__year"]): (r["s"], r["s"]) for r in rows}


def award_entries(indicator, result: str, first: int, last: int) -> dict[int, Decimal]:
    """National Quality Award entries by year; the parameter "won" keeps only the winners."""
    entries = AwardEntry.objects.filter(plan=indicator.plan, year__gte=first, year__lte=last)
    if result:
        entries = entries.filter(result=result)
    return {r["year"]: Decimal(r["n"]) for r in entries.values("year").annotate(n=Count("id"))}
