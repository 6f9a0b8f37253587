"""Reads of activities, through the scope layer: province-wide roles see their province's
events, a unit's reporter the events its unit organised, the Ministry all."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nscl.core.search import search
from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_WIDE_ROLES, province_scope_path

from .models import Event


def events_for(user) -> QuerySet[Event]:
    events = Event.objects.select_related("plan", "organiser", "budget_line").prefetch_related(
        "topics")
    if not user.is_authenticated:
        return events.none()
    if user.is_superuser or user.role == Role.MINISTRY:
        return events
    if user.unit_id is None:
        return events.none()
    if user.role in PROVINCE_WIDE_ROLES:
        return events.filter(plan__province__path__startswith=province_scope_path(user))
    if user.role == Role.UNIT_REPORTER:
        return events.filter(organiser__path__startswith=user.unit.path)
    return events.none()


def event_list(user, *, kind: str = "", year: str = "", query: str = "", plan: str = ""):
    """The user's events, filtered; `kind` may list several kinds separated by commas."""
    events = search(events_for(user), query)
    if kind:
        events = events.filter(kind__in=kind.split(","))
    if year.isdigit():
        events = events.filter(starts_on__year=int(year))
    if plan.isdigit():
        events = events.filter(plan_id=int(plan))
    return events


def event_get(user, pk: int) -> Event:
    return get_object_or_404(events_for(user), pk=pk)
