"""The figures of a report, computed from the records for the report's period — never retyped.

Indicators come through the indicator engine; budget execution through the budget execution
registry; support and activities from their own records. The same tables go into the Word
document, the Excel file and the page.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from nscl.activities.choices import EventKind
from nscl.activities.models import Event, Expert
from nscl.budget.execution import execution_for_plan
from nscl.budget.models import BudgetLineYear
from nscl.core.numbers import format_vn_number, format_vn_percent
from nscl.plans.progress import plan_progress
from nscl.support.choices import CaseStatus
from nscl.support.models import SupportCase, call_category_ids

ZERO = Decimal(0)
DONE = [CaseStatus.ACCEPTED, CaseStatus.LIQUIDATED]


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def indicators_table(plan, first: int, last: int) -> Table:
    phase = next((p for p in plan.phases.all() if p.start_year <= last <= p.end_year),
                 plan.phases.first())
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
            family = [m.pk for m in lines
                      if m.code == line.code or m.code.startswith(line.code + ".")]
            spent = [execution.get((pk, y), (ZERO, ZERO)) for pk in family
                     for y in range(first, last + 1)]
            table.rows.append([appendix.code, line.code, line.content[:90],
                               format_vn_number(planned.get(line.pk, ZERO)),
                               format_vn_number(sum((s[0] for s in spent), ZERO)),
                               format_vn_number(sum((s[1] for s in spent), ZERO))])
    return table


def support_table(plan, first: int, last: int) -> Table:
    table = Table("support", "Kết quả hỗ trợ doanh nghiệp",
                  ["Nhóm", "Hồ sơ nhận", "Nghiệm thu đạt", "Doanh nghiệp được hỗ trợ"])
    ids = call_category_ids(plan, first, last)
    cases = SupportCase.objects.filter(call_category_id__in=ids)
    rows = (cases.values("call_category__category__code")
            .annotate(total=Count("id"), done=Count("id", filter=Q(status__in=DONE)),
                      firms=Count("beneficiary", filter=Q(status__in=DONE), distinct=True))
            .order_by("call_category__category__code"))
    for row in rows:
        table.rows.append([row["call_category__category__code"], str(row["total"]),
                           str(row["done"]), str(row["firms"])])
    return table


def activities_table(plan, first: int, last: int) -> Table:
    table = Table("activities", "Hội thảo, đào tạo, truyền thông",
                  ["Loại hoạt động", "Số hoạt động", "Lượt người tham dự"])
    events = Event.objects.filter(plan=plan, starts_on__gte=dt.date(first, 1, 1),
                                  starts_on__lte=dt.date(last, 12, 31))
    people = sum((Sum(f) for f in Event.COUNT_FIELDS[1:]), Sum(Event.COUNT_FIELDS[0]))
    labels = dict(EventKind.choices)
    for row in events.values("kind").annotate(n=Count("id"), p=people).order_by("kind"):
        table.rows.append([str(labels[row["kind"]]), str(row["n"]),
                           format_vn_number(row["p"] or 0)])
    experts = Expert.objects.filter(plan=plan, certified_on__year__gte=first,
                                    certified_on__year__lte=last).count()
    table.rows.append(["Chuyên gia năng suất được cấp chứng chỉ", str(experts), "—"])
    return table


def all_tables(plan, first: int, last: int) -> list[Table]:
    return [indicators_table(plan, first, last), budget_table(plan, first, last),
            support_table(plan, first, last), activities_table(plan, first, last)]


def key_figures(plan, first: int, last: int) -> dict[str, str]:
    """The comparable figures of a province for the Ministry's side-by-side view."""
    ids = call_category_ids(plan, first, last)
    done = SupportCase.objects.filter(call_category_id__in=ids, status__in=DONE)
    events = Event.objects.filter(plan=plan, starts_on__gte=dt.date(first, 1, 1),
                                  starts_on__lte=dt.date(last, 12, 31))
    people = sum((Sum(f) for f in Event.COUNT_FIELDS[1:]), Sum(Event.COUNT_FIELDS[0]))
    paid = sum((p for _c, p in execution_for_plan(plan).values()), ZERO)
    return {
        "enterprises": str(done.values("beneficiary").distinct().count()),
        "support_turns": str(done.count()),
        "events": str(events.count()),
        "participants": str(events.aggregate(p=people)["p"] or 0),
        "experts": str(Expert.objects.filter(plan=plan, certified_on__year__gte=first,
                                             certified_on__year__lte=last).count()),
        "paid": str(paid),
    }


KEY_LABELS = {"enterprises": "Doanh nghiệp được hỗ trợ", "support_turns": "Lượt hỗ trợ đạt",
              "events": "Hội thảo, đào tạo, truyền thông", "participants": "Lượt người tham dự",
              "experts": "Chuyên gia năng suất", "paid": "Kinh phí đã chi (triệu đồng)"}
