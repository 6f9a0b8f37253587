"""What a report says before anyone edits it: a unit's contribution pre-filled from what NSCL
knows of it, and the provincial report drafted from the records and the accepted contributions
(each quoted with its source) — its header as the issuing body stood on the report's date, its
subject with the period, an opening citing the request, and its results in words where a figure
with no record behind it reads "chưa có số liệu", never zero.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.activities import figures as activity_figures
from nscl.activities.choices import COMMUNICATION, EventKind
from nscl.core.numbers import format_vn_number
from nscl.dashboard.figures import Figure, by_key
from nscl.organisation.names import body_name, people_committee, place_name, unit_on
from nscl.support import figures as support_figures

from . import outline as outlines
from .choices import RequestKind, SubmissionStatus
from .decree30 import doc_date
from .models import ReportingRequest, Submission
from .table import NUMERIC, RowInput, blank_rows, columns

MILLION = Decimal(1_000_000)
PROGRAM = ("Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, "
           "hàng hóa giai đoạn 2021–2030")


def prefill(submission: Submission) -> tuple[dict, list[RowInput]]:
    """What the unit has on record for the request's window, as a starting text and table
    (events it organised with their cost in đồng when the form has such a column, support
    accepted for beneficiaries located in it)."""
    request, unit = submission.request, submission.unit
    window = request.window
    if window is None:
        return {}, blank_rows(request.form)
    events = list(activity_figures.events_between(request.plan, window)
                  .filter(organiser__path__startswith=unit.path).order_by("starts_on"))

    def listing(kinds) -> str:
        return "; ".join(f"{e.title} ({e.starts_on:%d/%m/%Y}, {e.participants} người tham dự)"
                         for e in events if e.kind in kinds)
    cases = support_figures.accepted_in(request.plan, window).filter(
        commune__path__startswith=unit.path)
    count = cases.count()
    sections = {
        "communication": listing({EventKind.WORKSHOP, EventKind.CONFERENCE, *COMMUNICATION}),
        "standards": (_("Trên địa bàn có %(n)s lượt hỗ trợ được nghiệm thu đạt.") % {"n": count}
                      if count else ""),
        "training": listing({EventKind.TRAINING}),
    }
    keys = set(outlines.writable_keys(request.outline))
    sections = {k: v for k, v in sections.items() if v and k in keys}
    return sections, _prefilled_rows(request.form, events)


def _prefilled_rows(form, events) -> list[RowInput]:
    cols = columns(form)
    money = next((c["key"] for c in cols if c["type"] == "money"), None)
    text = cols[0]["key"]
    when = next((c["key"] for c in cols[1:] if c["type"] == "text"), None)
    if money is None or (form or {}).get("rows"):
        return blank_rows(form)
    rows = []
    for event in (e for e in events if e.cost):
        cells = {text: event.title, money: format_vn_number(event.cost * MILLION)}
        if when:
            cells[when] = f"{event.starts_on:%d/%m/%Y}"
        rows.append(RowInput(len(rows) + 1, cells))
    if rows and (form or {}).get("total", True):
        total = sum(e.cost * MILLION for e in events if e.cost)
        rows.append(RowInput(len(rows) + 1, {text: "Tổng", money: format_vn_number(total)}, True))
    return rows or blank_rows(form)


# --- the consolidated report ---------------------------------------------------------------------

def header_for(request: ReportingRequest, day: dt.date) -> dict:
    """Governing and issuing body and place as they were on `day`: a province dissolved on
    1/7/2025 heads its own reports before that day ("UBND TỈNH SÓC TRĂNG"), its successor after
    ("UBND THÀNH PHỐ CẦN THƠ")."""
    province = unit_on(request.plan.province, day)
    office = unit_on(request.plan.program_office or request.issuer, day)
    return {"governing_body": people_committee(province),
            "issuing_body": body_name(office).upper(), "place": place_name(province)}


def subject_for(request: ReportingRequest) -> str:
    period = request.period_label
    if request.kind == RequestKind.MIDTERM:
        return f"Sơ kết {period} thực hiện {PROGRAM}"
    if request.kind == RequestKind.FINAL:
        return f"Tổng kết {period} thực hiện {PROGRAM}"
    if request.kind == RequestKind.THEMATIC and request.name:
        return request.name
    return f"Kết quả thực hiện {PROGRAM} {period}"


def opening_for(request: ReportingRequest, day: dt.date) -> str:
    """"Thực hiện Công văn số … ngày … của …, <the office> báo cáo … như sau:"."""
    cited = request.basis.strip() or request.citation()
    office = body_name(unit_on(request.plan.program_office or request.issuer, day))
    return (f"Thực hiện {cited}, {office} báo cáo kết quả thực hiện Chương trình "
            f"{request.period_label} (số liệu tính từ ngày {doc_date(request.window.since)} đến "
            f"ngày {doc_date(request.window.until)}) như sau:")


def closing_for(request: ReportingRequest, day: dt.date) -> str:
    """"Sở Khoa học và Công nghệ tỉnh Sóc Trăng kính báo cáo Bộ Khoa học và Công nghệ./."."""
    province = unit_on(request.plan.province, day)
    office = unit_on(request.plan.program_office or request.issuer, day)
    where = province.name[:1].lower() + province.name[1:]
    return f"{body_name(office)} {where} kính báo cáo Bộ Khoa học và Công nghệ./."


def _phrase(figure: Figure, noun: str, cumulative: bool = False) -> str:
    """"3 hội thảo, hội nghị" or "chưa có số liệu về hội thảo, hội nghị" — never "0 …"."""
    value = figure.cumulative if cumulative else figure.value
    if value is None:
        return f"chưa có số liệu về {noun}"
    return f"{format_vn_number(value, figure.places)} {noun}"


def computed_paragraphs(figures: list[Figure], request: ReportingRequest) -> dict[str, str]:
    """The results in words, in the period and cumulated, from the same figures as the tables."""
    f = by_key(figures)
    period = f"Trong kỳ báo cáo ({request.window.label})"
    label = f["workshops"].cumulative_label  # "lũy kế từ 01/01/2021 đến 14/12/2024"
    since = label[:1].upper() + label[1:]
    paragraphs = {
        "communication": (
            f"{period}: {_phrase(f['workshops'], 'hội thảo, hội nghị')}; "
            f"{_phrase(f['communication'], 'sản phẩm truyền thông')} về năng suất chất lượng. "
            f"{since}: {_phrase(f['workshops'], 'hội thảo, hội nghị', True)}; "
            f"{_phrase(f['communication'], 'sản phẩm truyền thông', True)}."),
        "standards": (
            f"{period}: {_phrase(f['support_turns'], 'lượt hỗ trợ')} doanh nghiệp, hợp tác xã, "
            f"hộ kinh doanh được nghiệm thu đạt "
            f"({_phrase(f['enterprises'], 'đơn vị được hỗ trợ')}) về áp dụng tiêu chuẩn, hệ "
            f"thống quản lý, công cụ cải tiến năng suất chất lượng. {since}: "
            f"{_phrase(f['support_turns'], 'lượt hỗ trợ', True)}; "
            f"{_phrase(f['enterprises'], 'đơn vị được hỗ trợ', True)}."),
        "training": (
            f"{period}: {_phrase(f['trainings'], 'khóa đào tạo, tập huấn')}; "
            f"{_phrase(f['participants'], 'lượt người tham dự các hoạt động')}; "
            f"{_phrase(f['experts'], 'chuyên gia năng suất được cấp chứng chỉ')}. {since}: "
            f"{_phrase(f['trainings'], 'khóa đào tạo, tập huấn', True)}; "
            f"{_phrase(f['experts'], 'chuyên gia được cấp chứng chỉ', True)}."),
    }
    tfp = f["tfp_share"]
    if tfp.value is not None or tfp.cumulative is not None:
        parts = []
        if tfp.value is not None:
            parts.append(f"đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng "
                         f"GRDP {request.period_label} ước đạt {tfp.text()}%")
        if tfp.cumulative is not None:
            parts.append(f"bình quân từ đầu giai đoạn {tfp.text(True)}%")
        paragraphs["tfp"] = "Theo số liệu tăng trưởng của tỉnh, " + "; ".join(parts) + "."
    return paragraphs


def merge(request: ReportingRequest, figures: list[Figure]) -> tuple[dict[str, str], list[str]]:
    """Each section: the figures in words (where the section has them), then every accepted
    contribution's text for it, attributed, with its source in the notes."""
    accepted = list(request.submissions.filter(status=SubmissionStatus.ACCEPTED)
                    .select_related("unit").order_by("unit__name"))
    computed = computed_paragraphs(figures, request)
    keys = outlines.writable_keys(request.outline)
    if "tfp" in computed:  # TFP goes with the results' first section that exists
        target = next((k for k in ("training", "standards", "tasks", "results") if k in keys),
                      None)
        if target:
            computed[target] = f"{computed.get(target, '')}\n{computed['tfp']}".strip()
    sections, notes = {}, []
    for key in keys:
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


def accepted_totals(request: ReportingRequest) -> dict[str, Decimal]:
    """The accepted units' numeric columns added up (their total rows left out)."""
    from .services.submissions import stored_rows
    from .table import totals

    result: dict[str, Decimal] = {}
    for submission in request.submissions.filter(status=SubmissionStatus.ACCEPTED):
        for key, value in totals(request.form, stored_rows(submission)).items():
            result[key] = result.get(key, Decimal(0)) + value
    return {k: v for k, v in result.items() if k in
            {c["key"] for c in columns(request.form) if c["type"] in NUMERIC}}


def default_date(request: ReportingRequest) -> dt.date:
    """Today — unless the period is long past: a report is dated no later than two months
    after its data cut-off by default (the office edits the date as issued)."""
    today = timezone.localdate()
    latest = request.window.until + dt.timedelta(days=60)
    return min(today, max(latest, request.deadline or latest))
