"""The steps of a support case, from the application to the liquidation of its contract."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number as n
from nscl.core.permissions import require
from nscl.enterprises.models import Beneficiary
from nscl.workflow.services import event_record

from .. import rules
from ..choices import CaseStatus, CouncilKind
from ..events import SupportVerb
from ..models import (
    ApprovalDecision,
    CallCategory,
    CaseNote,
    Contract,
    Council,
    CouncilMember,
    Outcome,
    Payment,
    SupportCall,
    SupportCase,
)
from ..permissions import (
    can_apply,
    can_manage_support,
    may_sit_on_councils,
    related_applicants,
)
from ..workflow import CALL_FLOW, CASE_FLOW, WorkflowError  # noqa: F401
from . import documents as documents_service
from . import years
from .calls import call_close, call_extend, call_open, local_text  # noqa: F401  (one import)
from .councils import (  # noqa: F401  (the council's steps, long called from here)
    PASS_MARK,
    Proposal,
    council_conclude,
    council_reopen,
    relations_in,
    score_record,
    score_reopen,
    scoring_criteria_ensure,
    selection_proposal,
)
from .money import remaining_on
from .step_dates import check_step_date

perform = CASE_FLOW.perform


def case_submit(*, call_category: CallCategory, beneficiary, content: str, estimated_cost: Decimal,
                requested_amount: Decimal, commitment_signed: bool, consultant: str = "",
                actor, submitted_on: dt.date | None = None, at: dt.datetime | None = None,
                documents: list[tuple[str, str, bytes]] | None = None) -> SupportCase:
    """The registration and commitment form with the documents the call requires, by the
    beneficiary or the office on its behalf, between the call's opening and closing minutes.

    `at` is the moment of submission (now by default); `submitted_on` records an application
    received on paper that day (taken as its noon). The case and its files are written in one
    transaction: a refused application leaves no row and no stored file.
    """
    call = call_category.call
    require(can_apply(actor, call, beneficiary))
    if at is None:
        at = (timezone.now() if submitted_on is None else
              timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(12, 0))))
    _check_window(call, at)
    if requested_amount > estimated_cost:
        raise ValidationError(_("Kinh phí đề nghị hỗ trợ (%(r)s) không được lớn hơn tổng chi phí "
                                "dự kiến (%(c)s).")
                              % {"r": n(requested_amount), "c": n(estimated_cost)})
    documents = documents or []
    # on paper (`submitted_on`) the office files what it received; online, the call's list
    missing = documents_service.missing_kinds(call, documents) if submitted_on is None else []
    if missing:
        raise ValidationError(_("Còn thiếu tài liệu: %(d)s.") % {"d": "; ".join(missing)})
    with documents_service.stored_with() as saved, transaction.atomic():
        case = SupportCase(
            code=_next_code(call),
            call_category=call_category, beneficiary=beneficiary, commune=beneficiary.commune,
            content=content, consultant=consultant, estimated_cost=estimated_cost,
            requested_amount=requested_amount, commitment_signed=commitment_signed,
            submitted_on=timezone.localdate(at))
        case.full_clean()
        case.save()
        files = documents_service.attach_all(case, actor, documents, saved)
        event_record(actor=actor, verb=SupportVerb.CASE_SUBMITTED, obj=case,
                     after={"status": case.status,
                            "documents": [f"{d.get_kind_display()}: {d.original_name}"
                                          for d in files]},
                     note=_("Nộp Bảng đăng ký và cam kết"))
    return case


def _next_code(call: SupportCall) -> str:
    """The next application code of a call, `HS-<year>-<call>-<nnn>`: one more than the highest
    number given so far (not the number of cases, which a removed case would make collide).
    Taken with the call's row locked until the caller's transaction ends, so two applications
    sent at the same moment are numbered one after the other (on SQLite the write transaction
    already serialises them); the code's unique constraint stays the last guard."""
    SupportCall.objects.select_for_update().only("pk").get(pk=call.pk)
    prefix = f"HS-{call.year}-{call.pk}-"
    given = SupportCase.objects.filter(call_category__call=call, code__startswith=prefix)
    suffixes = (code.removeprefix(prefix) for code in given.values_list("code", flat=True))
    numbers = [int(s) for s in suffixes if s.isascii() and s.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _check_window(call: SupportCall, at: dt.datetime) -> None:
    """Refuse an application before the opening minute or after the closing minute."""
    if at < call.opens_at:
        raise ValidationError(_("Đợt “%(c)s” mở nhận hồ sơ từ %(d)s.")
                              % {"c": call, "d": local_text(call.opens_at)})
    if not call.is_open_at(at):
        raise ValidationError(_("Đợt “%(c)s” đã hết hạn nộp hồ sơ lúc %(d)s.")
                              % {"c": call, "d": local_text(call.closes_at)})


def case_screen(*, case: SupportCase, actor) -> SupportCase:
    """Eligibility from the plan's criteria, priority points with every point explained."""
    def step(case):
        checks = rules.eligibility(case)
        points = rules.priority(case)
        case.priority_points = sum(p.points for p in points)
        case.priority_explained = [{"label": p.label, "points": p.points} for p in points]
        eligible = all(c.passed for c in checks)
        case.status = CaseStatus.ELIGIBLE if eligible else CaseStatus.INELIGIBLE
        return {"eligibility": [{"label": c.label, "passed": c.passed} for c in checks],
                "priority_points": case.priority_points}
    return perform(case, "screen", actor, step)


def _council_of(case: SupportCase, council: Council, kind: str) -> Council:
    if council.kind != kind or council.plan_id != case.plan.pk:
        raise ValidationError(_("Hội đồng “%(c)s” không phải là %(k)s của kế hoạch này.")
                              % {"c": council, "k": CouncilKind(kind).label.lower()})
    return council


def _unrelated(case: SupportCase, council: Council) -> None:
    """A council with a member related to the applicant may not review its application."""
    related = relations_in(council, [case])
    if related:
        raise ValidationError(_("Không giao được hồ sơ cho “%(c)s”: thành viên có quan hệ với "
                                "đối tượng đề nghị hỗ trợ — %(r)s.")
                              % {"c": council, "r": "; ".join(related)})


def case_assign_selection(*, case: SupportCase, council: Council, actor) -> SupportCase:
    def step(case):
        case.selection_council = _council_of(case, council, CouncilKind.SELECTION)
        _unrelated(case, council)
        scoring_criteria_ensure(case.plan)
        return {"council": council.name}
    return perform(case, "assign_selection", actor, step)




@transaction.atomic
def approval_record(*, plan, number: str, date: dt.date, amounts: dict[int, Decimal], actor,
                    signed_by: str = "") -> ApprovalDecision:
    """The province's decision approving recommended cases with their amounts. A number the
    plan's decisions already carry is refused with the constraint's message (it reached the
    database: a 500, issue 13), also when two offices record it at the same moment."""
    decision = ApprovalDecision(plan=plan, number=number, date=date, signed_by=signed_by)
    decision.full_clean()
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:  # the same number recorded by another request meanwhile
        unique = next(c for c in ApprovalDecision._meta.constraints
                      if c.name == "approval_unique_number")
        raise ValidationError(unique.violation_error_message) from exc
    for case_id, amount in amounts.items():
        case = SupportCase.objects.get(pk=case_id, call_category__call__plan=plan)

        def step(case, amount=amount):
            check_step_date(case, date, field="date", label=_("Ngày quyết định phê duyệt"))
            cap = min(case.requested_amount, case.call_category.unit_norm)
            if amount <= 0 or amount > cap:
                raise ValidationError(_("Hồ sơ %(c)s: kinh phí duyệt %(a)s phải lớn hơn 0 và không "
                                        "quá %(m)s (đề nghị và định mức).")
                                      % {"c": case.code, "a": n(amount), "m": n(cap)})
            case.approval, case.approved_amount = decision, amount
            return {"decision": number, "amount": str(amount)}
        perform(case, "approve", actor, step, note=_("Quyết định %(d)s") % {"d": number})
    return decision


def contract_sign(*, case: SupportCase, actor, number: str, signed_on: dt.date, amount: Decimal,
                  content: str, deadline: dt.date, consultant: str) -> SupportCase:
    """One contract per case, capped by the approved amount, the unit norm and what is left on
    the budget line for the contract's year — its call's year, in which it is signed; its work
    may run until 31 December of the next year (ADR 12)."""
    def step(case):
        check_step_date(case, signed_on, field="signed_on", label=_("Ngày ký hợp đồng"))
        cc, year = case.call_category, years.check_signature(case, signed_on, deadline)
        checks = [
            (case.approved_amount is not None and amount > case.approved_amount,
             _("vượt kinh phí được duyệt %(v)s") % {"v": n(case.approved_amount)}),
            (amount > cc.unit_norm, _("vượt định mức %(v)s mỗi lượt") % {"v": n(cc.unit_norm)}),
            (amount > remaining_on(cc.budget_line, year),
             _("vượt kinh phí còn lại của dòng dự toán %(l)s năm %(y)s (%(v)s)")
             % {"l": cc.budget_line.code, "y": year, "v": n(remaining_on(cc.budget_line, year))}),
        ]
        broken = [msg for failed, msg in checks if failed]
        if broken:
            raise ValidationError({"amount": _("Hợp đồng %(a)s triệu đồng không hợp lệ: "
                                               "%(why)s.") % {"a": n(amount),
                                                              "why": "; ".join(broken)}})
        if deadline <= signed_on:
            raise ValidationError({"deadline": _("Thời hạn hoàn thành phải sau ngày ký hợp "
                                                 "đồng.")})
        contract = Contract(case=case, number=number, signed_on=signed_on, year=year,
                            amount=amount, content=content, deadline=deadline,
                            consultant=consultant)
        contract.full_clean()
        contract.save()
        case.consultant = consultant
        return {"contract": number, "amount": str(amount), "deadline": f"{deadline:%d/%m/%Y}"}
    return perform(case, "sign_contract", actor, step)


def note_record(*, case: SupportCase, actor, kind: str, date: dt.date, text: str) -> SupportCase:
    action = {CaseNote.Kind.PROGRESS: "report_progress", CaseNote.Kind.VISIT: "monitor"}[kind]

    def step(case):
        check_step_date(case, date, field="date", label=_("Ngày ghi"))
        CaseNote.objects.create(case=case, kind=kind, date=date, text=text, author=actor)
        return {"date": f"{date:%d/%m/%Y}", "text": text[:200]}
    return perform(case, action, actor, step)


def contract_extend(*, case: SupportCase, actor, new_deadline: dt.date, reason: str) -> SupportCase:
    def step(case):
        contract = case.contract
        if new_deadline <= contract.deadline:
            raise ValidationError(_("Thời hạn mới phải sau thời hạn hiện tại %(d)s.")
                                  % {"d": f"{contract.deadline:%d/%m/%Y}"})
        years.check_deadline(contract.year, new_deadline)  # ADR 12: one year's carry-over
        old = contract.deadline
        contract.deadline = new_deadline
        contract.save()
        CaseNote.objects.create(case=case, kind=CaseNote.Kind.AMENDMENT, date=timezone.localdate(),
                                text=reason, author=actor)
        return {"deadline_before": f"{old:%d/%m/%Y}", "deadline": f"{new_deadline:%d/%m/%Y}"}
    return perform(case, "amend", actor, step)


def acceptance_request(*, case: SupportCase, actor, report: str) -> SupportCase:
    def step(case):
        CaseNote.objects.create(case=case, kind=CaseNote.Kind.PROGRESS,
                                date=timezone.localdate(), text=report, author=actor)
        return {"report": report[:200]}
    return perform(case, "request_acceptance", actor, step)


def case_assign_acceptance(*, case: SupportCase, council: Council, actor) -> SupportCase:
    def step(case):
        case.acceptance_council = _council_of(case, council, CouncilKind.ACCEPTANCE)
        _unrelated(case, council)
        return {"council": council.name}
    return perform(case, "assign_acceptance", actor, step)


def acceptance_record(*, case: SupportCase, actor, passed: bool, accepted_on: dt.date,
                      **outcome) -> SupportCase:
    """The acceptance council's result; a passed case counts in the plan's indicators."""
    def step(case):
        check_step_date(case, accepted_on, field="accepted_on", label=_("Ngày nghiệm thu"))
        Outcome.objects.update_or_create(case=case, defaults={"passed": passed, **outcome})
        case.status = CaseStatus.ACCEPTED if passed else CaseStatus.FAILED
        case.accepted_on = accepted_on
        return {"passed": passed, "accepted_on": f"{accepted_on:%d/%m/%Y}",
                "certificate": outcome.get("certificate_number", "")}
    return perform(case, "record_acceptance", actor, step)


def case_liquidate(*, case: SupportCase, actor, liquidation_number: str, paid_on: dt.date,
                   amount: Decimal) -> SupportCase:
    """Liquidate the contract and book the payment against its budget line and year — the
    contract's, also when paid in the next year (carried over, ADR 12)."""
    def step(case):
        contract = case.contract
        check_step_date(case, paid_on, field="paid_on", label=_("Ngày chi"))
        if amount <= 0 or amount > contract.amount:
            raise ValidationError(_("Số tiền thanh toán %(a)s vượt giá trị hợp đồng %(c)s.")
                                  % {"a": n(amount), "c": n(contract.amount)})
        carried_over = years.check_payment(contract, paid_on)  # ADR 12
        Payment.objects.create(contract=contract, liquidation_number=liquidation_number,
                               paid_on=paid_on, year=contract.year, amount=amount)
        return {"liquidation": liquidation_number, "paid": str(amount),
                "budget_year": contract.year, "carried_over": carried_over}
    return perform(case, "liquidate", actor, step)


def case_withdraw(*, case: SupportCase, actor, reason: str) -> SupportCase:
    return perform(case, "withdraw", actor, lambda case: {"reason": reason}, note=reason)


@transaction.atomic
def pending_applicants(plan, kind: str):
    """The applicants a new council of `kind` would review: the plan's applications waiting for
    selection, or the contracts waiting for acceptance."""
    states = ([CaseStatus.SUBMITTED, CaseStatus.ELIGIBLE, CaseStatus.UNDER_REVIEW]
              if kind == CouncilKind.SELECTION else
              [CaseStatus.CONTRACTED, CaseStatus.AWAITING_ACCEPTANCE])
    return Beneficiary.objects.filter(cases__call_category__call__plan=plan,
                                      cases__status__in=states).distinct()


def applicant_relations(user, plan, kind: str) -> list[str]:
    """Why `user` may not sit on a council of `kind` of the plan now (each relation)."""
    return related_applicants(user, pending_applicants(plan, kind))


@transaction.atomic
def council_form(*, plan, kind: str, name: str, decision_number: str,
                 decision_date: dt.date, seats: list[tuple], actor) -> Council:
    """Form a council by the program office's decision, with its members and their roles;
    system accounts and applicants cannot be appointed."""
    require(can_manage_support(actor, plan))
    unfit = [str(user) for user, _role in seats if not may_sit_on_councils(user)]
    if unfit:
        raise ValidationError(_("Không thể cử vào hội đồng: %(u)s (tài khoản hệ thống hoặc đối "
                                "tượng thụ hưởng).") % {"u": ", ".join(unfit)})
    related = [f"{user} ({why})" for user, _role in seats
               for why in applicant_relations(user, plan, kind)]
    if related:
        raise ValidationError(_("Không thể cử vào hội đồng người có quan hệ với đối tượng đề "
                                "nghị hỗ trợ: %(u)s.") % {"u": "; ".join(related)})
    roles = [role for _user, role in seats]
    if roles.count("chair") != 1 or roles.count("secretary") != 1:
        raise ValidationError(_("Hội đồng cần đúng một Chủ tịch và một Thư ký."))
    council = Council(plan=plan, kind=kind, name=name, decision_number=decision_number,
                      decision_date=decision_date)
    council.full_clean()
    council.save()
    for user, role in seats:
        CouncilMember.objects.create(council=council, user=user, role=role)
    event_record(actor=actor, verb=SupportVerb.COUNCIL_FORMED, obj=council, context=plan,
                 after={"council": name, "decision": decision_number,
                        "members": [f"{u} ({r})" for u, r in seats]})
    return council
