"""Plan pages: thin views over selectors (reads) and services (writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.forms import add_refusal
from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.core.search import search
from nscl.organisation.scope import reportable_units
from nscl.plans.permissions import can_use_plans

from . import selectors, services
from .forms import IndicatorValueForm, PlanForm
from .permissions import can_change_plan
from .progress import plan_progress


@login_required
@requires(can_use_plans)
def plan_list(request):
    filters = ListFilters(request.GET, years=YEARS,
                          placeholder=_("Tìm kế hoạch, không cần dấu: soc trang"))
    plans = selectors.plans_for(request.user, filters.query()).prefetch_related("phases")
    year = filters.number("year")
    if year is not None:
        plans = plans.filter(start_year__lte=year, end_year__gte=year)
    return render(request, "plans/plan_list.html", {
        "listing": paginate(request, plans.order_by("-issued_on", "-id")), "filters": filters})


@login_required
def plan_detail(request, pk):
    plan = selectors.plan_with_structure(selectors.plan_get(request.user, pk))
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "can_edit": can_change_plan(request.user, plan)})


@login_required
def plan_edit(request, pk):
    plan = selectors.plan_get(request.user, pk)
    require(can_change_plan(request.user, plan))
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        try:
            services.plan_update(plan=plan, actor=request.user, data=changes)
        except (ValidationError, PermissionDenied) as exc:  # the form again, values kept
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})


def _reportable_units(user, plan):
    return reportable_units(user, plan.province.province_path())


@login_required
def plan_progress_view(request, pk):
    plan = selectors.plan_get(request.user, pk)
    return _progress_page(request, plan)


def _progress_page(request, plan, form=None):
    """The progress page; `form`: the value the user just sent, refused, with its errors."""
    phases = list(plan.phases.all())
    phase = next((p for p in phases if str(p.pk) == request.GET.get("giai_doan")), None)
    phase = phase or (phases[0] if phases else None)
    rows = plan_progress(plan, phase) if phase else []
    filters = ListFilters(request.GET, years=YEARS, keep=("giai_doan",),
                          placeholder=_("Đơn vị báo số liệu — không cần dấu"))
    values = search(selectors.indicator_values_for(request.user).filter(indicator__plan=plan),
                    filters.query(), key="unit__search_key")
    if filters.number("year") is not None:
        values = values.filter(year=filters.number("year"))
    form = form or IndicatorValueForm(units=_reportable_units(request.user, plan), plan=plan)
    return render(request, "plans/plan_progress.html", {
        "plan": plan, "phases": phases, "phase": phase, "rows": rows, "filters": filters,
        "values": paginate(request, values.order_by("-year", "indicator__order", "pk")),
        "form": form, "can_enter": form.fields["unit"].queryset.exists()})



@login_required
@require_POST
def indicator_value_add(request, pk):
    plan = selectors.plan_get(request.user, pk)
    form = IndicatorValueForm(request.POST, units=_reportable_units(request.user, plan), plan=plan)
    if not form.is_valid():  # the page again: the messages by their fields, values kept
        return _progress_page(request, plan, form)
    data = form.cleaned_data
    try:
        services.indicator_value_record(
            indicator=data["indicator"], unit=data["unit"], year=data["year"],
            value=data["value"], source_note=data["source_note"], actor=request.user)
    except (ValueError, ValidationError, PermissionDenied) as exc:
        add_refusal(form, exc if not isinstance(exc, ValueError) else ValidationError(str(exc)))
        return _progress_page(request, plan, form)
    messages.success(request, _("Đã ghi số liệu “%(i)s”.") % {"i": data["indicator"].name})
    url = reverse("plans:plan_progress", args=[plan.pk])
    return redirect(f"{url}#chi-tieu-{data['indicator'].pk}")


@login_required
def plan_history(request, pk):
    plan = selectors.plan_get(request.user, pk)
    return render(request, "plans/plan_history.html", {
        "plan": plan, "listing": paginate(request, selectors.plan_history(request.user, plan))})
