"""Productivity pages: a plan's province growth accounting (parameters, years, phases,
sensitivity, chart, .xlsx) and enterprise productivity before and after support."""

from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from nscl.core import charts
from nscl.core.permissions import require
from nscl.core.xlsx import append_row
from nscl.plans.selectors import plan_get
from nscl.support.models import Outcome

from .accounting import (
    DISCRETE,
    FIXED,
    LOG,
    TORNQVIST,
    Parameters,
    method_label,
    period,
    sensitivity,
    yearly,
)
from .permissions import can_enter_series
from .series import SeriesError
from .services import series_import, stored_series


def _fraction(request, name: str, default: str, errors: list[str], message: str) -> Decimal:
    """A parameter strictly between 0 and 1, typed 0,4 or 0.4; the default, and the message
    among the errors, when it is not."""
    try:
        value = Decimal(request.GET.get(name, default).replace(",", "."))
        if Decimal(0) < value < Decimal(1):
            return value
    except InvalidOperation:
        pass
    errors.append(message)
    return Decimal(default.replace(",", "."))


def _params(request) -> tuple[Parameters, Decimal, list[str]]:
    errors = []
    alpha = _fraction(request, "alpha", "0,4", errors,
                      _("Hệ số α phải là số giữa 0 và 1, ví dụ 0,4."))
    depreciation = _fraction(request, "khau_hao", "0,05", errors,
                             _("Tỷ lệ khấu hao phải là số giữa 0 và 1, ví dụ 0,05."))
    method = DISCRETE if request.GET.get("cach_tinh") == DISCRETE else LOG
    tornqvist = request.GET.get("phuong_phap") == TORNQVIST or request.GET.get("tornqvist") == "1"
    return (Parameters(alpha=alpha, method=method, tornqvist=tornqvist), depreciation, errors)


def _analysis(plan, params, depreciation):
    series = stored_series(plan.province, depreciation)
    years = {d.year for d in series}
    phases = [(p, period(series, p.start_year - 1, p.end_year, params))
              for p in plan.phases.all() if {p.start_year - 1, p.end_year} <= years]
    return series, yearly(series, params), phases


def _waiting_phases(plan, phases) -> list:
    done = {p.pk for p, _r in phases}
    return [p for p in plan.phases.all() if p.pk not in done]


@login_required
def plan_tfp(request, plan_pk):
    plan = plan_get(request.user, plan_pk)
    params, depreciation, errors = _params(request)
    for error in errors:
        messages.error(request, error)
    try:
        series, rows, phases = _analysis(plan, params, depreciation)
    except SeriesError as exc:
        series, rows, phases = [], [], []
        for message in exc.messages:
            messages.error(request, message)
    sens = (sensitivity(series, phases[0][0].start_year - 1, phases[0][0].end_year, params)
            if phases else [])
    chart = charts.Chart("tfp", _("Đóng góp vào tăng trưởng GRDP (điểm %)"),
                         [r.label for r in rows],
                         [charts.Series(_("Vốn"), [r.capital_pp for r in rows]),
                          charts.Series(_("Lao động"), [r.labour_pp for r in rows]),
                          charts.Series("TFP", [r.tfp_pp for r in rows])], stacked=False)
    method = method_label(params, [*rows, *(p for _ph, p in phases)])
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(plan, rows, phases, method)
    if request.GET.get("xuat") == "png":
        response = HttpResponse(charts.png(chart), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="tfp-{plan.pk}.png"'
        return response
    return render(request, "productivity/plan_tfp.html", {
        "plan": plan, "params": params, "depreciation": depreciation, "series": series,
        "method": method, "TORNQVIST": TORNQVIST, "FIXED": FIXED,
        "rows": rows, "phases": phases, "sensitivity": sens,
        "waiting": _waiting_phases(plan, phases),
        "stored": plan.province.economic_years.order_by("year"),
        "chart": mark_safe(charts.svg(chart, width=760)) if rows else "",
        "can_enter": can_enter_series(request.user, plan.province),
        "enterprise": enterprise_productivity(plan), "query": request.GET.urlencode()})


@login_required
@require_POST
def plan_tfp_import(request, plan_pk):
    plan = plan_get(request.user, plan_pk)
    require(can_enter_series(request.user, plan.province))
    upload = request.FILES.get("file")
    if upload is None or not upload.name.lower().endswith((".csv", ".xlsx")):
        messages.error(request, _("Chọn tệp .csv hoặc .xlsx."))
    else:
        notes: list[str] = []
        try:
            count = series_import(province=plan.province, name=upload.name,
                                  content=upload.read(), actor=request.user,
                                  source=(request.POST.get("source") or upload.name)[:300],
                                  notes=notes)
        except SeriesError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã nhập số liệu %(n)s năm.") % {"n": count})
            for note in notes:
                messages.warning(request, note)
    return redirect("productivity:plan_tfp", plan_pk=plan.pk)


def enterprise_productivity(plan) -> list[dict]:
    """Revenue per worker before and after, by support category, from accepted outcomes."""
    outcomes = (Outcome.objects.filter(case__call_category__call__plan=plan, passed=True,
                                       revenue_before__isnull=False, revenue_after__isnull=False,
                                       workers_before__gt=0, workers_after__gt=0)
                .values("case__call_category__category__code", "revenue_before", "revenue_after",
                        "workers_before", "workers_after"))
    groups: dict[str, list] = {}
    for o in outcomes:
        groups.setdefault(o["case__call_category__category__code"], []).append(o)
    rows = []
    for code, items in sorted(groups.items()):
        before = sum(o["revenue_before"] for o in items) / sum(o["workers_before"] for o in items)
        after = sum(o["revenue_after"] for o in items) / sum(o["workers_after"] for o in items)
        rows.append({"category": code, "cases": len(items), "before": before, "after": after,
                     "change": (after / before - 1) * 100 if before else None})
    return rows


def _xlsx(plan, rows, phases, method: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Hạch toán tăng trưởng")
    append_row(sheet, [method])
    append_row(sheet, [
        _("Năm/giai đoạn"), _("Tăng GRDP (%)"), _("Tăng vốn (%)"), _("Tăng lao động (%)"), "α",
        _("Trọng số"), _("Đóng góp vốn (điểm %)"), _("Đóng góp lao động (điểm %)"),
        _("Đóng góp TFP (điểm %)"), _("TFP/tăng trưởng (%)"), _("Tăng NSLĐ (%)")])
    weights = {FIXED: _("cố định (TCTK)"), TORNQVIST: "Törnqvist", "mixed": _("hỗn hợp")}
    for r in [*rows, *(p for _ph, p in phases)]:
        values = [float(v) if v is not None else None for v in (
            r.output_growth, r.capital_growth, r.labour_growth, r.alpha)]
        values.append(weights[r.weights])
        values += [float(v) if v is not None else None for v in (
            r.capital_pp, r.labour_pp, r.tfp_pp, r.tfp_share, r.productivity_growth)]
        append_row(sheet, [r.label, *values])
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="tfp-{plan.pk}.xlsx"'
    return response
