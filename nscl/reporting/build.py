"""Pre-filling a unit's contribution from what NSCL knows, and building the provincial report
from the records and the accepted contributions (each quoted with its source)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from nscl.activities import figures as activity_figures
from nscl.activities.choices import COMMUNICATION, EventKind
from nscl.core.numbers import format_vn_number
from nscl.support import figures as support_figures

from .choices import TEXT_KEYS, RequestKind, SubmissionStatus
from .models import ConsolidatedReport, ReportingRequest, Submission
from .table import RowInput

MILLION = Decimal(1_000_000)


def _events(plan, first, last, **filters):
    return activity_figures.events_in(plan, first, last).filter(**filters)


def prefill(submission: Submission) -> tuple[dict, list[RowInput]]:
    """What the unit has on record for the period, as a starting text and table."""
    request, unit = submission.request, submission.unit
    first, last = request.period_start, request.period_end
    events = list(_events(request.plan, first, last, organiser__path__startswith=unit.path)
                  .order_by("starts_on"))

    def listing(kinds) -> str:
        chosen = [e for e in events if e.kind in kinds]
        return "; ".join(f"{e.title} ({e.starts_on:%d/%m/%Y}, {e.participants} người tham dự)"
                         for e in chosen)

    cases = support_figures.accepted(request.plan, first, last).filter(
        commune__path__startswith=unit.path)
    sections = {
        "II.1.2": listing({EventKind.WORKSHOP, EventKind.CONFERENCE, *COMMUNICATION}),
        "II.1.3": (f"Trên địa bàn có {cases.count()} lượt hỗ trợ được nghiệm thu đạt."
                   if cases.exists() else ""),
        "II.1.4": listing({EventKind.TRAINING}),
    }
    rows = [RowInput(n, e.title, format_vn_number(e.cost * MILLION), str(e.starts_on.year))
            for n, e in enumerate((e for e in events if e.cost), start=1)]
    if rows:
        total = sum(e.cost * MILLION for e in events if e.cost)
        rows.append(RowInput(len(rows) + 1, "Tổng", format_vn_number(total), "", True))
    return {k: v for k, v in sections.items() if v}, rows


def _computed_paragraphs(plan, first: int, last: int) -> dict[str, str]:
    events = _events(plan, first, last)
    workshops = events.filter(kind__in=[EventKind.WORKSHOP, EventKind.CONFERENCE]).count()
    comms = events.filter(kind__in=list(COMMUNICATION)).count()
    trainings = events.filter(kind=EventKind.TRAINING)
    people = activity_figures.turns(trainings)
    experts = activity_figures.experts_in(plan, first, last).count()
    done = support_figures.accepted(plan, first, last)
    firms = support_figures.supported_count(done)
    return {
        "II.1.2": f"Giai đoạn {first}–{last}, toàn tỉnh tổ chức {workshops} hội thảo, hội nghị "
                  f"và thực hiện {comms} sản phẩm truyền thông về năng suất chất lượng.",
        "II.1.3": f"Đã hỗ trợ {done.count()} lượt doanh nghiệp, hợp tác xã, hộ kinh doanh "
                  f"({firms} đơn vị) được nghiệm thu đạt về áp dụng tiêu chuẩn, hệ thống quản lý, "
                  f"công cụ cải tiến năng suất chất lượng.",
        "II.1.4": f"Tổ chức {trainings.count()} khóa đào tạo, tập huấn với "
                  f"{format_vn_number(people)} lượt người tham dự; {experts} chuyên gia năng "
                  f"suất chất lượng được cấp chứng chỉ.",
    }


def _merge(request: ReportingRequest) -> tuple[dict[str, str], list[str]]:
    accepted = list(request.submissions.filter(status=SubmissionStatus.ACCEPTED)
                    .select_related("unit").order_by("unit__name"))
    computed = _computed_paragraphs(request.plan, request.period_start, request.period_end)
    sections, notes = {}, []
    for key in TEXT_KEYS:
        parts = [computed[key]] if key in computed else []
        for submission in accepted:
            text = (submission.sections or {}).get(key, "").strip()
            if not text:
                continue
            if submission.source_label not in notes:
                notes.append(submission.source_label)
            note = notes.index(submission.source_label) + 1
            parts.append(f"{submission.author}: {text} ({note})")
        sections[key] = "\n".join(parts)
    return sections, notes


def _province_name(request) -> str:
    province = request.plan.province
    current = province.successor or province
    return current.name.replace("Tỉnh ", "").replace("Thành phố ", "")


@transaction.atomic
def report_build(*, request: ReportingRequest, actor) -> ConsolidatedReport:
    """Create the report, or refresh its text from the records and the accepted contributions
    (header and signature edits are kept). A report sent to the Ministry is closed: its
    workflow refuses to rebuild it."""
    from nscl.core.permissions import require

    from .permissions import can_manage_reporting
    from .workflow import REPORT_FLOW

    require(can_manage_reporting(actor, request.plan))
    sections, notes = _merge(request)
    report = getattr(request, "report", None)
    if report is None:
        place = _province_name(request)
        kind = RequestKind(request.kind).label
        report = ConsolidatedReport(
            request=request, governing_body=f"UBND TỈNH {place.upper()}",
            issuing_body=request.issuer.name.split(" tỉnh ")[0].split(" thành phố ")[0].upper(),
            place=place, date=timezone.localdate(), created_by=actor,
            subject=f"{kind} Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và "
                    f"chất lượng sản phẩm, hàng hóa giai đoạn 2021–2030",
            recipients="Bộ Khoa học và Công nghệ\nUBND tỉnh\nCác sở, ban, ngành tỉnh\n"
                       "Lưu: VT, TĐC",
            signer_name=actor.full_name or actor.username)
    if report.pk is None:
        report.save()

    def step(report):
        report.sections, report.notes = sections, notes
        return {"name": report.reference, "value": len(notes)}
    return REPORT_FLOW.perform(report, "build", actor, step)


