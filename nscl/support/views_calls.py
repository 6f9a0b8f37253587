"""Call pages: a call's own page (what it offers, until when, which documents, its
applications), its edit, early close and extension; the calls open to the signed-in user.
Thin views: reads through selectors (out of scope = 404), writes through `services.calls`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.params import int_param
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.organisation.scope import communes_for
from nscl.support.permissions import can_use_call_list, can_use_open_calls
from nscl.workflow.confirmation import confirm_step

from . import forms, selectors
from .choices import CallStatus, CaseStatus
from .permissions import can_manage_support, can_start_application
from .services import calls as services
from .workflow import CALL_FLOW, WorkflowError

FAILURES = (ValidationError, PermissionDenied, WorkflowError)


def _errors(request, exc) -> None:
    for text in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        messages.error(request, text)


@login_required
def call_detail(request, pk):
    call = selectors.call_get(request.user, pk)
    now = timezone.now()
    may = {action: bool(CALL_FLOW.may(request.user, call, action))
           for action in ("edit", "close", "extend")}
    may["edit"] = may["edit"] and now <= call.closes_at.replace(second=59)
    filters = ListFilters(request.GET, statuses=CaseStatus.choices, categories=CATEGORIES,
                          communes=communes_for(request.user),
                          placeholder=_("Tên, mã số thuế, nội dung…"))
    applications = selectors.call_cases(request.user, call)
    has_cases = applications.exists()
    cases = paginate(request, selectors.case_list_filter(
        applications.select_related("beneficiary"), status=filters.value("status"),
        category=filters.value("category"), commune=filters.number("commune"),
        query=filters.query()))
    return render(request, "support/call_detail.html", {
        "call": call, "plan": call.plan, "open_now": call.is_open_at(now), "may": may, "now": now,
        "categories": call.categories.select_related("category", "budget_line__appendix"),
        "cases": cases, "filters": filters, "has_cases": has_cases,
        "can_apply": call.is_open_at(now) and bool(can_start_application(request.user)),
        "manages": bool(can_manage_support(request.user, call.plan)),
        "extend_form": forms.CallExtendForm(prefix="extend")})


@login_required
def call_edit(request, pk):
    call = selectors.call_get(request.user, pk)
    require(CALL_FLOW.may(request.user, call, "edit"))
    initial = {name: getattr(call, name) for name in services.EDITABLE}
    initial["opens_at"] = timezone.localtime(call.opens_at)
    form = forms.CallEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(call=call, actor=request.user, **form.cleaned_data)
        except FAILURES as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Đã lưu thay đổi của đợt."))
            return redirect("support:call_detail", pk=call.pk)
    return render(request, "support/call_edit.html", {"call": call, "form": form})


@login_required
@require_POST
def call_close(request, pk):
    call = selectors.call_get(request.user, pk)
    page = confirm_step(request, CALL_FLOW, "close", call, back=call.get_absolute_url())
    if page is not None:
        return page
    try:
        services.call_close(call=call, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã đóng đợt “%(t)s”.") % {"t": call.title})
    return redirect("support:call_detail", pk=call.pk)


@login_required
def call_extend(request, pk):
    call = selectors.call_get(request.user, pk)
    require(CALL_FLOW.may(request.user, call, "extend"))
    form = forms.CallExtendForm(request.POST or None, prefix="extend")
    if request.method == "POST" and form.is_valid():
        try:
            services.call_extend(call=call, actor=request.user,
                                 deadline=form.cleaned_data["closes_at"],
                                 reason=form.cleaned_data["reason"])
        except FAILURES as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Đã gia hạn đợt “%(t)s”.") % {"t": call.title})
            return redirect("support:call_detail", pk=call.pk)
    return render(request, "support/call_extend.html", {"call": call, "form": form})


CATEGORIES = [(c, c) for c in ("5.1", "5.2", "5.3", "5.4")]


@login_required
@requires(can_use_open_calls)
def calls_open(request):
    """The calls taking applications now where the user is, with their deadlines and the
    documents to attach; closed calls are not offered. Searched, filtered and paged."""
    filters = ListFilters(request.GET, years=YEARS, categories=CATEGORIES,
                          placeholder=_("Tên đợt, nội dung hỗ trợ…"))
    calls = selectors.call_list(selectors.open_calls_for(request.user),
                                year=filters.number("year"), category=filters.value("category"),
                                query=filters.query())
    return render(request, "support/calls_open.html", {
        "listing": paginate(request, calls.order_by("closes_at", "pk")), "filters": filters,
        "can_apply": bool(can_start_application(request.user)),
        "sees_all": bool(can_use_call_list(request.user))})


@login_required
@requires(can_use_call_list)
def call_list(request):
    """Every call of the plans the user oversees, open or closed, newest first."""
    filters = ListFilters(request.GET, years=YEARS, statuses=CallStatus.choices,
                          categories=CATEGORIES, keep=("ke_hoach",),
                          placeholder=_("Tên đợt, nội dung hỗ trợ…"))
    calls = selectors.call_list(selectors.calls_for(request.user), year=filters.number("year"),
                                status=filters.value("status"),
                                category=filters.value("category"), query=filters.query(),
                                plan=int_param(request.GET, "ke_hoach"))
    return render(request, "support/call_list.html", {
        "listing": paginate(request, calls.prefetch_related("categories__category")
                            .order_by("-year", "-opens_at", "-pk")),
        "filters": filters})
