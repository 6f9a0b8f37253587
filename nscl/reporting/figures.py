"""The tables of a consolidated report, for the request's period and as of its data cut-off —
computed from the records through the owning apps' functions, never retyped, never counted
here: the key figures are `dashboard.figures.key_figures` (what the dashboard and the Ministry
read too), the indicators come from the indicator engine with the cut-off, the money from the
budget execution registry with the window.

A cell keeps its text, its number (numbers stay numbers in Excel) and the address of the records
behind it (the page links it). Tables are frozen as JSON with a sent version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.budget.execution import execution_for_plan, family, spent
from nscl.budget.models import BudgetLineYear
from nscl.core.numbers import format_vn_number, format_vn_percent
from nscl.dashboard.figures import NO_DATA, Figure, key_figures, phase_window
from nscl.plans.progress import plan_progress
from nscl.support import figures as support_figures

ZERO = Decimal(0)


@dataclass
class Cell:
    text: str
    value: Decimal | None = None
    url: str = ""
    places: int | None = None

    def frozen(self) -> dict:
        return {"t": self.text, "v": None if self.value is None else str(self.value),
                "u": self.url, "p": self.places}

    @classmethod
    def thawed(cls, data: dict) -> Cell:
        return cls(data.get("t", ""), None if data.get("v") is None else Decimal(data["v"]),
                   data.get("u", ""), data.get("p"))


def number(value: Decimal | None, url: str = "", places: int | None = None) -> Cell:
    if value is None:
        return Cell(str(NO_DATA))
    return Cell(format_vn_number(value, places), value, url, places)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    def frozen(self) -> dict:
        return {"key": self.key, "title": self.title, "headers": self.headers,
                "numeric": sorted(self.numeric),
                "rows": [[c.frozen() for c in row] for row in self.rows]}

    @classmethod
    def thawed(cls, data: dict) -> Table:
        return cls(data["key"], data["title"], data["headers"],
                   [[Cell.thawed(c) for c in row] for row in data["rows"]],
                   set(data.get("numeric", [])))


def key_table(figures: list[Figure], request) -> Table:
    window = request.window
    table = Table("key", _("Kết quả chủ yếu trong kỳ và lũy kế"),
                  ["TT", _("Nội dung"), _("Đơn vị tính"),
                   _("Trong kỳ (từ %(a)s đến %(b)s)") % {"a": f"{window.since:%d/%m/%Y}",
                                                         "b": f"{window.until:%d/%m/%Y}"},
                   figures[0].cumulative_label[:1].upper() + figures[0].cumulative_label[1:]],
                  numeric={3, 4})
    for n, figure in enumerate(figures, start=1):
        table.rows.append([Cell(str(n)), Cell(str(figure.label)), Cell(str(figure.unit)),
                           number(figure.value, figure.link, figure.places),
                           number(figure.cumulative, figure.cumulative_link, figure.places)])
    return table


def indicators_table(plan, request) -> Table:
    """Each indicator against its phase target, counted to the data cut-off."""
    window = request.window
    phase = plan.phase_for(window.until.year)
    link = reverse("plans:plan_progress", args=[plan.pk]) + f"?giai_doan={phase.pk}"
    table = Table("indicators", _("Kết quả thực hiện các chỉ tiêu của Kế hoạch"),
                  ["TT", _("Chỉ tiêu"), _("Mục tiêu %(p)s") % {"p": phase.name.lower()},
                   _("Thực hiện lũy kế đến %(d)s") % {"d": f"{window.until:%d/%m/%Y}"},
                   _("Tỷ lệ"), _("Đánh giá")], numeric={3, 4})
    for row in plan_progress(plan, phase, as_of=window.until):
        target = "—" if row.target is None else (
            f"{row.indicator.get_direction_display()} {format_vn_number(row.target.value)} "
            f"{row.indicator.measure_unit}")
        share = Cell(format_vn_percent(row.share), row.share) if row.share is not None else \
            Cell("—")
        table.rows.append([Cell(str(row.indicator.order)), Cell(row.indicator.name),
                           Cell(target), number(row.current, link), share,
                           Cell(str(row.status_label))])
    return table


def budget_table(plan, request) -> Table:
    """By top-level line: planned for the period's budget years, paid in the period (booked
    in its window) and paid from the start of the phase to the cut-off (million đồng)."""
    window = request.window
    total = phase_window(plan, window)
    years = request.years
    in_period = execution_for_plan(plan, as_of=window.until, since=window.since)
    to_date = execution_for_plan(plan, as_of=total.until, since=total.since)
    link = reverse("budget:plan_budget", args=[plan.pk])
    if years is None:
        planned_head = _("Kế hoạch")
    elif years[0] == years[1]:
        planned_head = _("Kế hoạch năm %(y)s") % {"y": years[0]}
    else:
        planned_head = _("Kế hoạch %(a)s–%(b)s") % {"a": years[0], "b": years[1]}
    table = Table("budget", _("Tình hình thực hiện kinh phí (triệu đồng)"),
                  [_("Phụ lục"), "TT", _("Nội dung"), planned_head, _("Đã chi trong kỳ"),
                   _("Đã chi lũy kế")], numeric={3, 4, 5})
    planned: dict[int, Decimal] = {}
    if years:
        for row in BudgetLineYear.objects.filter(line__appendix__plan=plan, year__gte=years[0],
                                                 year__lte=years[1]):
            planned[row.line_id] = planned.get(row.line_id, ZERO) + (row.amount or ZERO)
    every_year = {year for (_line, year) in [*in_period, *to_date]}  # budget years booked
    first, last = (years or (request.period_from.year, request.period_to.year))
    for appendix in plan.appendices.filter(start_year__lte=last, end_year__gte=first):
        lines = list(appendix.lines.exclude(code=""))
        for line in (line for line in lines if "." not in line.code):
            mine = family(lines, line)
            _c, paid = spent(in_period, mine, every_year)
            _c, paid_total = spent(to_date, mine, every_year)
            table.rows.append([
                Cell(appendix.code), Cell(line.code), Cell(line.content),
                number(planned.get(line.pk), link) if years else Cell("—"),
                number(paid or None, link), number(paid_total or None, link)])
    return table


def support_table(plan, request) -> Table:
    """By category: applications received and support accepted in the period's window."""
    window = request.window
    received = support_figures.submitted_in(plan, window)
    done = support_figures.accepted_in(plan, window)
    table = Table("support", _("Kết quả hỗ trợ doanh nghiệp trong kỳ theo nhóm"),
                  [_("Nhóm"), _("Hồ sơ nhận"), _("Nghiệm thu đạt"),
                   _("Doanh nghiệp được hỗ trợ")], numeric={1, 2, 3})
    codes = sorted(set(received.values_list("call_category__category__code", flat=True))
                   | set(done.values_list("call_category__category__code", flat=True)))
    base = reverse("support:case_list")
    for code in codes:
        mine = done.filter(call_category__category__code=code)
        url = f"{base}?ke_hoach={plan.pk}&category={code}&status=accepted,liquidated&" \
              f"tu={window.since.isoformat()}&den={window.until.isoformat()}"
        table.rows.append([Cell(code),
                           number(Decimal(received.filter(
                               call_category__category__code=code).count()) or None),
                           number(Decimal(mine.count()) or None, url),
                           number(Decimal(support_figures.supported_count(mine)) or None, url)])
    return table


def report_tables(request) -> tuple[list[Figure], list[Table]]:
    """The key figures and every table of the report of `request`."""
    plan = request.plan
    figures = key_figures(plan, request.window, request.years)
    return figures, [key_table(figures, request), indicators_table(plan, request),
                     budget_table(plan, request), support_table(plan, request)]


def frozen_figures(figures: list[Figure], request) -> dict:
    """What a sent version keeps for the Ministry's comparison."""
    return {"kind": request.kind, "frequency": request.frequency,
            "period_from": request.period_from.isoformat(),
            "period_to": request.period_to.isoformat(),
            "window": [request.window.since.isoformat(), request.window.until.isoformat()],
            "period_label": request.period_label,
            "figures": {f.key: f.frozen() for f in figures}}
