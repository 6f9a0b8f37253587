"""Reads of plans, always through the scope layer (out of scope is a 404)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from nscl.core.search import search
from nscl.organisation.scope import filter_by_unit, filter_plans

from .models import Indicator, IndicatorTarget, IndicatorValue, Plan, TaskAssignment, TaskGroup


def plans_for(user, query: str | None = None) -> QuerySet[Plan]:
    plans = filter_plans(Plan.objects.select_related("province", "program_office"), user)
    return search(plans, query)


def plan_get(user, pk: int) -> Plan:
    return get_object_or_404(plans_for(user), pk=pk)


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
    return filter_by_unit(values, user, "unit")


def indicator_get(user, pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.filter(plan__in=plans_for(user)), pk=pk)
