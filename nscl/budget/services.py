"""Every write to budgets: import an appendix (all or nothing), edit a line. Each is logged."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.plans.models import Phase, Plan
from nscl.workflow.services import event_record, snapshot

from .events import BudgetVerb
from .models import Appendix, BudgetLine, BudgetLineYear
from .permissions import can_change_budget
from .sheet import ERROR, MONEY_UNITS, STORED_UNIT, AppendixData, BudgetDocument, ParseIssue

_PLACES = Decimal("0.000001")


def stored_amount(value: Decimal | None, money_unit: str) -> Decimal | None:
    """An amount in the published unit → triệu đồng, the stored unit (exact: to the đồng)."""
    if value is None:
        return None
    factor = MONEY_UNITS.get(money_unit, MONEY_UNITS[STORED_UNIT])
    return value * Decimal(factor) / Decimal(MONEY_UNITS[STORED_UNIT])


def published_amount(value: Decimal | None, money_unit: str) -> Decimal | None:
    """A stored amount (triệu đồng) → the unit the appendix was published in."""
    if value is None:
        return None
    factor = MONEY_UNITS.get(money_unit, MONEY_UNITS[STORED_UNIT])
    number = value * Decimal(MONEY_UNITS[STORED_UNIT]) / Decimal(factor)
    number = number.normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


@dataclass
class BudgetImportError(Exception):
    """The file has rows that cannot be read; nothing was written. `issues` names each one."""

    issues: list[ParseIssue]

    def __str__(self) -> str:
        return "\n".join(i.message for i in self.issues)


def _phase_for(plan: Plan, data: AppendixData) -> Phase | None:
    if data.period is None:
        return None
    return plan.phases.filter(start_year=data.period[0], end_year=data.period[1]).first()


def _appendix_problems(plan: Plan, data: AppendixData) -> list[ParseIssue]:
    problems = []
    if not data.years:
        problems.append(ParseIssue(data.code, "", data.location,
                                   _("%(a)s: không xác định được các năm của phụ lục.")
                                   % {"a": data.code}))
    elif data.years[0] < plan.start_year or data.years[-1] > plan.end_year:
        problems.append(ParseIssue(data.code, "", data.location, _(
            "%(a)s dành cho %(y0)s–%(y1)s, ngoài thời gian của kế hoạch %(p0)s–%(p1)s.") % {
            "a": data.code, "y0": data.years[0], "y1": data.years[-1],
            "p0": plan.start_year, "p1": plan.end_year}))
    if len(data.code) > 30:
        problems.append(ParseIssue(data.code, "", data.location, _(
            "%(a)s: tên phụ lục dài quá 30 ký tự.") % {"a": data.code}))
    for line in data.lines:
        for value, limit, what in ((line.code, 40, _("mã dòng")), (line.unit, 30, _("đơn vị")),
                                   (line.shown_code, 20, _("mã dòng như đã in"))):
            if len(value) > limit:
                problems.append(ParseIssue(data.code, line.label, line.location, _(
                    "%(a)s, dòng %(l)s: %(what)s “%(v)s” dài quá %(n)s ký tự.") % {
                    "a": data.code, "l": line.label, "what": what, "v": value[:50], "n": limit}))
        for value in _money_values(line):
            stored = stored_amount(value, data.money_unit)
            if stored != stored.quantize(_PLACES):
                problems.append(ParseIssue(data.code, line.label, line.location, _(
                    "%(a)s, dòng %(l)s: số tiền %(v)s %(u)s lẻ hơn 1 đồng.") % {
                    "a": data.code, "l": line.label, "v": value, "u": data.money_unit}))
                break
    return problems


def _money_values(line):
    yield from (v for v in (line.unit_price, line.total, *line.years.values()) if v is not None)
    for split in line.sources.values():
        yield from (v for v in split.values() if v is not None)


@transaction.atomic
def budget_document_import(*, plan: Plan, document: BudgetDocument, actor) -> list[Appendix]:
    """Store every appendix of the document on the plan, replacing appendices of the same code.

    A document with any unreadable cell, any row or column that was not understood, a duplicate
    code, or an appendix outside the plan's years, writes nothing: the caller shows
    `BudgetImportError.issues`. Arithmetic findings do not block an import — the published tables
    contain errors and must be stored as published, then corrected. Amounts are stored in triệu
    đồng; the appendix keeps the unit it was published in.
    """
    require(can_change_budget(actor, plan))
    problems = [i for i in document.issues if i.severity == ERROR or not i.understood]
    for data in document.appendices:
        problems += _appendix_problems(plan, data)
    if not document.appendices:
        problems.append(ParseIssue("", "", document.source,
                                   _("Không tìm thấy phụ lục dự toán nào trong tệp.")))
    if problems:
        raise BudgetImportError(problems)
    return [_appendix_store(plan, data, actor, document.source) for data in document.appendices]


def _appendix_store(plan: Plan, data: AppendixData, actor, source: str) -> Appendix:
    """Create the appendix, or bring a stored one to the file's content line by line (matched by
    code), so that contracts and calls that point at its lines keep pointing at them."""
    appendix = plan.appendices.filter(code=data.code).first()
    before = None
    if appendix is None:
        appendix = Appendix(plan=plan, code=data.code)
    else:
        before = {"lines": appendix.lines.count(), "source_name": appendix.source_name}
    appendix.phase, appendix.title = _phase_for(plan, data), data.title[:300]
    appendix.money_unit, appendix.source_name = data.money_unit, source[:255]
    appendix.sources, appendix.notes = list(data.sources), "\n".join(data.notes)
    appendix.start_year, appendix.end_year = data.years[0], data.years[-1]
    appendix.save()
    _lines_store(appendix, data)
    event_record(actor=actor, verb=BudgetVerb.APPENDIX_IMPORTED, obj=appendix, context=plan,
                 before=before,
                 after={"lines": len(data.lines), "source_name": source},
                 note=_("Nhập %(a)s từ %(s)s") % {"a": data.code, "s": source})
    return appendix


def _lines_store(appendix: Appendix, data: AppendixData) -> None:
    existing = {line.code: line for line in appendix.lines.all()}
    kept = {line.code for line in data.lines}
    removed = [line for code, line in existing.items() if code not in kept]
    used = [line.label for line in removed if line.call_categories.exists()]
    if used:
        raise BudgetImportError([ParseIssue(data.code, code, data.location, _(
            "%(a)s: dòng %(c)s đang được dùng cho đợt hỗ trợ, hợp đồng; không thể bỏ dòng này.")
            % {"a": data.code, "c": code}) for code in used])
    for line in removed:
        line.delete()
    appendix.lines.update(order=F("order") + 10000)  # free the orders before renumbering
    by_code: dict[str, BudgetLine] = {}
    unit = data.money_unit
    for order, line in enumerate(data.lines, start=1):
        stored = existing.get(line.code) or BudgetLine(appendix=appendix, code=line.code)
        stored.order, stored.content, stored.measure_unit = order, line.content, line.unit
        stored.shown_code = "" if line.is_grand_total else line.shown_code
        stored.parent = by_code.get(line.parent_code or "")
        stored.quantity = line.quantity
        stored.unit_price = stored_amount(line.unit_price, unit)
        stored.total = stored_amount(line.total, unit)
        stored.source_amounts = {
            source: {("total" if year is None else str(year)):
                     (None if v is None else str(stored_amount(v, unit)))
                     for year, v in split.items()}
            for source, split in line.sources.items()}
        stored.is_grand_total = line.is_grand_total
        stored.save()
        by_code[line.code] = stored
        stored.year_amounts.exclude(year__in=list(line.years)).delete()
        for year, amount in line.years.items():
            BudgetLineYear.objects.update_or_create(
                line=stored, year=year, defaults={"amount": stored_amount(amount, unit)})


@transaction.atomic
def budget_line_update(*, line: BudgetLine, actor, fields: dict, years: dict[int, object]) -> None:
    """Correct a line (e.g. a published typo); before and after are kept in the log. Amounts are
    given in the unit the appendix was published in."""
    line = BudgetLine.objects.select_for_update().select_related("appendix__plan").get(pk=line.pk)
    require(can_change_budget(actor, line.appendix.plan))
    unit = line.appendix.money_unit if line.appendix.money_unit in MONEY_UNITS else STORED_UNIT
    fields = {name: (stored_amount(value, unit) if name in {"unit_price", "total"} else value)
              for name, value in fields.items()}
    years = {year: stored_amount(value, unit) for year, value in years.items()}
    before = snapshot(line, ["content", "measure_unit", "quantity", "unit_price", "total"])
    before["years"] = {str(y.year): str(y.amount) for y in line.year_amounts.all()}
    for name, value in fields.items():
        setattr(line, name, value)
    line.full_clean(exclude=["parent", "appendix"])
    line.save()
    for year, amount in years.items():
        BudgetLineYear.objects.update_or_create(line=line, year=year, defaults={"amount": amount})
    after = snapshot(line, ["content", "measure_unit", "quantity", "unit_price", "total"])
    after["years"] = {str(y.year): str(y.amount) for y in line.year_amounts.all()}
    # Logged on the appendix (updated in place by a re-import, never replaced) in the plan's
    # history: a line may go with a re-import, the appendix and the plan stay.
    event_record(actor=actor, verb=BudgetVerb.BUDGET_LINE_UPDATED, obj=line.appendix,
                 context=line.appendix.plan, before=before, after=after,
                 note=_("Sửa dòng %(c)s (%(a)s)") % {"c": line.label, "a": line.appendix.code})
