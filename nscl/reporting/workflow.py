"""The lifecycles of reporting, declared for the one engine (`nscl.workflow.engine`):

- a unit's contribution: expected → draft → submitted → returned (for corrections) or accepted
  (frozen); the program office may give a late unit a new deadline while it has not sent;
- the consolidated report: a draft, rebuilt and edited as often as needed, then sent to the
  Ministry — after which it is closed (no rebuild, no edit, no second sending).
"""

from django.utils.translation import gettext_lazy as _

from nscl.organisation.scope import manages_province
from nscl.workflow.engine import Transition as T
from nscl.workflow.engine import Workflow

from .choices import ReportStatus, SubmissionStatus
from .models import ConsolidatedReport, Submission
from .permissions import can_write_submission

S = SubmissionStatus
EDITABLE = {S.EXPECTED, S.DRAFT, S.RETURNED}

SUBMISSION_FLOW = Workflow(
    name="submission", model=Submission, states=SubmissionStatus, verb_prefix="submission",
    select_related=("request__plan__province", "unit"),
    context=lambda submission: submission.request.plan,
    actors={
        "unit": can_write_submission,
        "office": lambda user, s: manages_province(user, s.request.plan.province),
    },
    transitions=[
        T("save", _("Lưu bản nháp báo cáo của đơn vị"), EDITABLE, "unit", routine=True),
        T("submit", _("Gửi báo cáo của đơn vị"), {S.DRAFT, S.RETURNED}, "unit",
          target=S.SUBMITTED,
          confirm=_("Báo cáo được gửi tới cơ quan điều hành; đơn vị không sửa được nữa trừ khi "
                    "bị trả lại.")),
        T("accept", _("Chấp nhận báo cáo của đơn vị"), {S.SUBMITTED}, "office", target=S.ACCEPTED,
          confirm=_("Báo cáo được chấp nhận và khóa lại; nội dung được đưa vào báo cáo tổng "
                    "hợp.")),
        T("return", _("Trả lại để chỉnh sửa"), {S.SUBMITTED}, "office", target=S.RETURNED),
        T("reopen", _("Gia hạn nộp báo cáo"), EDITABLE, "office", routine=True),
    ],
)

R = ReportStatus
REPORT_FLOW = Workflow(
    name="report", model=ConsolidatedReport, states=ReportStatus, verb_prefix="report",
    select_related=("request__plan__province",),
    context=lambda report: report.request.plan,
    actors={"office": lambda user, r: manages_province(user, r.request.plan.province)},
    transitions=[
        T("build", _("Tổng hợp lại báo cáo từ dữ liệu"), {R.DRAFT}, "office", routine=True),
        T("edit", _("Sửa nội dung báo cáo tổng hợp"), {R.DRAFT}, "office", routine=True),
        T("send", _("Gửi báo cáo tới Bộ Khoa học và Công nghệ"), {R.DRAFT}, "office",
          target=R.SENT,
          confirm=_("Báo cáo và các số liệu được gửi tới Bộ và khóa lại; muốn sửa phải lập "
                    "phiên bản mới.")),
    ],
)
