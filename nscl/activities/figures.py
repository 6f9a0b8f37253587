"""The figures activities owns, defined once for the indicator engine, the dashboard, the
reports and the Ministry's comparison:

- events held in a period (by the day they start);
- turns (lượt): everyone counted at every event they attended (the counts by kind);
- persons: each counted once, in the year of their first attendance (needs attendance sheets);
- experts certified in a period.

Each takes either years with an optional cut-off (`as_of`) or a data window (`*_between`, a
report's Decree 09 window: the records of those days and no others).
"""

import datetime as dt

from django.db.models import Min, QuerySet, Sum

from nscl.core.periods import Window

from .models import Attendance, Event, Expert

TURNS = sum((Sum(f) for f in Event.COUNT_FIELDS[1:]), Sum(Event.COUNT_FIELDS[0]))


def events_in(plan, first: int, last: int, *, kinds=None, as_of: dt.date | None = None,
              events: QuerySet | None = None) -> QuerySet:
    """The plan's events starting between 1/1/first and 31/12/last (and not after `as_of`)."""
    end = dt.date(last, 12, 31) if as_of is None else min(dt.date(last, 12, 31), as_of)
    return events_between(plan, Window(dt.date(first, 1, 1), end), kinds=kinds, events=events)


def events_between(plan, window: Window, *, kinds=None, events: QuerySet | None = None
                   ) -> QuerySet:
    """The plan's events starting on a day of `window`."""
    events = Event.objects.all() if events is None else events
    events = events.filter(plan=plan, starts_on__gte=window.since, starts_on__lte=window.until)
    return events.filter(kind__in=list(kinds)) if kinds else events


def turns(events: QuerySet) -> int:
    return events.aggregate(p=TURNS)["p"] or 0


def first_attendance(events: QuerySet) -> QuerySet:
    """One row per person: {"participant", "first"} — the day of their first event."""
    return (Attendance.objects.filter(event__in=events).values("participant")
            .annotate(first=Min("event__starts_on")))


def experts_in(plan, first: int, last: int) -> QuerySet:
    return experts_between(plan, Window.years(first, last))


def experts_between(plan, window: Window) -> QuerySet:
    """Experts certified on a day of `window`."""
    return Expert.objects.filter(plan=plan, certified_on__gte=window.since,
                                 certified_on__lte=window.until)


def costs_between(plan, window: Window) -> QuerySet:
    """Events with a cost booked (held) on a day of `window` — what activities spent."""
    return events_between(plan, window).filter(cost__isnull=False, budget_line__isnull=False)
