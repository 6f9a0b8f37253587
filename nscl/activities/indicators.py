"""Indicator computations over activities, registered with the indicator engine.

The parameter names event kinds, comma-separated ("workshop,conference", "training").
"""

from decimal import Decimal

from django.db.models import Count, Sum

from nscl.core.models import by_year
from nscl.core.periods import Window

from . import figures
from .models import AwardEntry, Event


def _events(indicator, kinds: str, first: int, last: int, as_of=None):
    return figures.events_in(indicator.plan, first, last,
                             kinds=kinds.split(",") if kinds else None, as_of=as_of)


def events_held(indicator, kinds, first, last, as_of=None) -> dict[int, Decimal]:
    rows = _events(indicator, kinds, first, last, as_of).values("starts_on").annotate(n=Count("id"))
    return by_year(rows, "starts_on", "n")


def participant_turns(indicator, kinds, first, last, as_of=None) -> dict[int, Decimal]:
    """Turns (lượt): everyone counted at every event they attended."""
    rows = (_events(indicator, kinds, first, last, as_of).values("starts_on")
            .annotate(n=figures.TURNS))
    return by_year(rows, "starts_on", "n")


def persons_trained(indicator, kinds, first, last, as_of=None) -> dict[int, Decimal]:
    """Persons: each counted once, in the year of their first attendance (needs sheets)."""
    rows = figures.first_attendance(_events(indicator, kinds, first, last, as_of))
    counts: dict[int, Decimal] = {}
    for row in rows:
        counts[row["first"].year] = counts.get(row["first"].year, Decimal(0)) + 1
    return counts


def experts_certified(indicator, _param, first, last, as_of=None) -> dict[int, Decimal]:
    window = Window.years(first, last)
    if as_of is not None:
        window = Window(window.since, min(window.until, as_of))
    rows = figures.experts_between(indicator.plan, window).values("certified_on") \
        .annotate(n=Count("id"))
    return by_year(rows, "certified_on", "n")


def execution_by_line(plan, as_of=None, since=None
                      ) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Event costs are spent when booked: committed and paid on the event's line and year
    (by `as_of`, the events held by then; from `since`, those held from that day)."""
    events = Event.objects.filter(plan=plan, budget_line__isnull=False, cost__isnull=False)
    if as_of is not None:
        events = events.filter(starts_on__lte=as_of)
    if since is not None:
        events = events.filter(starts_on__gte=since)
    rows = events.values("budget_line", "starts_on__year").annotate(s=Sum("cost"))
    return {(r["budget_line"], r["starts_on__year"]): (r["s"], r["s"]) for r in rows}


def award_entries(indicator, result: str, first: int, last: int) -> dict[int, Decimal]:
    """National Quality Award entries by year; the parameter "won" keeps only the winners."""
    entries = AwardEntry.objects.filter(plan=indicator.plan, year__gte=first, year__lte=last)
    if result:
        entries = entries.filter(result=result)
    return {r["year"]: Decimal(r["n"]) for r in entries.values("year").annotate(n=Count("id"))}
