"""The figures activities owns, defined once for the indicator engine, the dashboard, the
reports and the Ministry's comparison:

- events held in a period (by the day they start);
- turns (lượt): everyone counted at every event they attended (the counts by kind);
- persons: each counted once, in the year of their first attendance (needs attendance sheets);
- experts certified in a period.
"""

import datetime as dt

from django.db.models import Min, QuerySet, Sum

from .models import Attendance, Event, Expert

TURNS = sum((Sum(f) for f in Event.COUNT_FIELDS[1:]), Sum(Event.COUNT_FIELDS[0]))


def events_in(plan, first: int, last: int, *, kinds=None, as_of: dt.date | None = None,
              events: QuerySet | None = None) -> QuerySet:
    """The plan's events starting between 1/1/first and 31/12/last (and not after `as_of`)."""
    end = dt.date(last, 12, 31) if as_of is None else min(dt.date(last, 12, 31), as_of)
    events = Event.objects.all() if events is None else events
    events = events.filter(plan=plan, starts_on__gte=dt.date(first, 1, 1), starts_on__lte=end)
    return events.filter(kind__in=list(kinds)) if kinds else events


def turns(events: QuerySet) -> int:
    return events.aggregate(p=TURNS)["p"] or 0


def first_attendance(events: QuerySet) -> QuerySet:
    """One row per person: {"participant", "first"} — the day of their first event."""
    return (Attendance.objects.filter(event__in=events).values("participant")
            .annotate(first=Min("event__starts_on")))


def experts_in(plan, first: int, last: int) -> QuerySet:
    return Expert.objects.filter(plan=plan, certified_on__year__gte=first,
                                 certified_on__year__lte=last)
