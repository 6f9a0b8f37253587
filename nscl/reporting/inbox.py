"""Reporting's part of "Việc chờ tôi": contributions a unit must write, finish or correct, and
contributions sent in that the program office must review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.workflow.inbox import Task

from .choices import SubmissionStatus
from .selectors import submissions_for
from .workflow import SUBMISSION_FLOW

TO_WRITE = (SubmissionStatus.EXPECTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


def tasks(user):
    candidates = (submissions_for(user)
                  .filter(status__in=(*TO_WRITE, SubmissionStatus.SUBMITTED))
                  .select_related("request", "unit").order_by("request__deadline")[:300])
    for submission in candidates:
        if submission.status in TO_WRITE and SUBMISSION_FLOW.may(user, submission, "save") \
                and not SUBMISSION_FLOW.may(user, submission, "reopen"):
            action = (_("Sửa theo ý kiến và gửi lại")
                      if submission.status == SubmissionStatus.RETURNED else _("Soạn và gửi"))
        elif submission.status == SubmissionStatus.SUBMITTED and \
                SUBMISSION_FLOW.may(user, submission, "accept"):
            action = _("Xem xét")
        else:
            continue
        yield Task(group=_("Báo cáo"), title=f"{submission.request.reference} — "
                                               f"{submission.unit.name}",
                   url=reverse("reporting:submission_detail", args=[submission.pk]),
                   state=submission.get_status_display(), actions=(action,),
                   deadline=submission.deadline if submission.status in TO_WRITE else None)
