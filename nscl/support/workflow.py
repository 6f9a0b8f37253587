"""The lifecycles of support, declared as data for the one engine in `nscl.workflow.engine`:
a support case (application → … → liquidation), a council (formed → concluded, reopened only by
the program office with a reason) and a call (open → closed, extended with a reason).

Each transition says from which states it may run, who may run it and which document
authorises it; `FLOW.perform(obj, action, actor, step)` is the only way these records change
state (ADR 4, superseded by ADR 5: one engine for every lifecycle).
"""

from django.utils.translation import gettext_lazy as _

from nscl.organisation.scope import leads_province, manages_province, owns
from nscl.workflow.confirmation import Act
from nscl.workflow.engine import Transition as T
from nscl.workflow.engine import Workflow, WorkflowError  # noqa: F401  (raised by the steps)

from .choices import CallStatus, CaseStatus, CouncilStatus
from .events import SupportVerb
from .models import Council, Score, SupportCall, SupportCase
from .notifications import beneficiary_emails, notify_state_change
from .permissions import can_score, is_chair, is_secretary

S = CaseStatus
ACTIVE = {S.SUBMITTED, S.ELIGIBLE, S.UNDER_REVIEW, S.RECOMMENDED, S.APPROVED, S.CONTRACTED}


def _case_done(case, transition, changed: bool) -> None:
    if changed:
        notify_state_change(case, str(transition.label))


CASE_FLOW = Workflow(
    name="case", model=SupportCase, states=CaseStatus, verb_prefix="case",
    select_related=("beneficiary", "call_category__call__plan__province"),
    on_done=_case_done,  # a case's steps are its own timeline, not the plan's history
    notifies=beneficiary_emails,
    actors={
        "office": lambda user, case: manages_province(user, case.plan.province),
        "leadership": lambda user, case: leads_province(user, case.plan.province),
        # the program office may act on a beneficiary's behalf
        "beneficiary": lambda user, case: (owns(user, case.beneficiary.unit_id)
                                           or manages_province(user, case.plan.province)),
        "selection_chair": lambda user, case: is_chair(user, case.selection_council),
        "acceptance_secretary": lambda user, case: is_secretary(user, case.acceptance_council),
    },
    transitions=[
        T("screen", _("Xét điều kiện và điểm ưu tiên"), {S.SUBMITTED}, "office",
          confirm=_("Hệ thống xét điều kiện và tính điểm ưu tiên theo tiêu chí của kế hoạch; "
                    "hồ sơ chuyển sang “đủ” hoặc “không đủ điều kiện” và không xét lại được.")),
        T("assign_selection", _("Chuyển Hội đồng xét chọn"), {S.ELIGIBLE}, "office",
          _("Quyết định thành lập Hội đồng xét chọn"), S.UNDER_REVIEW),
        # taken only by the council's conclusion (signed by its chair), never one by one
        T("recommend", _("Hội đồng đề xuất hỗ trợ"), {S.UNDER_REVIEW}, "selection_chair",
          _("Biên bản họp Hội đồng xét chọn"), S.RECOMMENDED, routine=True),
        T("not_recommend", _("Hội đồng không đề xuất"), {S.UNDER_REVIEW}, "selection_chair",
          _("Biên bản họp Hội đồng xét chọn"), S.NOT_RECOMMENDED, routine=True),
        # a reopened council looks at its cases again (only while none was approved)
        T("reconsider", _("Hội đồng xét chọn xem xét lại"), {S.RECOMMENDED, S.NOT_RECOMMENDED},
          "office", target=S.UNDER_REVIEW, routine=True),
        T("approve", _("UBND tỉnh phê duyệt"), {S.RECOMMENDED}, "leadership",
          _("Quyết định phê duyệt danh sách hỗ trợ"), S.APPROVED,
          confirm=_("Các hồ sơ được chọn được phê duyệt với kinh phí đã ghi; quyết định được "
                    "lưu và không sửa được.")),
        T("sign_contract", _("Ký hợp đồng hỗ trợ"), {S.APPROVED}, "office",
          _("Hợp đồng hỗ trợ"), S.CONTRACTED,
          confirm=_("Hợp đồng được ghi và kinh phí được cam kết trên dòng dự toán năm của đợt "
                    "(ký trong năm đó; thực hiện và thanh toán chậm nhất đến hết năm sau).")),
        T("report_progress", _("Báo cáo tiến độ"), {S.CONTRACTED}, "beneficiary", routine=True),
        T("monitor", _("Kiểm tra, giám sát"), {S.CONTRACTED}, "office", routine=True),
        T("amend", _("Gia hạn hợp đồng"), {S.CONTRACTED}, "office", _("Phụ lục hợp đồng"),
          routine=True),
        T("request_acceptance", _("Đề nghị nghiệm thu"), {S.CONTRACTED}, "beneficiary",
          _("Báo cáo kết quả thực hiện"), S.AWAITING_ACCEPTANCE),
        T("assign_acceptance", _("Chuyển Hội đồng nghiệm thu"), {S.AWAITING_ACCEPTANCE}, "office",
          _("Quyết định thành lập Hội đồng nghiệm thu")),
        T("record_acceptance", _("Ghi kết quả nghiệm thu"), {S.AWAITING_ACCEPTANCE},
          "acceptance_secretary", _("Biên bản nghiệm thu"),
          confirm=_("Kết quả nghiệm thu (đạt hoặc không đạt) được ghi và không sửa được.")),
        T("liquidate", _("Thanh lý hợp đồng và thanh toán"), {S.ACCEPTED}, "office",
          _("Biên bản thanh lý hợp đồng"), S.LIQUIDATED,
          confirm=_("Khoản thanh toán được ghi chi trên dòng dự toán; hợp đồng được thanh lý.")),
        T("withdraw", _("Rút hồ sơ"), ACTIVE, "beneficiary", target=S.WITHDRAWN, routine=True,
          confirm=_("Hồ sơ được rút và không tiếp tục xét; kinh phí đã cam kết được giải phóng.")),
    ],
)

def _council_notified(council) -> list[str]:
    """Concluding or reopening moves the council's cases under review: their beneficiaries are
    e-mailed (each case step is)."""
    cases = (council.selection_cases if council.kind == "selection"
             else council.acceptance_cases).filter(status__in={
                 S.UNDER_REVIEW, S.RECOMMENDED, S.NOT_RECOMMENDED}).select_related("beneficiary")
    return sorted({email for case in cases for email in beneficiary_emails(case)})


COUNCIL_FLOW = Workflow(
    name="council", model=Council, states=CouncilStatus, verb_prefix="council",
    select_related=("plan__province",),
    context=lambda council: council.plan,
    notifies=_council_notified,
    # the secretary records the minutes; the chair, who leads the meeting, concludes and signs
    actors={
        "secretary": lambda user, council: is_secretary(user, council),
        "chair": lambda user, council: is_chair(user, council),
        "office": lambda user, council: manages_province(user, council.plan.province),
    },
    transitions=[
        T("record_minutes", _("Ghi biên bản họp"), {CouncilStatus.FORMED}, "secretary",
          routine=True),
        T("conclude", _("Kết luận và ký biên bản"), {CouncilStatus.FORMED}, "chair",
          _("Biên bản họp hội đồng"), CouncilStatus.CONCLUDED,
          confirm=_("Mỗi hồ sơ trở thành “được đề xuất” hoặc “không được đề xuất” theo danh "
                    "sách; hội đồng đóng lại và biên bản không sửa được.")),
        T("reopen", _("Mở lại hội đồng"), {CouncilStatus.CONCLUDED}, "office",
          target=CouncilStatus.FORMED,
          confirm=_("Hội đồng làm việc lại: phiếu chấm có thể được Chủ tịch mở lại, biên bản "
                    "được ghi lại và hội đồng kết luận lại; lý do được lưu.")),
    ],
)

CALL_FLOW = Workflow(
    name="call", model=SupportCall, states=CallStatus, verb_prefix="call",
    select_related=("plan__province",),
    context=lambda call: call.plan,
    actors={"office": lambda user, call: manages_province(user, call.plan.province)},
    transitions=[
        T("edit", _("Sửa thông tin đợt"), {CallStatus.OPEN}, "office", routine=True),
        T("close", _("Đóng đợt sớm"), {CallStatus.OPEN}, "office", target=CallStatus.CLOSED,
          confirm=_("Đợt ngừng nhận hồ sơ ngay; hồ sơ đã nộp vẫn được xét.")),
        T("extend", _("Gia hạn nộp hồ sơ"), {CallStatus.OPEN, CallStatus.CLOSED}, "office",
          target=CallStatus.OPEN),
    ],
)

# A member's score changes no state (the case stays under review until the chair concludes) but
# is final once submitted: only the chair reopens it, with a reason.
SCORE_SUBMIT = Act(
    "score.submit", _("Nộp phiếu chấm"),
    _("Phiếu chấm được nộp với số điểm từng tiêu chí và tổng điểm dưới đây. Sau bước này bạn "
      "không sửa được phiếu, trừ khi Chủ tịch hội đồng mở lại."),
    verb=SupportVerb.SCORE_RECORDED, model=Score, may=can_score,
    document=_("Phiếu chấm điểm của thành viên hội đồng"))
