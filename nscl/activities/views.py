"""Activity pages: the event list and page (attendance import), a new event, experts, awards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.activities.permissions import can_use_events
from nscl.budget.models import BudgetLine
from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.params import int_param, window_param
from nscl.core.permissions import require, requires
from nscl.core.search import search
from nscl.jobs.imports import import_inline, import_start
from nscl.organisation.scope import restrict, units_for
from nscl.plans.selectors import plan_get, plans_for

from . import selectors
from .choices import EventKind, ParticipantKind
from .forms import AttendanceForm, AwardForm, EventForm, ExpertForm
from .permissions import can_import_attendance, can_record_people
from .services.events import (
    AttendanceImportError,
    attendance_import,
    award_record,
    event_create,
    expert_record,
)


@login_required
@requires(can_use_events)
def event_list(request):
    filters = ListFilters(request.GET, categories=EventKind.choices, years=YEARS,
                          names={"category": "kind"}, labels={"category": _("Loại hoạt động")},
                          keep=("ke_hoach", "chi_phi", "tu", "den"),
                          placeholder=_("Tên, địa điểm, đơn vị phối hợp"))
    window = window_param(request.GET)
    events = selectors.event_list(request.user, kind=request.GET.get("kind", ""),
                                  year=filters.number("year"), query=filters.query(),
                                  plan=int_param(request.GET, "ke_hoach"),
                                  window=window, costed=request.GET.get("chi_phi") == "1")
    return render(request, "activities/event_list.html", {
        "listing": paginate(request, events), "filters": filters, "window": window,
        "costed": request.GET.get("chi_phi") == "1"})


@login_required
def event_detail(request, pk):
    event = selectors.event_get(request.user, pk)
    filters = ListFilters(request.GET, categories=ParticipantKind.choices,
                          names={"category": "doi_tuong"},
                          labels={"category": _("Đối tượng tham dự")},
                          empties={"category": _("Mọi đối tượng")},
                          placeholder=_("Họ tên, đơn vị công tác"))
    attendances = selectors.attendance_of(request.user, event)
    has_attendance = attendances.exists()
    attendances = search(attendances, filters.query(), key="participant__search_key")
    if filters.value("category"):
        attendances = attendances.filter(participant__kind=filters.value("category"))
    return render(request, "activities/event_detail.html", {
        "event": event, "form": AttendanceForm(), "filters": filters,
        "listing": paginate(request, attendances.order_by("participant__full_name", "pk")),
        "has_attendance": has_attendance,
        "can_import": can_import_attendance(request.user, event)})


@login_required
@require_POST
def event_attendance(request, pk):
    event = selectors.event_get(request.user, pk)
    form = AttendanceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if not import_inline(upload.size):  # a big sheet: a worker imports it
            require(can_import_attendance(request.user, event))
            job = import_start(kind="attendance_import", content=upload.read(),
                               scope=f"event:{event.pk}", actor=request.user,
                               params={"event": event.pk})
            return redirect("jobs:job_detail", pk=job.pk)
        try:
            added = attendance_import(event=event, content=upload.read(), actor=request.user)
        except AttendanceImportError as exc:
            return render(request, "activities/import_errors.html", {
                "event": event, "errors": exc.errors}, status=422)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã ghi %(n)s lượt tham dự.") % {"n": added})
    return redirect("activities:event_detail", pk=event.pk)


@login_required
def event_new(request):
    plans = plans_for(request.user)
    organisers = units_for(request.user).exclude(kind="enterprise").order_by("path")
    lines = restrict(BudgetLine.objects.filter(appendix__plan__in=plans), request.user) \
        .exclude(code="").select_related("appendix__plan")
    form = EventForm(request.POST or None, plans=plans, organisers=organisers, lines=lines)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = event_create(actor=request.user, **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Đã ghi hoạt động “%(t)s”.") % {"t": event.title})
            return redirect("activities:event_detail", pk=event.pk)
    return render(request, "activities/event_new.html", {"form": form})


@login_required
def plan_people(request, plan_pk):
    """A plan's productivity experts and National Quality Award entries."""
    plan = plan_get(request.user, plan_pk)
    can_edit = can_record_people(request.user, plan)
    expert_form = ExpertForm(request.POST if "expert" in request.POST else None, prefix="e")
    award_form = AwardForm(request.POST if "award" in request.POST else None, prefix="a")
    if request.method == "POST":
        require(can_edit)
        form, service = ((expert_form, expert_record) if "expert" in request.POST
                         else (award_form, award_record))
        if form.is_valid():
            try:
                service(plan=plan, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã ghi."))
                return redirect("activities:plan_people", plan_pk=plan.pk)
    window = window_param(request.GET)
    experts = plan.experts.select_related("course").order_by("certified_on", "pk")
    if window is not None:
        experts = experts.filter(certified_on__gte=window.since, certified_on__lte=window.until)
    return render(request, "activities/plan_people.html", {
        "plan": plan, "experts": experts, "window": window,
        "awards": plan.award_entries.all(), "can_edit": can_edit,
        "expert_form": expert_form, "award_form": award_form})
