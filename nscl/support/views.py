"""Support pages: thin views over selectors and services. Every case step posts to one view,
which finds the step's form and service in `STEPS` and reports refusals in Vietnamese."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.budget.models import BudgetLine
from nscl.core.forms import add_refusal
from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.numbers import MalformedNumber, format_vn_number, parse_vn_number
from nscl.core.params import int_param, window_param
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.enterprises.selectors import beneficiaries_for
from nscl.organisation.scope import communes_for
from nscl.plans.selectors import plan_get
from nscl.support.permissions import can_use_cases
from nscl.workflow.confirmation import confirm_step, facts_from_form

from . import forms, selectors
from .choices import CaseStatus
from .models import CaseNote
from .permissions import (
    can_attach_document,
    can_declare,
    can_manage_support,
    can_open_case,
    can_see_scores,
    can_start_application,
    can_use_call_list,
)
from .services import cases as steps
from .services.catalogue import categories_ensure
from .workflow import CASE_FLOW, WorkflowError

CASE_CATEGORIES = ("5.1", "5.2", "5.3", "5.4")


def _note(kind):
    return lambda case, user, d: steps.note_record(case=case, actor=user, kind=kind, **d)


STEPS = {
    "screen": (None, lambda case, user, d: steps.case_screen(case=case, actor=user)),
    "assign_selection": (forms.SelectionCouncilForm, lambda case, user, d:
                         steps.case_assign_selection(case=case, actor=user, **d)),
    "sign_contract": (forms.ContractForm, lambda case, user, d:
                      steps.contract_sign(case=case, actor=user, **d)),
    "report_progress": (forms.NoteForm, _note(CaseNote.Kind.PROGRESS)),
    "monitor": (forms.NoteForm, _note(CaseNote.Kind.VISIT)),
    "amend": (forms.AmendForm, lambda case, user, d:
              steps.contract_extend(case=case, actor=user, **d)),
    "request_acceptance": (forms.AcceptanceRequestForm, lambda case, user, d:
                           steps.acceptance_request(case=case, actor=user, **d)),
    "assign_acceptance": (forms.AcceptanceCouncilForm, lambda case, user, d:
                          steps.case_assign_acceptance(case=case, actor=user, **d)),
    "record_acceptance": (forms.AcceptanceForm, lambda case, user, d:
                          steps.acceptance_record(case=case, actor=user, **d)),
    "liquidate": (forms.LiquidationForm, lambda case, user, d:
                  steps.case_liquidate(case=case, actor=user, **d)),
    "withdraw": (forms.WithdrawForm, lambda case, user, d:
                 steps.case_withdraw(case=case, actor=user, **d)),
}
COUNCIL_FORMS = {forms.SelectionCouncilForm, forms.AcceptanceCouncilForm}


def _form(action, case, data=None):
    form_class = STEPS[action][0]
    if form_class is None:
        return None
    kwargs = {"plan": case.plan} if form_class in COUNCIL_FORMS else {}
    prefix = action
    return form_class(data, prefix=prefix, **kwargs)


def _refusal(request, exc) -> None:
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text or _("Bạn không có quyền thực hiện bước này."))


@login_required
@requires(can_use_cases)
def case_list(request):
    filters = ListFilters(request.GET, statuses=CaseStatus.choices,
                          categories=[(c, c) for c in CASE_CATEGORIES],
                          years=YEARS, communes=communes_for(request.user),
                          keep=("ke_hoach", "tu", "den"),
                          placeholder=_("Tên, mã số thuế, nội dung…"))
    cases = selectors.case_list(request.user, status=request.GET.get("status", ""),
                                category=filters.value("category"),
                                year=filters.number("year"), query=filters.query(),
                                commune=int_param(request.GET, "xa"),
                                plan=int_param(request.GET, "ke_hoach"),
                                accepted=window_param(request.GET))
    if request.GET.get("xuat") == "xlsx":
        from .exports import cases_xlsx
        response = HttpResponse(cases_xlsx(cases), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = 'attachment; filename="ho-so-ho-tro.xlsx"'
        return response
    return render(request, "support/case_list.html", {
        "listing": paginate(request, cases), "filters": filters,
        "window": window_param(request.GET)})


@login_required
def case_detail(request, pk):
    case = selectors.case_get(request.user, pk)
    opens = can_open_case(request.user, case)  # a council member declares conflicts first
    if not opens:
        if can_declare(request.user, case):
            messages.info(request, opens.reason)
            return redirect("support:case_declare", pk=case.pk)
        raise PermissionDenied(opens.reason)
    return _case_page(request, case)


def _case_page(request, case, bound=None, document_form=None):
    """The case page; `bound`: the step form the user just sent, with its errors and values;
    `document_form`: a refused upload, its kind and title kept."""
    actions = [(t, bound if bound is not None and bound.prefix == t.action
                else _form(t.action, case))
               for t in CASE_FLOW.allowed(request.user, case) if t.action in STEPS]
    sees_scores = can_see_scores(request.user, case)
    return render(request, "support/case_detail.html", {
        "case": case, "actions": actions, "events": selectors.case_timeline(request.user, case),
        "notes": case.notes.select_related("author"),
        "documents": selectors.documents_for(request.user, case),
        "document_form": document_form or forms.DocumentForm(prefix="doc")
        if can_attach_document(request.user, case) else None,
        "scores": case.scores.select_related("member__user") if sees_scores else [],
        "contract": getattr(case, "contract", None), "outcome": getattr(case, "outcome", None),
        "payments": case.contract.payments.all() if hasattr(case, "contract") else [],
        "can_approve": case.status == CaseStatus.RECOMMENDED and
        steps_allowed(request.user, case, "approve")})


def steps_allowed(user, case, action) -> bool:
    return bool(CASE_FLOW.may(user, case, action))


@login_required
@require_POST
def case_step(request, pk, action):
    case = selectors.case_get(request.user, pk)
    if action not in STEPS:
        raise Http404
    form = _form(action, case, request.POST)
    if form is not None and not form.is_valid():  # the page again, values and errors shown
        return _step_again(request, case, form)
    page = confirm_step(request, CASE_FLOW, action, case, back=case.get_absolute_url(),
                        facts=facts_from_form(form))
    if page is not None:
        return page
    try:
        STEPS[action][1](case, request.user, form.cleaned_data if form else {})
    except (WorkflowError, ValidationError, PermissionDenied) as exc:
        if form is None:
            _refusal(request, exc)
        else:  # the rule's message by its field, every value the user typed kept
            add_refusal(form, exc)
            return _step_again(request, case, form)
    else:
        messages.success(request, _("Đã thực hiện: %(s)s.")
                         % {"s": CASE_FLOW.by_action[action].label})
    return redirect("support:case_detail", pk=case.pk)


def _step_again(request, case, form):
    """A step's form refused: the case page again with that form bound — the messages by their
    fields, every value kept (for who may open the case; anyone else is told on the page)."""
    if not can_open_case(request.user, case):
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("support:case_detail", pk=case.pk)
    messages.error(request, _("Chưa thực hiện “%(s)s”: sửa theo các lỗi ghi ở biểu mẫu.")
                   % {"s": CASE_FLOW.by_action[form.prefix].label})
    return _case_page(request, case, bound=form)


@login_required
def case_new(request):
    """The application form; reached from a call (`?dot=`) it offers that call's categories and
    asks for the documents that call requires. Files and case are written in one transaction."""
    require(can_start_application(request.user))
    call_id = int_param(request.GET, "dot")
    call_categories = selectors.open_call_categories(request.user, call_id)
    calls = {cc.call for cc in call_categories}
    required = next(iter(calls)).required_kinds() if len(calls) == 1 else []
    beneficiaries = beneficiaries_for(request.user, "apply")
    form = forms.ApplicationForm(request.POST or None, request.FILES or None,
                                 call_categories=call_categories, beneficiaries=beneficiaries,
                                 required=required)
    if request.method == "POST" and form.is_valid():
        try:
            case = steps.case_submit(actor=request.user, documents=form.documents(),
                                     **form.case_data())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Đã nộp hồ sơ %(c)s.") % {"c": case.code})
            return redirect("support:case_detail", pk=case.pk)
    return render(request, "support/case_new.html", {"form": form, "calls": calls})


@login_required
def approval_new(request, plan_pk):
    """The province's decision approving the recommended cases, with their amounts."""
    plan = plan_get(request.user, plan_pk)
    cases = list(selectors.cases_for(request.user).filter(
        call_category__call__plan=plan, status=CaseStatus.RECOMMENDED))
    if not cases or not steps_allowed(request.user, cases[0], "approve"):
        raise PermissionDenied
    form = forms.ApprovalForm(request.POST or None)
    amounts, errors = {}, []
    if request.method == "POST":
        for case in cases:
            raw = request.POST.get(f"amount_{case.pk}", "").strip()
            if not raw:
                continue
            try:
                amounts[case.pk] = parse_vn_number(raw)
            except MalformedNumber:
                errors.append(_("Hồ sơ %(c)s: “%(v)s” không phải là số.") % {"c": case.code,
                                                                             "v": raw})
        if not amounts and not errors:
            errors.append(_("Chọn ít nhất một hồ sơ và ghi kinh phí duyệt."))
        chosen = [(c, amounts[c.pk]) for c in cases if c.pk in amounts]
        page = confirm_step(
            request, CASE_FLOW, "approve", cases[0], back=request.path,
            facts=facts_from_form(form), subject=_("%(n)s hồ sơ của kế hoạch %(p)s") % {
                "n": len(chosen), "p": plan.reference},
            items=[(f"{c.code} — {c.beneficiary.name}", _("%(a)s triệu đồng") % {
                "a": format_vn_number(a)}) for c, a in chosen]) if form.is_valid() and not errors \
            else None
        if page is not None:
            return page
        if form.is_valid() and not errors:
            try:
                steps.approval_record(plan=plan, amounts=amounts, actor=request.user,
                                      **form.cleaned_data)
            except (WorkflowError, ValidationError, PermissionDenied) as exc:
                add_refusal(form, exc)
            else:
                messages.success(request, _("Đã ghi quyết định phê duyệt %(n)s hồ sơ.")
                                 % {"n": len(amounts)})
                return redirect("support:case_list")
        for error in errors:
            messages.error(request, error)
    rows = [(c, min(c.requested_amount, c.call_category.unit_norm),
             request.POST.get(f"amount_{c.pk}")) for c in cases]  # what was typed stays
    return render(request, "support/approval_new.html",
                  {"plan": plan, "form": form, "rows": rows})


@login_required
def plan_support(request, plan_pk):
    """A plan's calls and councils (two lists, each paged: `trang`, `trang_hd`); the program
    office opens calls and forms councils here."""
    plan = plan_get(request.user, plan_pk)
    calls = selectors.calls_for(request.user).filter(plan=plan).prefetch_related(
        "categories__category", "categories__budget_line")
    councils = selectors.councils_for(request.user).filter(plan=plan).prefetch_related(
        "members__user")
    return render(request, "support/plan_support.html", {
        "plan": plan, "calls": paginate(request, calls.order_by("-year", "-opens_at", "-pk")),
        "councils": paginate(request, councils.order_by("-decision_date", "-pk"),
                             param="trang_hd"),
        "can_manage": can_manage_support(request.user, plan),
        "sees_lists": bool(can_use_call_list(request.user))})


def _managed_plan(request, plan_pk):
    plan = plan_get(request.user, plan_pk)
    require(can_manage_support(request.user, plan))
    return plan


@login_required
def call_new(request, plan_pk):
    plan = _managed_plan(request, plan_pk)
    lines = BudgetLine.objects.filter(appendix__plan=plan, code__startswith="5.").select_related(
        "appendix").order_by("appendix__start_year", "order")
    form = forms.CallForm(request.POST or None, categories=categories_ensure().values(),
                          lines=lines)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = steps.call_open(
                plan=plan, year=data["year"], title=data["title"], opens_on=data["opens_at"],
                deadline=data["closes_at"], categories=data["categories"], actor=request.user,
                description=data["description"], eligibility=data["eligibility"],
                priorities=data["priorities"], required_documents=data["required_documents"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã mở đợt “%(t)s”.") % {"t": data["title"]})
            return redirect("support:call_detail", pk=call.pk)
    return render(request, "support/call_new.html", {"plan": plan, "form": form})


@login_required
def council_new(request, plan_pk):
    plan = _managed_plan(request, plan_pk)
    form = forms.CouncilForm(request.POST or None, people=selectors.council_candidates(
        plan, request.POST.get("kind") or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council = steps.council_form(
                plan=plan, kind=data["kind"], name=data["name"],
                decision_number=data["decision_number"], decision_date=data["decision_date"],
                seats=form.seats(), actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thành lập %(n)s.") % {"n": council.name})
            return redirect("support:plan_support", plan_pk=plan.pk)
    return render(request, "support/council_new.html", {"plan": plan, "form": form})


@login_required
def plan_payments(request, plan_pk):
    """The payments booked on the plan's support contracts, in a data window when one is given
    (the records behind a report's "paid" figure)."""
    plan = plan_get(request.user, plan_pk)
    window = window_param(request.GET)
    filters = ListFilters(request.GET, years=YEARS, categories=[(c, c) for c in CASE_CATEGORIES],
                          communes=communes_for(request.user), keep=("tu", "den"),
                          labels={"year": _("Năm ngân sách")},
                          placeholder=_("Đối tượng, mã hồ sơ, số biên bản…"))
    payments = selectors.payment_list(
        selectors.payments_for(request.user, plan, window), year=filters.number("year"),
        category=filters.value("category"), commune=filters.number("commune"),
        query=filters.query())
    return render(request, "support/plan_payments.html", {
        "plan": plan, "window": window, "filters": filters, "listing": paginate(request, payments),
        "total": payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)})
