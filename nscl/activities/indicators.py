"""Indicator computations over activities, registered with the indicator engine.

The parameter names event kinds, comma-separated ("workshop,conference", "training").
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Min, Sum

from nscl.core.models import by_year

from .models import Attendance, AwardEntry, Event, Expert


def _events(indicator, kinds: str, first: int, last: int):
    events = Event.objects.filter(plan=indicator.plan, starts_on__gte=dt.date(first, 1, 1),
                                  starts_on__lte=dt.date(last, 12, 31))
    return events.filter(kind__in=kinds.split(",")) if kinds else events


def events_held(indicator, kinds, first, last) -> dict[int, Decimal]:
    rows = _events(indicator, kinds, first, last).values("starts_on").annotate(n=Count("id"))
    return by_year(rows, "starts_on", "n")


def participant_turns(indicator, kinds, first, last) -> dict[int, Decimal]:
    """Turns (lượt): everyone counted at every event they attended."""
    total = sum((Sum(f) for f in Event.COUNT_FIELDS[1:]), Sum(Event.COUNT_FIELDS[0]))
    rows = _events(indicator, kinds, first, last).values("starts_on").annotate(n=total)
    return by_year(rows, "starts_on", "n")


def persons_trained(indicator, kinds, first, last) -> dict[int, Decimal]:
    """Persons: each counted once, in the year of their first attendance (needs sheets)."""
    events = _events(indicator, kinds, first, last)
    rows = (Attendance.objects.filter(event__in=events).values("participant")
            .annotate(first=Min("event__starts_on")))
    counts: dict[int, Decimal] = {}
    for row in rows:
        counts[row["first"].year] = counts.get(row["first"].year, Decimal(0)) + 1
    return counts


def experts_certified(indicator, _param, first, last) -> dict[int, Decimal]:
    rows = (Expert.objects.filter(plan=indicator.plan, certified_on__year__gte=first,
                                  certified_on__year__lte=last)
            .values("certified_on").annotate(n=Count("id")))
    return by_year(rows, "certified_on", "n")


def execution_by_line(plan) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Event costs are spent when booked: committed and paid on the event's line and year."""
    rows = (Event.objects.filter(plan=plan, budget_line__isnull=False, cost__isnull=False)
            .values("budget_line", "starts_on__year").annotate(s=Sum("cost")))
    return {(r["budget_line"], r["starts_on__year"]): (r["s"], r["s"]) for r in rows}


def award_entries(indicator, result: str, first: int, last: int) -> dict[int, Decimal]:
    """National Quality Award entries by year; the parameter "won" keeps only the winners."""
    entries = AwardEntry.objects.filter(plan=indicator.plan, year__gte=first, year__lte=last)
    if result:
        entries = entries.filter(result=result)
    return {r["year"]: Decimal(r["n"]) for r in entries.values("year").annotate(n=Count("id"))}
