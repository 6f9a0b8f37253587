"""Reads of budgets, always through the scope layer."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from nscl.core.permissions import require
from nscl.organisation.scope import get_in_scope, restrict
from nscl.plans.models import Plan
from nscl.plans.selectors import plan_get

from .execution import family, spent
from .models import Appendix, BudgetLine, BudgetLineYear
from .sheet import MONEY_UNITS, STORED_UNIT, AppendixData, BudgetDocument, LineData
from .validation import CheckResult, Finding, check_document, validate_document


def appendices_for(user) -> QuerySet[Appendix]:
    return restrict(Appendix.objects.select_related("plan", "phase"), user)


def appendix_get(user, pk: int) -> Appendix:
    return get_in_scope(Appendix.objects.select_related("plan", "phase"), user, pk)


def line_get(user, pk: int, action: str = "view") -> BudgetLine:
    return get_in_scope(BudgetLine.objects.select_related("appendix__plan__province"), user, pk,
                        action)


def budget_plan_get(user, plan_pk: int) -> Plan:
    """A plan whose budget `user` may read; 404 otherwise, like any record out of scope."""
    from django.http import Http404

    from .permissions import can_view_budget

    plan = plan_get(user, plan_pk)
    if not can_view_budget(user, plan):
        raise Http404
    return plan


def plan_for_budget_change(user, plan_pk: int) -> Plan:
    from .permissions import can_change_budget

    plan = plan_get(user, plan_pk)
    require(can_change_budget(user, plan))
    return plan


def appendices_of_plan(plan: Plan) -> QuerySet[Appendix]:
    lines = BudgetLine.objects.order_by("order").prefetch_related(
        Prefetch("year_amounts", queryset=BudgetLineYear.objects.order_by("year")))
    return plan.appendices.select_related("phase").prefetch_related(Prefetch("lines", lines))


def appendix_data(appendix: Appendix) -> AppendixData:
    """The stored appendix as plain data, in the unit it was published in, so the one validator
    checks it and its findings read like the published table."""
    from .services import published_amount

    unit = appendix.money_unit if appendix.money_unit in MONEY_UNITS else STORED_UNIT
    codes = {line.pk: line.code for line in appendix.lines.all()}

    def money(value):
        return published_amount(value, unit)

    lines = [LineData(code=line.code, content=line.content, unit=line.measure_unit,
                      quantity=line.quantity, unit_price=money(line.unit_price),
                      total=money(line.total),
                      years={y.year: money(y.amount) for y in line.year_amounts.all()},
                      is_grand_total=line.is_grand_total, location=str(line.pk),
                      shown_code=line.shown_code, parent=codes.get(line.parent_id),
                      sources=_sources(line, money))
             for line in appendix.lines.all()]
    stated = appendix.phase.stated_budget if appendix.phase else None
    if stated is not None:
        stated = money(stated)
    return AppendixData(code=appendix.code, title=appendix.title, years=appendix.years,
                        lines=lines, money_unit=unit, stated_total=stated,
                        sources=list(appendix.sources or []),
                        notes=[n for n in appendix.notes.splitlines() if n])


def _sources(line, money) -> dict:
    return {source: {(None if key == "total" else int(key)):
                     (None if value is None else money(Decimal(value)))
                     for key, value in split.items()}
            for source, split in (line.source_amounts or {}).items()}


def plan_budget_document(plan: Plan, appendices=None) -> BudgetDocument:
    appendices = list(appendices if appendices is not None else appendices_of_plan(plan))
    return BudgetDocument(appendices=[appendix_data(a) for a in appendices],
                          plan_total=plan.total_budget, source=plan.reference)


def plan_budget_findings(plan: Plan, appendices=None) -> list[Finding]:
    return validate_document(plan_budget_document(plan, appendices))


def plan_budget_check(plan: Plan, appendices=None) -> CheckResult:
    return check_document(plan_budget_document(plan, appendices))


def execution_rows(appendix: Appendix, execution: dict) -> list[dict]:
    """Planned, committed and paid for every line and year of an appendix; a group line and the
    grand total add up what was committed and paid on the lines below them."""
    lines = list(appendix.lines.all())
    rows = []
    for line in lines:
        planned = {y.year: y.amount for y in line.year_amounts.all()}
        below = family(lines, line)
        cells = [(planned.get(year), *spent(execution, below, [year]))
                 for year in appendix.years]
        totals = tuple(sum((c[i] or Decimal(0) for c in cells), Decimal(0)) for i in range(3))
        rows.append({"line": line, "cells": cells, "total": totals})
    return rows
