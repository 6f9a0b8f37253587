"""Reporting pages: the home page and requests (drafted with every Decree 09 element, issued,
copied, made from a template)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.params import int_param
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.organisation.models import Unit
from nscl.organisation.scope import communes_for
from nscl.reporting.permissions import can_use_reporting
from nscl.workflow.confirmation import confirm_step

from .. import outline as outlines
from .. import selectors, services
from ..choices import SubmissionStatus
from ..forms import (
    ReopenForm,
    RequestForm,
)
from ..permissions import can_compare_provinces, can_manage_reporting
from ..table import columns
from ..workflow import REPORT_FLOW, REQUEST_FLOW
from .common import FAILURES, _errors


@login_required
@requires(can_use_reporting)
def inbox(request):
    plans = list(selectors.plans_to_report_on(request.user).order_by("start_year"))
    filters = ListFilters(request.GET, years=YEARS, statuses=SubmissionStatus.choices,
                          communes=communes_for(request.user), names={"commune": "don_vi"},
                          labels={"commune": _("Xã, phường gửi")},
                          placeholder=_("Đơn vị, số công văn — không cần dấu"))
    submissions = selectors.submission_list(
        request.user, query=filters.query(), year=filters.number("year"),
        status=filters.value("status"), unit=filters.number("commune"))
    return render(request, "reporting/inbox.html", {
        "requests": paginate(request, selectors.requests_for(request.user)
                             .order_by("-created_at", "-pk"), param="trang_cv"),
        "templates": selectors.templates_for(request.user) if plans else [],
        "plans": plans, "year": timezone.localdate().year,
        "listing": paginate(request, submissions), "filters": filters,
        "sent": selectors.sent_reports(request.user),
        "can_compare": can_compare_provinces(request.user)})


# --- requests ------------------------------------------------------------------------------------

def _request_form(request, req, data=None):
    path = req.plan.province.province_path()
    units = Unit.objects.filter(path__startswith=path, valid_until__isnull=True).exclude(
        kind__in=("enterprise", "province", "ministry", "commune")).order_by("name")
    communes = Unit.objects.filter(path__startswith=path, kind="commune").order_by("name")
    listed = req.listed_units.all() if req.pk else Unit.objects.none()
    return RequestForm(data, initial=RequestForm.initial_for(req),
                       units=(units | communes.filter(pk__in=listed) | listed).distinct()
                       .order_by("kind", "name"),
                       recipients=Unit.objects.filter(path__startswith=path, kind="department",
                                                      valid_until__isnull=True).order_by("name"))


@login_required
@require_POST
def request_new(request):
    """A new draft for one of the office's plans (then edited on its own page)."""
    plans = selectors.plans_to_report_on(request.user)
    if not plans.exists():
        raise PermissionDenied(_("Chỉ cơ quan điều hành Chương trình soạn công văn đề nghị báo "
                                 "cáo."))
    plan = plans.filter(pk=int_param(request.POST, "ke_hoach")).first()
    if plan is None:
        messages.error(request, _("Chọn kế hoạch của công văn."))
        return redirect("reporting:inbox")
    try:
        req = services.request_create(plan=plan, actor=request.user,
                                      name=request.POST.get("name", "")[:300].strip())
    except FAILURES as exc:
        _errors(request, exc)
        return redirect("reporting:inbox")
    return redirect("reporting:request_edit", pk=req.pk)


@login_required
def request_edit(request, pk):
    req = selectors.request_get(request.user, pk)
    require(REQUEST_FLOW.may(request.user, req, "edit"))
    form = _request_form(request, req, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(request=req, actor=request.user,
                                    units=form.cleaned_data["units"], **form.request_fields())
        except FAILURES as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo công văn."))
            return redirect("reporting:request_detail", pk=req.pk)
    return render(request, "reporting/request_edit.html", {"req": req, "form": form})


@login_required
def request_detail(request, pk):
    req = selectors.request_get(request.user, pk)
    report = getattr(req, "report", None) if req.is_issued else None
    manage = bool(can_manage_reporting(request.user, req.plan))
    return render(request, "reporting/request_detail.html", {
        "req": req, "rows": selectors.completeness(req) if req.is_issued else [],
        "problems": services.request_problems(req) if not req.is_issued else [],
        "audience_count": services.audience_units(req).count() if not req.is_issued else 0,
        "can_edit": REQUEST_FLOW.may(request.user, req, "edit"),
        "can_issue": REQUEST_FLOW.may(request.user, req, "issue"),
        "issue_confirm": REQUEST_FLOW.by_action["issue"].confirm,
        "can_manage": manage,
        "can_build": manage and req.is_issued and (
            report is None or REPORT_FLOW.may(request.user, report, "build")),
        "report": report, "reopen_form": ReopenForm(),
        "outline": outlines.numbered(req.outline), "columns": columns(req.form)})


@login_required
@require_POST
def request_issue(request, pk):
    req = selectors.request_get(request.user, pk)
    page = confirm_step(request, REQUEST_FLOW, "issue", req,
                        back=reverse("reporting:request_detail", args=[req.pk]))
    if page is not None:
        return page
    try:
        services.request_issue(request=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã ban hành công văn %(r)s.") % {"r": req.reference})
    return redirect("reporting:request_detail", pk=req.pk)


@login_required
@require_POST
def request_copy(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        copy = services.request_copy(source=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
        return redirect("reporting:request_detail", pk=req.pk)
    messages.success(request, _("Đã sao chép thành dự thảo của kỳ sau; kiểm tra và ban hành."))
    return redirect("reporting:request_edit", pk=copy.pk)


@login_required
@require_POST
def template_save(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        template = services.template_from_request(request=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã lưu mẫu “%(n)s”: công văn các kỳ sau được tạo từ mẫu "
                                    "này.") % {"n": template.name})
    return redirect("reporting:request_detail", pk=req.pk)


@login_required
@require_POST
def template_make(request, pk):
    template = selectors.templates_for(request.user).filter(pk=pk).first()
    if template is None:
        raise Http404
    year = int_param(request.POST, "year", low=2000, high=2100)
    part = int_param(request.POST, "part", low=1, high=4) or 1
    if year is None:
        messages.error(request, _("Ghi năm của kỳ báo cáo."))
        return redirect("reporting:inbox")
    try:
        req = services.request_from_template(template=template, year=year, part=part,
                                             actor=request.user)
    except (*FAILURES, ValueError) as exc:
        _errors(request, exc if not isinstance(exc, ValueError) else ValidationError(
            _("Kỳ không hợp lệ với tần suất của mẫu.")))
        return redirect("reporting:inbox")
    return redirect("reporting:request_edit", pk=req.pk)
