"""Who may do what in reporting, and when a unit may still send (allowed-or-why); the states
are in `workflow.py`."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.permissions import ALLOWED, Decision, allow_if, deny
from nscl.organisation.permissions import page_for
from nscl.organisation.scope import is_ministry, manages_province, reports_for
from nscl.plans.models import Plan

from .models import Submission


def can_manage_reporting(user, plan: Plan) -> Decision:
    """Issue requests, review contributions, consolidate, sign and send: the program office."""
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình được làm việc này."))


def can_write_submission(user, submission: Submission) -> bool:
    """A unit's contribution: its own reporter, or the program office on its behalf."""
    return reports_for(user, submission.unit) or \
        manages_province(user, submission.request.plan.province)


def can_compare_provinces(user) -> Decision:
    """The Ministry's view of every province's sent reports."""
    return allow_if(is_ministry(user), _("Chỉ Bộ Khoa học và Công nghệ xem so sánh các tỉnh."))


def sending_window(submission: Submission, today: dt.date | None = None) -> Decision:
    """Whether the unit may still send today: until its deadline on time; until the expiry the
    office set, late; after that only once the office reopens it (a new deadline). A report
    returned for corrections may always be sent back."""
    today = today or timezone.localdate()
    request = submission.request
    if not request.is_issued:
        return deny(_("Công văn chưa được ban hành."))
    if submission.status == "returned":
        return ALLOWED
    if submission.reopened_until and today <= submission.reopened_until:
        return ALLOWED
    if request.deadline and today <= request.deadline:
        return ALLOWED
    if request.expires_on and today <= request.expires_on:
        return ALLOWED  # late: the submission will be marked so
    closed = request.expires_on or request.deadline
    return deny(_("Đã hết hạn nhận báo cáo (%(d)s). Đề nghị cơ quan điều hành gia hạn để gửi.")
                % {"d": f"{closed:%d/%m/%Y}" if closed else "—"})


def uses_reporting(user) -> bool:
    """Whether the menu shows "Báo cáo": everyone with a unit but enterprises and council
    members (who have nothing to report), and the Ministry."""
    from nscl.organisation.scope import PROVINCE_READERS
    if not user.is_authenticated:
        return False
    if user.is_superuser or is_ministry(user):
        return True
    return user.role in PROVINCE_READERS or reports_for(user, user.unit) if user.unit_id \
        else False


def can_use_reporting(user) -> Decision:
    """The reporting inbox, offered to those `uses_reporting` names."""
    return page_for(uses_reporting(user))
