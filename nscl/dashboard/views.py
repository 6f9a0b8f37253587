"""The plan dashboard page and its charts as PNG downloads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from nscl.core import charts
from nscl.core.params import int_param, window_param
from nscl.core.periods import ANNUAL, Period
from nscl.core.permissions import require
from nscl.organisation.choices import UnitKind
from nscl.organisation.scope import units_for
from nscl.plans.selectors import plan_get, plans_for

from .permissions import can_use_dashboard
from .selectors import Filters, build


@login_required
def dashboard_home(request):
    """Bảng điều khiển: the dashboard of the newest plan the user reads (the plans when none)."""
    require(can_use_dashboard(request.user))
    plan = plans_for(request.user).order_by("-end_year", "-start_year", "-pk").first()
    if plan is None:
        return redirect("plans:plan_list")
    return redirect("dashboard:plan_dashboard", pk=plan.pk)


def _filters(request, plan) -> Filters:
    year = int_param(request.GET, "nam", low=plan.start_year, high=plan.end_year)
    unit_id, phase_id = int_param(request.GET, "don_vi"), int_param(request.GET, "giai_doan")
    phase = plan.phases.filter(pk=phase_id).first() if phase_id is not None else None
    unit = units_for(request.user).filter(pk=unit_id).first() if unit_id is not None else None
    window, years = window_param(request.GET), None
    period_year = int_param(request.GET, "ky", low=plan.start_year, high=plan.end_year)
    if period_year is not None:  # "kỳ số liệu năm 2024": the Decree 09 annual window
        window, years = Period.of(ANNUAL, period_year).window, (period_year, period_year)
    elif window is not None:
        first, last = int_param(request.GET, "nam_dau", low=1900, high=2200), int_param(
            request.GET, "nam_cuoi", low=1900, high=2200)
        years = (first, last) if first and last and first <= last else None
    return Filters(year=year, unit=unit, phase=phase, window=window, years=years)


def _unit_choices(request, plan):
    """The province's departments, associations and communes the user may see."""
    return (units_for(request.user).filter(path__startswith=plan.province.province_path())
            .exclude(kind__in=[UnitKind.ENTERPRISE, UnitKind.PROVINCE]).only("pk", "name")
            .order_by("name"))


@login_required
def plan_dashboard(request, pk):
    plan = plan_get(request.user, pk)
    board = build(plan, _filters(request, plan), request.user)
    achieved = sum(row.progress.pace == "achieved" for row in board.indicators)
    return render(request, "dashboard/plan_dashboard.html", {
        "plan": plan, "board": board, "achieved": f"{achieved}/{len(board.indicators)}",
        "phases": plan.phases.all(), "years": range(plan.start_year, plan.end_year + 1),
        "units": _unit_choices(request, plan),
        "svgs": {key: mark_safe(charts.svg(chart)) for key, chart in board.charts.items()}})


@login_required
def chart_png(request, pk, key):
    plan = plan_get(request.user, pk)
    chart = build(plan, _filters(request, plan), request.user).charts.get(key)
    if chart is None:
        raise Http404
    response = HttpResponse(charts.png(chart), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="bieu-do-{key}-{plan.pk}.png"'
    return response
