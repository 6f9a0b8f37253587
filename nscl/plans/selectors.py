"""Reads of plans, always through the scope layer (out of scope is a 404)."""

from django.db.models import Prefetch, QuerySet

from nscl.core.search import search
from nscl.organisation.scope import get_in_scope, restrict

from .models import Indicator, IndicatorTarget, IndicatorValue, Plan, TaskAssignment, TaskGroup


def plans_for(user, query: str | None = None) -> QuerySet[Plan]:
    plans = restrict(Plan.objects.select_related("province", "program_office"), user)
    return search(plans, query)


def plan_get(user, pk: int, action: str = "view") -> Plan:
    return get_in_scope(Plan.objects.select_related("province", "program_office"), user, pk,
                        action)


def plan_with_structure(plan: Plan) -> Plan:
    """The plan with phases, task groups (and their units) and indicators (and targets)."""
    assignments = TaskAssignment.objects.select_related("unit").order_by("-role", "unit__name")
    return (Plan.objects.select_related("province", "program_office")
            .prefetch_related(
                "phases",
                Prefetch("task_groups", TaskGroup.objects.prefetch_related(
                    Prefetch("assignments", assignments))),
                Prefetch("indicators", Indicator.objects.prefetch_related(
                    Prefetch("targets", IndicatorTarget.objects.select_related("phase")))))
            .get(pk=plan.pk))


def indicator_values_for(user) -> QuerySet[IndicatorValue]:
    values = IndicatorValue.objects.select_related("indicator", "unit", "entered_by")
    return restrict(values, user)


def indicator_get(user, pk: int) -> Indicator:
    return get_in_scope(Indicator.objects.all(), user, pk)


def plan_history(user, plan: Plan):
    """The plan's own events and those of the records in it that `user` may see, newest
    first (a queryset: the history page pages it)."""
    from nscl.workflow.selectors import events_about, visible_queryset

    return visible_queryset(user, events_about(plan)).order_by("-occurred_at", "-id")
