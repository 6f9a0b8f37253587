"""The figures of a report, computed from the records for the report's period — never retyped.

Indicators come through the indicator engine; budget execution through the budget execution
registry; support and activities from their own records. The same tables go into the Word
document, the Excel file and the page.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from nscl.activities import figures as activity_figures
from nscl.activities.choices import EventKind
from nscl.budget.execution import execution_for_plan, family, spent
from nscl.budget.models import BudgetLineYear
from nscl.core.numbers import format_vn_number, format_vn_percent
from nscl.plans.progress import plan_progress
from nscl.support import figures as support_figures

ZERO = Decimal(0)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def indicators_table(plan, first: int, last: int) -> Table:
    phase = plan.phase_for(last)
    table = Table("indicators", "Kết quả thực hiện các chỉ tiêu của Kế hoạch",
                  ["TT", "Chỉ tiêu", "Mục tiêu giai đoạn", "Thực hiện", "Tỷ lệ", "Đánh giá"])
    for row in plan_progress(plan, phase, until=last):
        target = "—" if row.target is None else (
            f"{row.indicator.get_direction_display()} {format_vn_number(row.target.value)} "
            f"{row.indicator.measure_unit}")
        table.rows.append([str(row.indicator.order), row.indicator.name, target,
                           format_vn_number(row.current) or "—",
                           format_vn_percent(row.share) if row.share is not None else "—",
                           str(row.status_label)])
    return table


def budget_table(plan, first: int, last: int) -> Table:
    """Planned, committed and paid by top-level line of the appendices covering the period."""
    execution = execution_for_plan(plan)
    table = Table("budget", "Tình hình thực hiện kinh phí (triệu đồng)",
                  ["Phụ lục", "TT", "Nội dung", "Kế hoạch", "Cam kết", "Đã chi"])
    planned: dict[int, Decimal] = {}
    for row in BudgetLineYear.objects.filter(line__appendix__plan=plan, year__gte=first,
                                             year__lte=last):
        planned[row.line_id] = planned.get(row.line_id, ZERO) + (row.amount or ZERO)
    for appendix in plan.appendices.filter(start_year__lte=last, end_year__gte=first):
        lines = list(appendix.lines.exclude(code=""))
        for line in (line for line in lines if "." not in line.code):
            committed, paid = spent(execution, family(lines, line), range(first, last + 1))
            table.rows.append([appendix.code, line.code, line.content[:90],
                               format_vn_number(planned.get(line.pk, ZERO)),
                               format_vn_number(committed), format_vn_number(paid)])
    return table


def support_table(plan, first: int, last: int) -> Table:
    table = Table("support", "Kết quả hỗ trợ doanh nghiệp",
                  ["Nhóm", "Hồ sơ nhận", "Nghiệm thu đạt", "Doanh nghiệp được hỗ trợ"])
    intake = support_figures.received(plan, first, last)
    done = support_figures.accepted(plan, first, last)
    codes = sorted(set(intake.values_list("call_category__category__code", flat=True))
                   | set(done.values_list("call_category__category__code", flat=True)))
    for code in codes:
        mine = done.filter(call_category__category__code=code)
        table.rows.append([code, str(intake.filter(call_category__category__code=code).count()),
                           str(mine.count()), str(support_figures.supported_count(mine))])
    return table


def activities_table(plan, first: int, last: int) -> Table:
    table = Table("activities", "Hội thảo, đào tạo, truyền thông",
                  ["Loại hoạt động", "Số hoạt động", "Lượt người tham dự"])
    events = activity_figures.events_in(plan, first, last)
    labels = dict(EventKind.choices)
    for row in events.values("kind").annotate(n=Count("id"), p=activity_figures.TURNS) \
            .order_by("kind"):
        table.rows.append([str(labels[row["kind"]]), str(row["n"]),
                           format_vn_number(row["p"] or 0)])
    experts = activity_figures.experts_in(plan, first, last).count()
    table.rows.append(["Chuyên gia năng suất được cấp chứng chỉ", str(experts), "—"])
    return table


def all_tables(plan, first: int, last: int) -> list[Table]:
    return [indicators_table(plan, first, last), budget_table(plan, first, last),
            support_table(plan, first, last), activities_table(plan, first, last)]


def key_figures(plan, first: int, last: int) -> dict[str, str]:
    """The comparable figures of a province for the Ministry's side-by-side view."""
    done = support_figures.accepted(plan, first, last)
    events = activity_figures.events_in(plan, first, last)
    paid = sum((p for (_line, year), (_c, p) in execution_for_plan(plan).items()
                if first <= year <= last), ZERO)
    return {
        "enterprises": str(support_figures.supported_count(done)),
        "support_turns": str(done.count()),
        "events": str(events.count()),
        "participants": str(activity_figures.turns(events)),
        "experts": str(activity_figures.experts_in(plan, first, last).count()),
        "paid": str(paid),
    }


KEY_LABELS = {"enterprises": "Doanh nghiệp được hỗ trợ", "support_turns": "Lượt hỗ trợ đạt",
              "events": "Hội thảo, đào tạo, truyền thông", "participants": "Lượt người tham dự",
              "experts": "Chuyên gia năng suất", "paid": "Kinh phí đã chi (triệu đồng)"}
