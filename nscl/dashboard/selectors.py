"""The provincial dashboard of a plan, composed from the figures each module owns
(`support.figures`, `activities.figures`, `budget.execution`, the indicator engine) in a fixed
number of queries (it does not grow with the data: a test pins it). It defines no figure itself.

Every record it counts goes through the scope layer first: a commune's reporter sees the cases
and events of its commune only, and the budget only where `can_view_budget` allows (the same
rule as the budget page), so the dashboard and its chart downloads never show more than the
pages behind them.

Filters: a year (figures of that year; indicators counted up to its end, their pace judged
against the time elapsed by then) and a unit (activities it organised, cases of beneficiaries
located in it). A data window (a report's Decree 09 period, `?tu=…&den=…`, or "kỳ số liệu năm
…") adds the province's key figures for it (`dashboard.figures.key_figures`, the list the reports
and the Ministry's comparison read too) to those who may read the whole province.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from nscl.activities import figures as activity_figures
from nscl.activities.choices import COMMUNICATION, EventKind
from nscl.activities.models import Event
from nscl.budget.execution import execution_for_plan, family, spent
from nscl.budget.models import BudgetLineYear
from nscl.budget.permissions import can_view_budget
from nscl.core.charts import Chart, Series
from nscl.core.periods import Window
from nscl.organisation.models import Unit
from nscl.organisation.scope import restrict
from nscl.plans.models import Phase, Plan
from nscl.plans.progress import IndicatorProgress, plan_progress
from nscl.support import figures as support_figures
from nscl.support.models import SupportCase

from .figures import Figure, key_figures

ZERO = Decimal(0)
EVENT_GROUPS = [(_l("Hội thảo, hội nghị"), [EventKind.WORKSHOP, EventKind.CONFERENCE]),
                (_l("Đào tạo, tập huấn"), [EventKind.TRAINING]),
                (_l("Tham quan học tập"), [EventKind.STUDY_VISIT]),
                (_l("Truyền thông"), sorted(COMMUNICATION))]


@dataclass
class Filters:
    year: int | None = None
    unit: Unit | None = None
    phase: Phase | None = None
    window: Window | None = None
    years: tuple[int, int] | None = None  # the whole years of the window's period, if any

    def query(self, **extra) -> str:
        params = {"nam": self.year or "", "don_vi": self.unit.pk if self.unit else "",
                  "giai_doan": self.phase.pk if self.phase else ""} | extra
        if self.window is not None:
            params |= self.window.query()
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


@dataclass
class IndicatorRow:
    progress: IndicatorProgress
    link: str


@dataclass
class Dashboard:
    plan: Plan
    phase: Phase
    filters: Filters
    as_of: int
    user: object = None
    shows_budget: bool = False
    indicators: list[IndicatorRow] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)
    communes: list[dict] = field(default_factory=list)
    totals: dict[str, Decimal | int] = field(default_factory=dict)
    key_figures: list[Figure] = field(default_factory=list)


def build(plan: Plan, filters: Filters, user) -> Dashboard:
    """A year picks its phase; without one, the chosen phase, else the phase running today."""
    phase = plan.phase_for(filters.year) if filters.year or not filters.phase else filters.phase
    as_of = filters.year or min(timezone.localdate().year, phase.end_year)
    board = Dashboard(plan=plan, phase=phase, filters=filters, as_of=as_of, user=user,
                      shows_budget=bool(can_view_budget(user, plan)))
    board.indicators = [IndicatorRow(p, _indicator_link(plan, p, phase, filters))
                        for p in plan_progress(plan, phase, until=as_of)]
    if board.shows_budget:
        _budget(board)
        if filters.window is not None:  # province-wide figures: those who read the budget
            board.key_figures = key_figures(plan, filters.window, filters.years)
    _activities(board)
    _support(board)
    return board


def _indicator_link(plan, progress, phase, filters) -> str:
    name, param = progress.indicator.computation, progress.indicator.computation_param
    if name.startswith("support."):
        status = "accepted,liquidated"
        return f"{reverse('support:case_list')}?" + urlencode(
            {"category": param, "status": status, "ke_hoach": plan.pk})
    if name in {"activities.events", "activities.turns", "activities.persons"}:
        return f"{reverse('activities:event_list')}?" + urlencode({"kind": param,
                                                                  "ke_hoach": plan.pk})
    if name in {"activities.experts", "activities.awards"}:
        return reverse("activities:plan_people", args=[plan.pk])
    return reverse("plans:plan_progress", args=[plan.pk]) + f"?giai_doan={phase.pk}"


def _budget(board: Dashboard) -> None:
    """Planned, committed and paid by top-level line of the phase's appendix, and by year."""
    appendix = board.plan.appendices.filter(start_year__lte=board.phase.end_year,
                                            end_year__gte=board.phase.start_year).first()
    if appendix is None:
        return
    years = [board.filters.year] if board.filters.year else appendix.years
    lines = list(appendix.lines.exclude(code="").order_by("order"))
    planned = defaultdict(Decimal)
    for row in BudgetLineYear.objects.filter(line__appendix=appendix, year__in=years):
        planned[(row.line_id, row.year)] = row.amount or ZERO
    execution = execution_for_plan(board.plan)
    top = [line for line in lines if "." not in line.code]
    for line in top:
        committed, paid = spent(execution, family(lines, line), years)
        board.budget_rows.append({
            "line": line,
            "planned": sum((planned[(line.pk, y)] for y in years), ZERO),
            "committed": committed, "paid": paid,
            "link": f"{reverse('budget:plan_budget', args=[board.plan.pk])}#thuc-hien-"
                    f"{slugify(appendix.code)}"})
    planned_all = {y: ZERO for y in appendix.years}
    for row in BudgetLineYear.objects.filter(line__appendix=appendix, line__code__regex=r"^\d+$"):
        planned_all[row.year] += row.amount or ZERO
    by_year = {y: spent(execution, lines, [y]) for y in appendix.years}
    board.charts["budget"] = Chart(
        "budget", _("Dự toán %(a)s: kế hoạch, cam kết, đã chi (triệu đồng)") % {"a": appendix.code},
        [str(y) for y in appendix.years],
        [Series(_("Kế hoạch"), [planned_all[y] for y in appendix.years]),
         Series(_("Cam kết"), [by_year[y][0] for y in appendix.years]),
         Series(_("Đã chi"), [by_year[y][1] for y in appendix.years])], stacked=False,
        unit=_("triệu đồng"))
    board.totals["planned"] = sum((r["planned"] for r in board.budget_rows), ZERO)
    board.totals["committed"] = sum((r["committed"] for r in board.budget_rows), ZERO)
    board.totals["paid"] = sum((r["paid"] for r in board.budget_rows), ZERO)


def _scoped_events(board: Dashboard):
    events = activity_figures.events_in(board.plan, board.phase.start_year, board.phase.end_year,
                                        events=restrict(Event.objects.all(), board.user))
    if board.filters.unit is not None:
        events = events.filter(organiser__path__startswith=board.filters.unit.path)
    return events


def _activities(board: Dashboard) -> None:
    years = list(board.phase.years)
    counts = defaultdict(int)
    people = 0
    for row in (_scoped_events(board).values("starts_on", "kind")
                .annotate(n=Count("id"), p=activity_figures.TURNS)):
        year = row["starts_on"].year  # grouped by date: no per-row year function on SQLite
        counts[(year, row["kind"])] += row["n"]
        if board.filters.year in (None, year):
            people += row["p"] or 0
    board.charts["activities"] = Chart(
        "activities", _("Hoạt động theo năm"), [str(y) for y in years],
        [Series(str(label), [sum(counts[(y, k)] for k in kinds) for y in years])
         for label, kinds in EVENT_GROUPS])
    chosen = [board.filters.year] if board.filters.year else years
    board.totals["events"] = sum(v for (y, _k), v in counts.items() if y in chosen)
    board.totals["participants"] = people


def _scoped_cases(board: Dashboard):
    first, last = ((board.filters.year, board.filters.year) if board.filters.year
                   else (board.phase.start_year, board.phase.end_year))
    cases = support_figures.received(board.plan, first, last,
                                     cases=restrict(SupportCase.objects.all(), board.user))
    if board.filters.unit is not None:
        cases = cases.filter(commune__path__startswith=board.filters.unit.path)
    return cases


def _short(name: str) -> str:
    """A commune's name short enough for a chart's axis (official prefixes abbreviated)."""
    return name.replace("Phường ", "P. ").replace("Xã ", "X. ")[:14]  # i18n: unit names


def _support(board: Dashboard) -> None:
    categories = ["5.1", "5.2", "5.3", "5.4"]
    tally = support_figures.by_category(_scoped_cases(board))
    empty = {"done": 0, "open": 0, "closed": 0}
    board.charts["support"] = Chart(
        "support", _("Hồ sơ hỗ trợ theo nhóm"), categories,
        [Series(label, [tally.get(c, empty)[stage] for c in categories])
         for label, stage in ((_("Nghiệm thu đạt"), "done"), (_("Đang xử lý"), "open"),
                              (_("Không tiếp tục"), "closed"))])
    board.totals["cases"] = sum(sum(v.values()) for v in tally.values())
    board.totals["cases_done"] = sum(v["done"] for v in tally.values())
    rows = support_figures.by_commune(_scoped_cases(board))
    names = dict(Unit.objects.filter(pk__in=[r["commune"] for r in rows])
                 .values_list("pk", "name"))
    board.communes = [{"name": names[r["commune"]], "total": r["total"],
                       "done": r["done"], "link": f"{reverse('support:case_list')}?"
                       + urlencode({"xa": r["commune"], "ke_hoach": board.plan.pk})}
                      for r in rows]
    board.charts["communes"] = Chart(
        "communes", _("Hồ sơ nghiệm thu đạt theo xã, phường (10 nơi nhiều nhất)"),
        [_short(c["name"]) for c in board.communes],
        [Series(_("Nghiệm thu đạt"), [c["done"] for c in board.communes]),
         Series(_("Khác"), [c["total"] - c["done"] for c in board.communes])])
