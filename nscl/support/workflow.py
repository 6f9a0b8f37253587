"""The one state machine of a support case, declared as data.

Each transition says from which states it may run, who may run it and which document
authorises it. `perform` is the only way a case changes state: it locks the case, checks the
state and the actor, runs the step, and logs it once. That one log feeds the case timeline,
the audit trail, notifications and each user's "waiting for you" list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from nscl.organisation.choices import Role
from nscl.organisation.scope import can_manage_province_of
from nscl.workflow.services import event_record

from .choices import CaseStatus as S
from .choices import CouncilRole
from .models import SupportCase
from .notifications import notify_state_change


class WorkflowError(Exception):
    """A step that may not run now; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    actor: str
    document: str = ""
    target: str | None = None  # None: the step decides (eligible or not, passed or failed)


def _t(action, label, sources, actor, document="", target=None) -> Transition:
    return Transition(action, label, frozenset(sources), actor, document, target)


ACTIVE = {S.SUBMITTED, S.ELIGIBLE, S.UNDER_REVIEW, S.RECOMMENDED, S.APPROVED, S.CONTRACTED}

TRANSITIONS = {t.action: t for t in [
    _t("screen", _l("Xét điều kiện và điểm ưu tiên"), {S.SUBMITTED}, "office"),
    _t("assign_selection", _l("Chuyển Hội đồng xét chọn"), {S.ELIGIBLE}, "office",
       _l("Quyết định thành lập Hội đồng xét chọn"), S.UNDER_REVIEW),
    _t("recommend", _l("Hội đồng đề xuất hỗ trợ"), {S.UNDER_REVIEW}, "selection_secretary",
       _l("Biên bản họp Hội đồng xét chọn"), S.RECOMMENDED),
    _t("not_recommend", _l("Hội đồng không đề xuất"), {S.UNDER_REVIEW}, "selection_secretary",
       _l("Biên bản họp Hội đồng xét chọn"), S.NOT_RECOMMENDED),
    _t("approve", _l("UBND tỉnh phê duyệt"), {S.RECOMMENDED}, "leadership",
       _l("Quyết định phê duyệt danh sách hỗ trợ"), S.APPROVED),
    _t("sign_contract", _l("Ký hợp đồng hỗ trợ"), {S.APPROVED}, "office",
       _l("Hợp đồng hỗ trợ"), S.CONTRACTED),
    _t("report_progress", _l("Báo cáo tiến độ"), {S.CONTRACTED}, "beneficiary"),
    _t("monitor", _l("Kiểm tra, giám sát"), {S.CONTRACTED}, "office"),
    _t("amend", _l("Gia hạn hợp đồng"), {S.CONTRACTED}, "office", _l("Phụ lục hợp đồng")),
    _t("request_acceptance", _l("Đề nghị nghiệm thu"), {S.CONTRACTED}, "beneficiary",
       _l("Báo cáo kết quả thực hiện"), S.AWAITING_ACCEPTANCE),
    _t("assign_acceptance", _l("Chuyển Hội đồng nghiệm thu"), {S.AWAITING_ACCEPTANCE}, "office",
       _l("Quyết định thành lập Hội đồng nghiệm thu")),
    _t("record_acceptance", _l("Ghi kết quả nghiệm thu"), {S.AWAITING_ACCEPTANCE},
       "acceptance_secretary", _l("Biên bản nghiệm thu")),
    _t("liquidate", _l("Thanh lý hợp đồng và thanh toán"), {S.ACCEPTED}, "office",
       _l("Biên bản thanh lý hợp đồng"), S.LIQUIDATED),
    _t("withdraw", _l("Rút hồ sơ"), ACTIVE, "beneficiary", target=S.WITHDRAWN),
]}


def _is_secretary(user, council) -> bool:
    return council is not None and council.members.filter(
        user=user, role=CouncilRole.SECRETARY).exists()


def _is_leadership(user, case) -> bool:
    province = case.plan.province
    return (user.role == Role.LEADERSHIP and user.unit_id is not None
            and province.path.startswith(user.unit.province_path()))


ACTORS: dict[str, Callable] = {
    "office": lambda user, case: can_manage_province_of(user, case.plan.province),
    "leadership": lambda user, case: user.is_superuser or _is_leadership(user, case),
    # the program office may act on a beneficiary's behalf
    "beneficiary": lambda user, case: (user.unit_id == case.beneficiary.unit_id
                                       or can_manage_province_of(user, case.plan.province)),
    "selection_secretary": lambda user, case: _is_secretary(user, case.selection_council),
    "acceptance_secretary": lambda user, case: _is_secretary(user, case.acceptance_council),
}


def may(user, case: SupportCase, action: str) -> bool:
    transition = TRANSITIONS[action]
    return (user.is_authenticated and case.status in transition.sources
            and ACTORS[transition.actor](user, case))


def allowed_actions(user, case: SupportCase) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if may(user, case, t.action)]


@transaction.atomic
def perform(case: SupportCase, action: str, actor, step: Callable[[SupportCase], dict] | None
            = None, note: str = "") -> SupportCase:
    """Run one step of the case: check state and actor, run `step`, set the state, log once.

    `step(case)` does the step's own work (create the contract, the payment …) and returns what
    to log; it may set `case.status` itself where the outcome decides the state.
    """
    transition = TRANSITIONS[action]
    case = SupportCase.objects.select_for_update().select_related(
        "beneficiary", "call_category__call__plan__province").get(pk=case.pk)
    if case.status not in transition.sources:
        raise WorkflowError(_("Hồ sơ %(code)s đang ở trạng thái “%(state)s”: không thể “%(step)s”.")
                            % {"code": case.code, "state": case.get_status_display(),
                               "step": transition.label})
    if not ACTORS[transition.actor](actor, case):
        raise PermissionDenied(_("Bạn không có quyền “%(step)s” đối với hồ sơ %(code)s.")
                               % {"step": transition.label, "code": case.code})
    before = {"status": case.status}
    details = step(case) if step else {}
    if transition.target:
        case.status = transition.target
    case.save()
    event_record(actor=actor, verb=f"case_{action}", obj=case, before=before,
                 after={"status": case.status, **(details or {})},
                 note=note or str(transition.label))
    if case.status != before["status"]:
        notify_state_change(case, str(transition.label))
    return case
