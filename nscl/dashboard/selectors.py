"""The provincial dashboard of a plan, assembled from each module's records in a fixed number of
queries (it does not grow with the data: a test pins it).

Filters: a year (figures of that year; indicators counted up to its end, their pace judged
against the time elapsed by then) and a unit (activities it organised, cases of beneficiaries
located in it).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from nscl.activities.choices import COMMUNICATION, EventKind
from nscl.activities.models import Event
from nscl.budget.execution import execution_for_plan
from nscl.budget.models import BudgetLineYear
from nscl.core.charts import Chart, Series
from nscl.organisation.models import Unit
from nscl.plans.models import Phase, Plan
from nscl.plans.progress import IndicatorProgress, plan_progress
from nscl.support.choices import CaseStatus
from nscl.support.models import CallCategory, SupportCase, call_category_ids

ZERO = Decimal(0)
DONE = [CaseStatus.ACCEPTED, CaseStatus.LIQUIDATED]
CLOSED = [CaseStatus.INELIGIBLE, CaseStatus.NOT_RECOMMENDED, CaseStatus.FAILED,
          CaseStatus.WITHDRAWN]
EVENT_GROUPS = [("Hội thảo, hội nghị", [EventKind.WORKSHOP, EventKind.CONFERENCE]),
                ("Đào tạo, tập huấn", [EventKind.TRAINING]),
                ("Tham quan học tập", [EventKind.STUDY_VISIT]),
                ("Truyền thông", sorted(COMMUNICATION))]


@dataclass
class Filters:
    year: int | None = None
    unit: Unit | None = None
    phase: Phase | None = None

    def query(self, **extra) -> str:
        params = {"nam": self.year or "", "don_vi": self.unit.pk if self.unit else "",
                  "giai_doan": self.phase.pk if self.phase else ""} | extra
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
    indicators: list[IndicatorRow] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)
    communes: list[dict] = field(default_factory=list)
    totals: dict[str, Decimal | int] = field(default_factory=dict)


def phase_for(plan: Plan, year: int | None) -> Phase:
    phases = list(plan.phases.all())
    year = year or timezone.localdate().year
    return next((p for p in phases if p.start_year <= year <= p.end_year),
                phases[-1] if year > phases[-1].end_year else phases[0])


def build(plan: Plan, filters: Filters) -> Dashboard:
    """A year picks its phase; without one, the chosen phase, else the phase running today."""
    phase = phase_for(plan, filters.year) if filters.year or not filters.phase else filters.phase
    as_of = filters.year or min(timezone.localdate().year, phase.end_year)
    board = Dashboard(plan=plan, phase=phase, filters=filters, as_of=as_of)
    board.indicators = [IndicatorRow(p, _indicator_link(plan, p, phase, filters))
                        for p in plan_progress(plan, phase, until=as_of)]
    _budget(board)
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
        members = [m.pk for m in lines if m.code == line.code or m.code.startswith(line.code + ".")]
        board.budget_rows.append({
            "line": line,
            "planned": sum((planned[(line.pk, y)] for y in years), ZERO),
            "committed": sum((execution.get((pk, y), (ZERO, ZERO))[0]
                              for pk in members for y in years), ZERO),
            "paid": sum((execution.get((pk, y), (ZERO, ZERO))[1]
                         for pk in members for y in years), ZERO),
            "link": f"{reverse('budget:plan_budget', args=[board.plan.pk])}#thuc-hien-"
                    f"{slugify(appendix.code)}"})
    planned_all = {y: ZERO for y in appendix.years}
    for row in BudgetLineYear.objects.filter(line__appendix=appendix, line__code__regex=r"^\d+$"):
        planned_all[row.year] += row.amount or ZERO
    spent = {y: [ZERO, ZERO] for y in appendix.years}
    own = {line.pk for line in lines}
    for (line_pk, year), (committed, paid) in execution.items():
        if year in spent and line_pk in own:
            spent[year][0] += committed
            spent[year][1] += paid
    board.charts["budget"] = Chart(
        "budget", f"Dự toán {appendix.code}: kế hoạch, cam kết, đã chi (triệu đồng)",
        [str(y) for y in appendix.years],
        [Series("Kế hoạch", [planned_all[y] for y in appendix.years]),
         Series("Cam kết", [spent[y][0] for y in appendix.years]),
         Series("Đã chi", [spent[y][1] for y in appendix.years])], stacked=False,
        unit="triệu đồng")
    board.totals["planned"] = sum((r["planned"] for r in board.budget_rows), ZERO)
    board.totals["committed"] = sum((r["committed"] for r in board.budget_rows), ZERO)
    board.totals["paid"] = sum((r["paid"] for r in board.budget_rows), ZERO)


def _scoped_events(board: Dashboard):
    events = Event.objects.filter(plan=board.plan,
                                  starts_on__gte=dt.date(board.phase.start_year, 1, 1),
                                  starts_on__lte=dt.date(board.phase.end_year, 12, 31))
    if board.filters.unit is not None:
        events = events.filter(organiser__path__startswith=board.filters.unit.path)
    return events


def _activities(board: Dashboard) -> None:
    years = list(board.phase.years)
    counts = defaultdict(int)
    people = 0
    for row in (_scoped_events(board).values("starts_on", "kind")
                .annotate(n=Count("id"), p=Sum("enterprises") + Sum("cooperatives")
                          + Sum("households") + Sum("officials") + Sum("lecturers")
                          + Sum("students"))):
        year = row["starts_on"].year  # grouped by date: no per-row year function on SQLite
        counts[(year, row["kind"])] += row["n"]
        if board.filters.year in (None, year):
            people += row["p"] or 0
    board.charts["activities"] = Chart(
        "activities", "Hoạt động theo năm", [str(y) for y in years],
        [Series(label, [sum(counts[(y, k)] for k in kinds) for y in years])
         for label, kinds in EVENT_GROUPS])
    chosen = [board.filters.year] if board.filters.year else years
    board.totals["events"] = sum(v for (y, _k), v in counts.items() if y in chosen)
    board.totals["participants"] = people


def _scoped_cases(board: Dashboard):
    first, last = ((board.filters.year, board.filters.year) if board.filters.year
                   else (board.phase.start_year, board.phase.end_year))
    cases = SupportCase.objects.filter(
        call_category_id__in=call_category_ids(board.plan, first, last))
    if board.filters.unit is not None:
        cases = cases.filter(commune__path__startswith=board.filters.unit.path)
    return cases


def _support(board: Dashboard) -> None:
    categories = ["5.1", "5.2", "5.3", "5.4"]
    tally = defaultdict(int)
    code_of = dict(CallCategory.objects.filter(call__plan=board.plan)
                   .values_list("id", "category__code"))
    for row in _scoped_cases(board).values("call_category", "status").annotate(n=Count("id")):
        group = "done" if row["status"] in DONE else "closed" if row["status"] in CLOSED \
            else "open"
        tally[(code_of[row["call_category"]], group)] += row["n"]
    board.charts["support"] = Chart(
        "support", "Hồ sơ hỗ trợ theo nhóm", categories,
        [Series("Nghiệm thu đạt", [tally[(c, "done")] for c in categories]),
         Series("Đang xử lý", [tally[(c, "open")] for c in categories]),
         Series("Không tiếp tục", [tally[(c, "closed")] for c in categories])])
    board.totals["cases"] = sum(tally.values())
    board.totals["cases_done"] = sum(v for (c, g), v in tally.items() if g == "done")
    rows = list(_scoped_cases(board).values("commune")
                .annotate(total=Count("id"), done=Count("id", filter=Q(status__in=DONE)))
                .order_by("-done", "-total", "commune")[:10])
    names = dict(Unit.objects.filter(pk__in=[r["commune"] for r in rows])
                 .values_list("pk", "name"))
    board.communes = [{"name": names[r["commune"]], "total": r["total"],
                       "done": r["done"], "link": f"{reverse('support:case_list')}?"
                       + urlencode({"xa": r["commune"], "ke_hoach": board.plan.pk})}
                      for r in rows]
    board.charts["communes"] = Chart(
        "communes", "Hồ sơ nghiệm thu đạt theo xã, phường (10 nơi nhiều nhất)",
        [c["name"].replace("Phường ", "P. ").replace("Xã ", "X. ")[:14] for c in board.communes],
        [Series("Nghiệm thu đạt", [c["done"] for c in board.communes]),
         Series("Khác", [c["total"] - c["done"] for c in board.communes])])
