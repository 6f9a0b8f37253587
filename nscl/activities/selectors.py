"""Reads of activities, through the scope layer (`Event.scope`, `Attendance.scope`): the
province's office, leadership and viewers see its events, a unit's reporter the events its
unit organised, the Ministry all events — but never the attendance lists, which are personal
data kept to the province that collected them."""

from django.db.models import QuerySet

from nscl.core.search import search
from nscl.organisation.scope import get_in_scope, restrict

from .models import Attendance, Event

EVENT_RELATED = ("plan", "organiser", "budget_line")


def events_for(user, action: str = "view") -> QuerySet[Event]:
    return restrict(Event.objects.select_related(*EVENT_RELATED).prefetch_related("topics"),
                    user, action)


def event_list(user, *, kind: str = "", year: int | None = None, query: str = "",
               plan: int | None = None):
    """The user's events, filtered; `kind` may list several kinds separated by commas."""
    events = search(events_for(user), query)
    if kind:
        events = events.filter(kind__in=kind.split(","))
    if year is not None:
        events = events.filter(starts_on__year=year)
    if plan is not None:
        events = events.filter(plan_id=plan)
    return events


def event_get(user, pk: int) -> Event:
    return get_in_scope(Event.objects.select_related(*EVENT_RELATED), user, pk)


def attendance_of(user, event: Event) -> QuerySet[Attendance]:
    return restrict(event.attendances.select_related("participant"), user)
