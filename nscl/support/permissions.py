"""Who may do what in support (allowed-or-why). Services call these before they write; pages
ask the same checks to decide what to show. State rules live in the workflows (`workflow.py`)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import ALLOWED, Decision, allow_if, deny
from nscl.enterprises.models import Beneficiary
from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_READERS, manages_province, owns
from nscl.plans.models import Plan

from .choices import CouncilRole
from .models import Council, CouncilMember, SupportCall, SupportCase


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
    """The beneficiary, the province's office, or a member of a council assigned to the case
    (the secretary files the minutes) — those who may open the case's documents."""
    on_council = any(seat_of(user, c) is not None
                     for c in (case.selection_council, case.acceptance_council))
    return allow_if(owns(user, case.beneficiary.unit_id)
                    or manages_province(user, case.plan.province) or on_council,
                    _("Chỉ đối tượng thụ hưởng, cơ quan điều hành hoặc hội đồng được giao hồ sơ "
                      "được đính kèm tài liệu."))


def seat_of(user, council: Council | None) -> CouncilMember | None:
    if council is None or not user.is_authenticated:
        return None
    return council.members.filter(user=user).first()


def can_score(user, case: SupportCase) -> Decision:
    return allow_if(seat_of(user, case.selection_council) is not None,
                    _("Bạn không phải thành viên hội đồng được giao hồ sơ %(c)s.")
                    % {"c": case.code})


def can_reopen_score(user, case: SupportCase) -> Decision:
    """Only the chair reopens a submitted score (with a reason, logged)."""
    seat = seat_of(user, case.selection_council)
    return allow_if(seat is not None and seat.role == CouncilRole.CHAIR,
                    _("Chỉ Chủ tịch hội đồng được mở lại phiếu chấm đã nộp."))


def can_see_scores(user, case: SupportCase) -> Decision:
    """Members' individual scores: the province's office, leadership and viewers; a member of
    the council once their own score of this case is in. Never the beneficiary."""
    if user.is_superuser or (user.role in PROVINCE_READERS and user.unit_id
                             and case.plan.province.path.startswith(user.unit.province_path())):
        return ALLOWED
    seat = seat_of(user, case.selection_council)
    if seat is not None and case.scores.filter(member=seat).exists():
        return ALLOWED
    return deny(_("Điểm của từng thành viên chỉ hiện sau khi bạn đã nộp phiếu chấm."))


def is_secretary(user, council: Council | None) -> bool:
    seat = seat_of(user, council)
    return seat is not None and seat.role == CouncilRole.SECRETARY


def may_sit_on_councils(user) -> bool:
    """People, not system accounts, and never an applicant (a beneficiary's account)."""
    return user.is_active and not (user.is_superuser or user.is_staff) and \
        user.role != Role.BENEFICIARY
