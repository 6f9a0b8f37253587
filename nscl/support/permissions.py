"""Who may do what in support (allowed-or-why). Services call these before they write; pages
ask the same checks to decide what to show. State rules live in the workflows (`workflow.py`)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import ALLOWED, Decision, allow_if, deny
from nscl.enterprises.models import Beneficiary
from nscl.organisation.choices import Role
from nscl.organisation.permissions import (
    is_beneficiary,
    oversees,
    page_for,
    reports_for_a_commune,
    runs_a_program,
)
from nscl.organisation.scope import PROVINCE_READERS, manages_province, owns
from nscl.plans.models import Plan

from .choices import CouncilRole
from .models import ConflictDeclaration, Council, CouncilMember, SupportCall, SupportCase


def can_manage_support(user, plan: Plan) -> Decision:
    """Open calls, form councils, screen and contract: the program office of the province."""
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình của tỉnh được làm việc này."))


def can_start_application(user) -> Decision:
    """The application form is for a beneficiary, or the office applying on its behalf."""
    if user.is_authenticated and (user.is_superuser or user.role == Role.PROGRAM_OFFICE):
        return ALLOWED
    if user.is_authenticated and user.role == Role.BENEFICIARY and \
            Beneficiary.objects.filter(unit_id=user.unit_id).exists():
        return ALLOWED
    return deny(_("Chỉ doanh nghiệp, HTX, hộ kinh doanh hoặc cơ quan điều hành được nộp hồ sơ."))


def applies_for_itself(user) -> bool:
    """An enterprise's own account (offered open calls in its inbox); other roles are not asked
    about beneficiaries at all (no query)."""
    return bool(user.is_authenticated and user.role == Role.BENEFICIARY and user.unit_id
                and Beneficiary.objects.filter(unit_id=user.unit_id).exists())


def can_apply(user, call: SupportCall, beneficiary: Beneficiary) -> Decision:
    return allow_if(owns(user, beneficiary.unit_id) or manages_province(user, call.plan.province),
                    _("Chỉ đối tượng thụ hưởng hoặc cơ quan điều hành được nộp hồ sơ."))


def can_attach_document(user, case: SupportCase) -> Decision:
    """The beneficiary, the province's office, or a member of a council assigned to the case who
    declared no conflict of interest (the secretary files the minutes) — those who may open
    the case's documents."""
    on_council = case_seat(user, case) is not None and bool(can_open_case(user, case))
    return allow_if(owns(user, case.beneficiary.unit_id)
                    or manages_province(user, case.plan.province) or on_council,
                    _("Chỉ đối tượng thụ hưởng, cơ quan điều hành hoặc hội đồng được giao hồ sơ "
                      "được đính kèm tài liệu."))


def seat_of(user, council: Council | None) -> CouncilMember | None:
    if council is None or not user.is_authenticated:
        return None
    return council.members.filter(user=user).first()


def case_seat(user, case: SupportCase) -> CouncilMember | None:
    """The user's seat on the council now reviewing the case (selection, then acceptance)."""
    council = case.acceptance_council if case.acceptance_council_id else case.selection_council
    return seat_of(user, council) or seat_of(user, case.selection_council)


def declaration_of(seat: CouncilMember | None, case: SupportCase) -> ConflictDeclaration | None:
    if seat is None:
        return None
    return ConflictDeclaration.objects.filter(member=seat, case=case).first()


def can_declare(user, case: SupportCase) -> Decision:
    """A member of the case's council declares once, before opening the application."""
    seat = case_seat(user, case)
    if seat is None:
        return deny(_("Bạn không phải thành viên hội đồng được giao hồ sơ %(c)s.")
                    % {"c": case.code})
    return allow_if(declaration_of(seat, case) is None,
                    _("Bạn đã khai về xung đột lợi ích với hồ sơ %(c)s.") % {"c": case.code})


def can_open_case(user, case: SupportCase) -> Decision:
    """Whoever reaches a case by their seat on its council opens it (details, documents) only
    after declaring no conflict of interest; one who declared a conflict is excluded. Others in
    scope (the office, the beneficiary …) are not asked."""
    seat = case_seat(user, case)
    if seat is None or (user.is_superuser or user.role in PROVINCE_READERS):
        return ALLOWED
    declaration = declaration_of(seat, case)
    if declaration is None:
        return deny(_("Trước khi mở hồ sơ %(c)s, hãy khai có hay không xung đột lợi ích với "
                      "đối tượng đề nghị hỗ trợ.") % {"c": case.code})
    return allow_if(not declaration.has_conflict,
                    _("Bạn đã khai có xung đột lợi ích với hồ sơ %(c)s nên không tham gia xem "
                      "xét hồ sơ này.") % {"c": case.code})


def can_score(user, case: SupportCase) -> Decision:
    seat = seat_of(user, case.selection_council)
    if seat is None:
        return deny(_("Bạn không phải thành viên hội đồng được giao hồ sơ %(c)s.")
                    % {"c": case.code})
    declaration = declaration_of(seat, case)
    if declaration is None:
        return deny(_("Hãy khai về xung đột lợi ích trước khi chấm hồ sơ %(c)s.")
                    % {"c": case.code})
    return allow_if(not declaration.has_conflict,
                    _("Bạn đã khai có xung đột lợi ích với hồ sơ %(c)s nên không chấm hồ sơ "
                      "này.") % {"c": case.code})


def is_chair(user, council: Council | None) -> bool:
    seat = seat_of(user, council)
    return seat is not None and seat.role == CouncilRole.CHAIR


def can_reopen_score(user, case: SupportCase) -> Decision:
    """Only the chair reopens a submitted score (with a reason, logged)."""
    return allow_if(is_chair(user, case.selection_council),
                    _("Chỉ Chủ tịch hội đồng được mở lại phiếu chấm đã nộp."))


def reads_province(user, case: SupportCase) -> bool:
    return bool(user.is_superuser or (
        user.role in PROVINCE_READERS and user.unit_id
        and case.plan.province.path.startswith(user.unit.province_path())))


def can_see_scores(user, case: SupportCase) -> Decision:
    """Members' individual scores and their average: the province's office, leadership and
    viewers; a member of the council once their own score of this case is in (or they were
    excluded by a conflict, or the council concluded). Never the beneficiary."""
    if reads_province(user, case):
        return ALLOWED
    seat = seat_of(user, case.selection_council)
    if seat is not None and (case.scores.filter(member=seat).exists()
                             or case.selection_council.status == "concluded"):
        return ALLOWED
    return deny(_("Điểm của từng thành viên và điểm trung bình chỉ hiện sau khi bạn đã nộp "
                  "phiếu chấm."))


def can_see_council_results(user, council: Council) -> Decision:
    """The ranking and averages of a whole council: the province's readers, and a member once
    they scored every case they may score (or the council concluded)."""
    if user.is_superuser or (user.role in PROVINCE_READERS and user.unit_id and
                             council.plan.province.path.startswith(user.unit.province_path())):
        return ALLOWED
    seat = seat_of(user, council)
    if seat is None:
        return deny(_("Bạn không phải thành viên hội đồng này."))
    if council.status == "concluded":
        return ALLOWED
    pending = (council.selection_cases.filter(status="under_review")
               .exclude(scores__member=seat)
               .exclude(conflict_declarations__member=seat,
                        conflict_declarations__has_conflict=True))
    return allow_if(not pending.exists(),
                    _("Xếp hạng và điểm trung bình chỉ hiện sau khi bạn đã chấm xong mọi hồ sơ "
                      "được giao."))


def can_record_minutes(user, council: Council) -> Decision:
    """The secretary records the minutes while the council works."""
    return allow_if(is_secretary(user, council) and council.status == "formed",
                    _("Chỉ Thư ký hội đồng ghi biên bản, khi hội đồng chưa kết luận."))


def can_read_minutes(user, council: Council) -> Decision:
    """The minutes: the council's members and the province's office, leadership, viewers."""
    return allow_if(seat_of(user, council) is not None or user.is_superuser or (
        user.role in PROVINCE_READERS and user.unit_id and
        council.plan.province.path.startswith(user.unit.province_path())),
        _("Biên bản chỉ dành cho thành viên hội đồng và cơ quan điều hành Chương trình."))


def related_applicants(user, beneficiaries) -> list[str]:
    """Why `user` is related to applicants among `beneficiaries` (a queryset), one line each:
    the applicant's own account (same organisation), or a conflict of interest the user
    declared with it before. Two queries, however many applicants."""
    found = []
    if user.unit_id:
        found += [_("tài khoản của chính đối tượng %(b)s") % {"b": b.name}
                  for b in beneficiaries.filter(unit_id=user.unit_id)]
    declared = beneficiaries.filter(
        cases__conflict_declarations__member__user=user,
        cases__conflict_declarations__has_conflict=True).distinct()
    found += [_("đã khai có quan hệ với %(b)s") % {"b": b.name} for b in declared]
    return found


def related_to_applicant(user, beneficiary: Beneficiary) -> str:
    """Why `user` is related to the applicant `beneficiary` ("" when not)."""
    return "; ".join(related_applicants(user, Beneficiary.objects.filter(pk=beneficiary.pk)))


def sits_on_a_council(user) -> bool:
    """The menu's "Hội đồng của tôi": for anyone seated on a council."""
    return bool(user.is_authenticated and user.council_seats.exists())


def is_secretary(user, council: Council | None) -> bool:
    seat = seat_of(user, council)
    return seat is not None and seat.role == CouncilRole.SECRETARY


def may_sit_on_councils(user) -> bool:
    """People, not system accounts, and never an applicant (a beneficiary's account)."""
    return user.is_active and not (user.is_superuser or user.is_staff) and \
        user.role != Role.BENEFICIARY


def can_use_cases(user) -> Decision:
    """The case list: those who oversee, the enterprises (their own cases) and a commune's
    reporter (the cases of the enterprises located in it); council members reach their cases
    through "Hội đồng của tôi"."""
    return page_for(oversees(user) or is_beneficiary(user) or reports_for_a_commune(user))


def can_use_open_calls(user) -> Decision:
    """The calls taking applications: the enterprises, and the office applying on their
    behalf."""
    return page_for(is_beneficiary(user) or runs_a_program(user))


def can_use_councils(user) -> Decision:
    """Hội đồng của tôi: whoever sits on a council (one query)."""
    return page_for(user.is_authenticated and user.council_seats.exists())


def can_use_call_list(user) -> Decision:
    """Every call of the plans one oversees, in any state (the office, leadership, viewers and
    the Ministry); the enterprises see the calls open to them."""
    return page_for(oversees(user))


def can_use_council_list(user) -> Decision:
    """Every council of the plans one oversees, working or concluded."""
    return page_for(oversees(user))
