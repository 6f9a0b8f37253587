"""A council's pages, thin over `services.councils`: "Hội đồng của tôi", the council's work
page, the conflict-of-interest declaration, the score by criteria, the chair's reopening of a
score, the secretary's minutes, the chair's conclusion and the office's reopening (each a
summary page, then a confirming POST), and the minutes as Word or PDF (a background job)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.params import int_param
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.support.permissions import can_use_council_list, can_use_councils
from nscl.workflow.confirmation import confirm_act, confirm_step, confirmed

from . import council_forms as forms
from . import selectors
from .choices import CouncilKind, CouncilStatus
from .minutes import DOCX, minutes_docx, minutes_file_name
from .models import CouncilMember, Score
from .permissions import (
    can_declare,
    can_read_minutes,
    can_reopen_score,
    can_score,
    can_see_council_results,
    is_chair,
    seat_of,
)
from .services import councils as steps
from .workflow import COUNCIL_FLOW, SCORE_SUBMIT, WorkflowError

FAILURES = (WorkflowError, ValidationError, PermissionDenied)


def _refusal(request, exc, form=None) -> None:
    """A refusal in Vietnamese; field errors go next to their field when there is a form."""
    if isinstance(exc, ValidationError) and form is not None and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text or _("Bạn không có quyền thực hiện bước này."))


def _council_filters(request, **extra) -> ListFilters:
    return ListFilters(request.GET, years=YEARS, statuses=CouncilStatus.choices,
                       categories=CouncilKind.choices, names={"category": "loai"},
                       labels={"category": _("Loại hội đồng"), "year": _("Năm quyết định")},
                       empties={"category": _("Mọi loại hội đồng")},
                       placeholder=_("Tên hội đồng, số quyết định…"), **extra)


def _filtered(councils, filters, plan=None):
    return selectors.council_list(councils, year=filters.number("year"),
                                  status=filters.value("status"),
                                  kind=filters.value("category"), query=filters.query(),
                                  plan=plan)


@login_required
@requires(can_use_councils)
def my_councils(request):
    """Hội đồng của tôi: each council the user sits on, with what waits for them there
    (counted for the councils of the page shown, in a fixed number of queries)."""
    filters = _council_filters(request)
    listing = paginate(request, _filtered(selectors.my_councils(request.user), filters))
    councils = list(listing.rows)
    prefetch_related_objects(councils, "selection_cases", "acceptance_cases")
    seats = {}
    for seat in (CouncilMember.objects.filter(user=request.user, council__in=councils)
                 .prefetch_related("declarations", "scores").order_by("pk")):
        seats.setdefault(seat.council_id, seat)  # `seat_of`: the first seat
    rows = []
    for council in councils:
        seat = seats[council.pk]
        cases = list(council.selection_cases.all() if council.kind == "selection"
                     else council.acceptance_cases.all())
        declared = {d.case_id: d for d in seat.declarations.all()}
        scored = {s.case_id for s in seat.scores.all()}
        working = [c for c in cases if c.status in {"under_review", "awaiting_acceptance"}]
        rows.append({"council": council, "seat": seat, "cases": len(cases),
                     "to_declare": sum(c.pk not in declared for c in working),
                     "to_score": sum(c.pk in declared and not declared[c.pk].has_conflict
                                     and c.pk not in scored and c.status == "under_review"
                                     for c in working)})
    return render(request, "support/my_councils.html", {
        "rows": rows, "listing": listing, "filters": filters})


@login_required
@requires(can_use_council_list)
def council_list(request):
    """Every council of the plans the user oversees, working or concluded, newest first."""
    filters = _council_filters(request, keep=("ke_hoach",))
    councils = _filtered(selectors.councils_for(request.user), filters,
                         plan=int_param(request.GET, "ke_hoach"))
    return render(request, "support/council_list.html", {
        "listing": paginate(request, councils.prefetch_related("members__user")
                            .order_by("-decision_date", "-pk")),
        "filters": filters})


def _case_rows(user, council, seat):
    cases = (council.selection_cases if council.kind == "selection"
             else council.acceptance_cases).select_related(
        "beneficiary", "call_category__category").order_by("code")
    declared = {d.case_id: d for d in seat.declarations.all()} if seat else {}
    scores = {s.case_id: s for s in seat.scores.all()} if seat else {}
    return [{"case": c, "declaration": declared.get(c.pk), "score": scores.get(c.pk)}
            for c in cases]


@login_required
def council_detail(request, pk):
    council = selectors.council_get(request.user, pk)
    seat = seat_of(request.user, council)
    sees = can_see_council_results(request.user, council)
    proposal = (steps.selection_proposal(council) if sees and council.kind == "selection"
                and council.status == "formed" else [])
    submitted = (Score.objects.filter(case__selection_council=council)
                 .select_related("member__user", "case").order_by("case__code", "member_id")
                 if is_chair(request.user, council) and council.status == "formed" else [])
    return render(request, "support/council_detail.html", {
        "council": council, "seat": seat, "rows": _case_rows(request.user, council, seat),
        "members": council.members.select_related("user"), "sees_results": sees,
        "hidden_reason": sees.reason, "proposal": proposal, "result": council.result,
        "submitted": submitted, "reopen_form": forms.ReasonForm(prefix="reopen"),
        "can_record": COUNCIL_FLOW.may(request.user, council, "record_minutes"),
        "can_conclude": COUNCIL_FLOW.may(request.user, council, "conclude"),
        "can_reopen": COUNCIL_FLOW.may(request.user, council, "reopen"),
        "can_read_minutes": council.status == "concluded" and
        can_read_minutes(request.user, council)})


@login_required
def case_declare(request, pk):
    """Before opening an application: no conflict of interest, or one (and out of the case)."""
    case = selectors.case_get(request.user, pk)
    decision = can_declare(request.user, case)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = forms.DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conflict = form.cleaned_data["answer"] == "yes"
        try:
            steps.conflict_declare(case=case, actor=request.user, has_conflict=conflict,
                                   relation=form.cleaned_data["relation"])
        except FAILURES as exc:
            _refusal(request, exc, form)
        else:
            if conflict:
                messages.success(request, _("Đã ghi: bạn không tham gia xem xét hồ sơ %(c)s.")
                                 % {"c": case.code})
                return redirect("support:my_councils")
            messages.success(request, _("Đã ghi cam kết không xung đột lợi ích với hồ sơ "
                                        "%(c)s.") % {"c": case.code})
            if can_score(request.user, case) and case.status == "under_review":
                return redirect("support:case_score", pk=case.pk)
            return redirect("support:case_detail", pk=case.pk)
    return render(request, "support/case_declare.html", {"case": case, "form": form})


@login_required
def case_score(request, pk):
    """The score by the plan's (or call's) criteria: points within each maximum, a comment
    each; the total is computed. Submitted once, after a summary of the points to confirm
    (`SCORE_SUBMIT`); "Sửa lại" on the summary brings the form back with every value."""
    case = selectors.case_get(request.user, pk)
    decision = can_score(request.user, case)
    if not decision:
        if can_declare(request.user, case):
            return redirect("support:case_declare", pk=case.pk)
        raise PermissionDenied(decision.reason)
    seat = seat_of(request.user, case.selection_council)
    submitted = seat.scores.filter(case=case).prefetch_related("items__criterion").first()
    form = forms.ScoreForm(request.POST or None, criteria=steps.criteria_for(case))
    max_total = sum(c.max_points for c in form.criteria)
    if (request.method == "POST" and submitted is None and form.is_valid()
            and EDIT_AGAIN not in request.POST):
        page = _score_summary(request, case, form, seat, max_total)
        if page is not None:
            return page
        try:
            score = steps.score_record(case=case, actor=request.user, items=form.items(),
                                       comment=form.cleaned_data["comment"])
        except FAILURES as exc:
            _refusal(request, exc, form)
        else:
            messages.success(request, _("Đã nộp phiếu chấm hồ sơ %(c)s: %(p)s điểm.")
                             % {"c": case.code, "p": score.points})
            return redirect("support:council_detail", pk=case.selection_council_id)
    return render(request, "support/case_score.html", {
        "case": case, "form": form, "submitted": submitted,
        "council": case.selection_council, "max_total": max_total})


EDIT_AGAIN = "sua_lai"  # the summary's "edit again": the form with what was typed


def _score_summary(request, case, form, seat, max_total):
    """The confirmation of a score: points per criterion with its maximum and comment, the
    total, and that it cannot be changed afterwards unless the chair reopens it."""
    items = form.items()
    rows = [(c, items[c.pk][0], items[c.pk][1]) for c in form.criteria]
    total = sum(points for _c, points, _t in rows)
    back = reverse("support:council_detail", args=[case.selection_council_id])
    return confirm_act(
        request, SCORE_SUBMIT, case, back=back, template="support/score_confirm.html",
        subject=_("Phiếu chấm hồ sơ %(c)s của %(m)s") % {"c": case, "m": seat.user},
        facts=[(_("Hội đồng"), case.selection_council.name),
               (_("Tổng điểm"), f"{total}/{max_total}"),
               *([(_("Nhận xét chung"), form.cleaned_data["comment"])]
                 * bool(form.cleaned_data["comment"]))],
        extra={"rows": rows, "total": total, "max_total": max_total, "case": case,
               "edit_again": EDIT_AGAIN})


@login_required
@require_POST
def score_reopen(request, pk):
    """The chair reopens one member's submitted score, with a reason."""
    council = selectors.council_get(request.user, pk)
    case = get_object_or_404(council.selection_cases.all(), pk=int_param(request.POST, "case"))
    member = get_object_or_404(council.members.all(), pk=int_param(request.POST, "member"))
    form = forms.ReasonForm(request.POST, prefix="reopen")
    try:
        require(can_reopen_score(request.user, case))
        if not form.is_valid():
            raise ValidationError(_("Ghi lý do mở lại phiếu chấm."))
        steps.score_reopen(case=case, member=member, actor=request.user,
                           reason=form.cleaned_data["reason"])
    except FAILURES as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Đã mở lại phiếu chấm của %(m)s cho hồ sơ %(c)s.")
                         % {"m": member.user, "c": case.code})
    return redirect("support:council_detail", pk=council.pk)


@login_required
def minutes_edit(request, pk):
    """The secretary records the meeting: date, place, what was said."""
    council = selectors.council_get(request.user, pk)
    require(COUNCIL_FLOW.may(request.user, council, "record_minutes"))
    form = forms.MinutesForm(request.POST or None, initial={
        "meeting_on": council.meeting_on, "meeting_place": council.meeting_place,
        "minutes": council.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            steps.minutes_record(council=council, actor=request.user, **form.cleaned_data)
        except FAILURES as exc:
            _refusal(request, exc, form)
        else:
            messages.success(request, _("Đã ghi biên bản họp hội đồng."))
            return redirect("support:council_detail", pk=council.pk)
    return render(request, "support/council_minutes_edit.html",
                  {"council": council, "form": form})


@login_required
def council_conclude(request, pk):
    """The chair's conclusion: a summary of what will happen, then the confirming POST."""
    council = selectors.council_get(request.user, pk)
    require(COUNCIL_FLOW.may(request.user, council, "conclude"))
    back = reverse("support:council_detail", args=[council.pk])
    page = confirm_step(request, COUNCIL_FLOW, "conclude", council, back=back,
                        template="support/council_confirm.html", extra={
                            "proposal": steps.selection_proposal(council),
                            "missing": steps.missing_scores(council)})
    if page is not None:
        return page
    try:
        proposals = steps.council_conclude(council=council, actor=request.user)
    except FAILURES as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Hội đồng đã kết luận: %(p)s/%(n)s hồ sơ được đề xuất; "
                                    "biên bản đã sẵn sàng.")
                         % {"p": sum(p.proposed for p in proposals), "n": len(proposals)})
    return redirect(back)


@login_required
def council_reopen(request, pk):
    """The program office reopens a concluded council, with a reason: summary, then POST."""
    council = selectors.council_get(request.user, pk)
    require(COUNCIL_FLOW.may(request.user, council, "reopen"))
    form = forms.ReasonForm(request.POST or None)
    back = reverse("support:council_detail", args=[council.pk])
    if confirmed(request) and form.is_valid():
        try:
            steps.council_reopen(council=council, actor=request.user,
                                 reason=form.cleaned_data["reason"])
        except FAILURES as exc:
            _refusal(request, exc, form)
        else:
            messages.success(request, _("Đã mở lại hội đồng; lý do đã được lưu."))
            return redirect(back)
    return confirm_step(request, COUNCIL_FLOW, "reopen", council, back=back, form=form,
                        template="support/council_confirm.html", again=True)


@login_required
def council_minutes(request, pk, fmt):
    """The minutes (BIÊN BẢN) of a concluded council, as Word now or as PDF through a job."""
    if fmt not in {"docx", "pdf"}:
        raise Http404
    council = selectors.council_get(request.user, pk)
    if council.status != "concluded" or not can_read_minutes(request.user, council):
        raise Http404  # no minutes yet, or not theirs to read: as if there were none
    if fmt == "pdf":  # LibreOffice takes seconds: a job, whose page gives the file
        from .jobs import minutes_pdf_start

        return redirect("jobs:job_detail", pk=minutes_pdf_start(council=council,
                                                                actor=request.user).pk)
    response = HttpResponse(minutes_docx(council), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{minutes_file_name(council)}.docx"'
    return response
