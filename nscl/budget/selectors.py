"""Reads of budgets, always through the scope layer."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from nscl.organisation.scope import filter_budgets
from nscl.plans.models import Plan

from .models import Appendix, BudgetLine, BudgetLineYear
from .sheet import MONEY_UNITS, STORED_UNIT, AppendixData, BudgetDocument, LineData
from .validation import CheckResult, Finding, check_document, validate_document


def appendices_for(user) -> QuerySet[Appendix]:
    return filter_budgets(Appendix.objects.select_related("plan", "phase"), user, "plan__province")


def appendix_get(user, pk: int) -> Appendix:
    return get_object_or_404(appendices_for(user), pk=pk)


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
    own = {line.pk: line.code for line in lines}

    def spent(line, year) -> tuple:
        keys = [pk for pk, code in own.items() if line.is_grand_total or code == line.code
                or code.startswith(line.code + ".")]
        committed = sum((execution.get((pk, year), (0, 0))[0] for pk in keys), Decimal(0))
        paid = sum((execution.get((pk, year), (0, 0))[1] for pk in keys), Decimal(0))
        return committed, paid

    rows = []
    for line in lines:
        planned = {y.year: y.amount for y in line.year_amounts.all()}
        cells = [(planned.get(year), *spent(line, year)) for year in appendix.years]
        totals = tuple(sum((c[i] or Decimal(0) for c in cells), Decimal(0)) for i in range(3))
        rows.append({"line": line, "cells": cells, "total": totals})
    return rows
