"""Reporting requests: drafted by the program office with every element of a reporting regime
(Decree 09/2019/NĐ-CP, Article 6), issued only when none is missing — issuing creates the
expected submission of every unit it names, so completeness and lateness follow from the
records. A request can be copied from last year's, and recurring requests are made per period
from a template (`templates_due`, run daily by `nscl reporting_periods`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nscl.core.periods import AD_HOC, ANNUAL, Period
from nscl.core.permissions import require
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.names import unit_on
from nscl.workflow.services import event_record

from .. import outline as outlines
from ..choices import Audience, RequestKind
from ..events import ReportingVerb
from ..models import ReportingRequest, RequestTemplate, Submission
from ..permissions import can_manage_reporting
from ..table import check_form
from ..workflow import REQUEST_FLOW

NO_UNITS_CHOSEN = gettext_lazy("Chưa chọn đơn vị thực hiện báo cáo.")

ELEMENTS = ("name", "content", "kind", "frequency", "audience", "recipient", "method",
            "outline", "form")
FIELDS = (*ELEMENTS, "issuer", "number", "symbol", "issued_on", "subject", "basis",
          "period_from", "period_to", "data_from", "data_until", "deadline", "expires_on")
DEPARTMENT_KINDS = (UnitKind.DEPARTMENT, UnitKind.STATISTICS, UnitKind.ASSOCIATION,
                    UnitKind.COOP_ALLIANCE)


def _period_fields(period: Period) -> dict:
    return {"period_from": period.first, "period_to": period.last,
            "data_from": period.window.since, "data_until": period.window.until}


def request_create(*, plan, actor, units=(), **fields) -> ReportingRequest:
    """A draft request: the office's defaults (issuer and recipient the program office as it
    stands today, this year's annual period with its Decree 09 window), then `fields`."""
    require(can_manage_reporting(actor, plan))
    today = timezone.localdate()
    office = unit_on(plan.program_office, today) if plan.program_office else None
    defaults = {"issuer": office, "recipient": office, "kind": RequestKind.PERIODIC,
                "frequency": ANNUAL, **_period_fields(Period.of(ANNUAL, today.year))}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown request fields: {sorted(unknown)}")
    values = defaults | {k: v for k, v in fields.items() if v is not None}
    if values["issuer"] is None:
        raise ValidationError(_("Kế hoạch chưa có cơ quan điều hành: chọn đơn vị đề nghị."))
    with transaction.atomic():
        request = ReportingRequest(plan=plan, created_by=actor if getattr(actor, "pk", None)
                                   else None, **values)
        request.full_clean()
        request.save()
        request.listed_units.set(_listable(request, units))
        event_record(actor=actor, verb=ReportingVerb.REQUEST_CREATED, obj=request,
                     context=plan, after={"name": request.name or request.subject})
    return request


def _listable(request: ReportingRequest, units) -> list[Unit]:
    """Units a request may name: below the plan's province, not enterprises."""
    path = request.plan.province.province_path()
    chosen = list(units)
    wrong = [u for u in chosen if not u.path.startswith(path) or u.kind in
             (UnitKind.ENTERPRISE, UnitKind.PROVINCE, UnitKind.MINISTRY)]
    if wrong:
        raise ValidationError(_("Không thể yêu cầu %(u)s báo cáo theo công văn này.")
                              % {"u": ", ".join(u.name for u in wrong[:3])})
    return chosen


def request_update(*, request: ReportingRequest, actor, units=None, **fields) -> ReportingRequest:
    """Edit a draft (an issued request's elements no longer change)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown request fields: {sorted(unknown)}")

    def step(obj):
        before = {k: getattr(obj, k) for k in fields}
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.full_clean()
        if units is not None:
            obj.listed_units.set(_listable(obj, units))
        return {k: getattr(obj, k) for k in fields
                if k not in ("outline", "form") and getattr(obj, k) != before[k]}
    return REQUEST_FLOW.perform(request, "edit", actor, step)


def audience_units(request: ReportingRequest) -> QuerySet[Unit]:
    """The units that must report: all communes, all departments, both, or the listed ones —
    those of the plan's province in force on the request's date."""
    path = request.plan.province.province_path()
    day = request.issued_on or timezone.localdate()
    valid = (Q(valid_until__isnull=True) | Q(valid_until__gte=day)) & (
        Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    base = Unit.objects.filter(valid, path__startswith=path)
    if request.audience == Audience.COMMUNES:
        return base.filter(kind=UnitKind.COMMUNE)
    if request.audience == Audience.DEPARTMENTS:
        return base.filter(kind__in=DEPARTMENT_KINDS)
    if request.audience == Audience.ALL:
        return base.filter(kind__in=(*DEPARTMENT_KINDS, UnitKind.COMMUNE))
    return request.listed_units.all()


def request_problems(request: ReportingRequest) -> list[str]:
    """Every element Decree 09/2019 requires that the request lacks, and every inconsistency,
    in Vietnamese — empty when it may be issued."""
    missing = []
    named = {
        "name": _("tên báo cáo"), "content": _("nội dung yêu cầu báo cáo"),
        "number": _("số công văn"), "issued_on": _("ngày ban hành"),
        "subject": _("trích yếu"), "recipient": _("cơ quan nhận báo cáo"),
        "method": _("phương thức gửi, nhận báo cáo"), "deadline": _("thời hạn gửi báo cáo"),
        "frequency": _("tần suất báo cáo"), "period_from": _("kỳ báo cáo (từ ngày)"),
        "period_to": _("kỳ báo cáo (đến ngày)"), "data_from": _("thời gian chốt số liệu (từ)"),
        "data_until": _("thời gian chốt số liệu (đến)"),
    }
    for field, label in named.items():
        value = getattr(request, field)
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            missing.append(label)
    problems = [_("Còn thiếu: %(m)s.") % {"m": ", ".join(str(m) for m in missing)}] \
        if missing else []
    if not outlines.items(request.outline) or not request.outline:
        problems.append(_("Chưa có đề cương báo cáo."))
    problems += check_form(request.form)
    if request.pk and not audience_units(request).exists():
        problems.append(str(NO_UNITS_CHOSEN))
    if request.period_from and request.period_to and request.period_to < request.period_from:
        problems.append(_("Kỳ báo cáo kết thúc trước khi bắt đầu."))
    if request.data_from and request.data_until and request.data_until < request.data_from:
        problems.append(_("Ngày chốt số liệu trước ngày bắt đầu tính số liệu."))
    if request.deadline and request.issued_on and request.deadline < request.issued_on:
        problems.append(_("Hạn gửi báo cáo trước ngày ban hành công văn."))
    if request.expires_on and request.deadline and request.expires_on < request.deadline:
        problems.append(_("Hạn cuối nhận báo cáo muộn phải từ hạn gửi trở đi."))
    if request.kind == RequestKind.PERIODIC and request.frequency == AD_HOC:
        problems.append(_("Báo cáo định kỳ phải có tần suất năm, 6 tháng hoặc quý."))
    return problems


def request_issue(*, request: ReportingRequest, actor) -> ReportingRequest:
    """Issue the request: refused, naming what is missing, unless every element is there; each
    unit it names gets its expected submission at once."""
    def step(obj):
        problems = request_problems(obj)
        if problems:
            raise ValidationError(problems)
        units = list(audience_units(obj))
        Submission.objects.bulk_create([Submission(request=obj, unit=u) for u in units],
                                       ignore_conflicts=True)
        return {"name": obj.reference, "units": len(units)}
    return REQUEST_FLOW.perform(request, "issue", actor, step)


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _shift_text(text: str, first: int, last: int, years: int) -> str:
    """"… năm 2024" → "… năm 2025" (the period's years only, latest first)."""
    for year in sorted({first, last}, reverse=True):
        text = text.replace(str(year), str(year + years))
    return text


def request_copy(*, source: ReportingRequest, actor, years: int = 1) -> ReportingRequest:
    """Last year's request as this year's draft: the same elements, units, outline and form,
    its period, cut-off and dates moved on by `years`; no number until issued."""
    require(can_manage_reporting(actor, source.plan))
    period = source.period.shifted(years) if source.period else None
    first = source.period_from.year if source.period_from else 0
    last = source.period_to.year if source.period_to else 0
    fields = {name: getattr(source, name) for name in ELEMENTS}
    fields |= {"issuer": source.issuer, "symbol": source.symbol, "basis": "",
               "name": _shift_text(source.name, first, last, years),
               "subject": _shift_text(source.subject, first, last, years),
               "deadline": _shift(source.deadline, years),
               "expires_on": _shift(source.expires_on, years)}
    if period is not None:
        fields |= _period_fields(period)
    copy = request_create(plan=source.plan, actor=actor, units=source.listed_units.all(),
                          **fields)
    ReportingRequest.objects.filter(pk=copy.pk).update(copied_from=source)
    copy.copied_from = source
    return copy


def template_from_request(*, request: ReportingRequest, actor, name: str = ""
                          ) -> RequestTemplate:
    """Keep a periodic request's elements as the template of its series: the deadline and the
    late-acceptance days counted from the data cut-off."""
    require(can_manage_reporting(actor, request.plan))
    if request.frequency == AD_HOC or request.window is None:
        raise ValidationError(_("Chỉ lập mẫu định kỳ từ công văn có tần suất năm, 6 tháng hoặc "
                                "quý và có thời gian chốt số liệu."))
    deadline_days = max((request.deadline - request.window.until).days, 0) \
        if request.deadline else 5
    expiry_days = max((request.expires_on - request.deadline).days, 0) \
        if request.expires_on and request.deadline else 10
    label = request.period_label
    with transaction.atomic():
        template = RequestTemplate.objects.create(
            plan=request.plan, issuer=request.issuer, symbol=request.symbol,
            subject=request.subject.replace(label, "").strip(" ,.-–") or request.subject,
            basis="", deadline_days=deadline_days, expiry_days=expiry_days,
            **{k: getattr(request, k) for k in ELEMENTS} | {
                "name": name or request.name.replace(label, "").strip(" ,.-–") or request.name})
        template.listed_units.set(request.listed_units.all())
        event_record(actor=actor, verb=ReportingVerb.TEMPLATE_SAVED, obj=template,
                     context=request.plan, after={"name": template.name})
    return template


def request_from_template(*, template: RequestTemplate, year: int, part: int = 1, actor
                          ) -> ReportingRequest:
    """The draft request of one period of a recurring report (once per period)."""
    period = Period.of(template.frequency, year, part)
    existing = template.requests.filter(period_from=period.first).first()
    if existing is not None:
        return existing
    deadline = period.window.until + dt.timedelta(days=template.deadline_days)
    fields = {k: getattr(template, k) for k in ELEMENTS}
    fields |= {"name": f"{template.name} {period.label}",
               "subject": f"{template.subject} {period.label}", "issuer": template.issuer,
               "symbol": template.symbol, "basis": template.basis, "deadline": deadline,
               "expires_on": deadline + dt.timedelta(days=template.expiry_days),
               **_period_fields(period)}
    request = request_create(plan=template.plan, actor=actor,
                             units=template.listed_units.all(), **fields)
    ReportingRequest.objects.filter(pk=request.pk).update(template=template)
    request.template = template
    return request


def templates_due(today: dt.date, actor=None) -> list[ReportingRequest]:
    """For every template, the draft of the period whose data window contains `today` (the
    office then completes and issues it); returns those created now."""
    created = []
    for template in RequestTemplate.objects.select_related("plan__province", "issuer"):
        for part in range(1, 5):
            try:
                period = Period.of(template.frequency, today.year + (today.month == 12 and
                                                                     today.day >= 15), part)
            except ValueError:
                break
            if period.window.contains(today):
                if not template.requests.filter(period_from=period.first).exists():
                    created.append(request_from_template(
                        template=template, year=period.first.year, part=part, actor=actor))
                break
    return created
