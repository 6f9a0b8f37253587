"""Reporting's part of "Việc chờ tôi": for a unit, contributions to write (while it may still
send) and returned ones to fix; for the program office, drafts of requests to complete and
issue, contributions to review, requests past their deadline to consolidate, and frozen reports
to sign and send."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.workflow.inbox import Task

from .choices import ReportStatus, RequestStatus, SubmissionStatus
from .permissions import sending_window
from .selectors import reports_for, requests_for, submissions_for
from .workflow import REPORT_FLOW, REQUEST_FLOW, SUBMISSION_FLOW

TO_WRITE = (SubmissionStatus.EXPECTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
GROUP = _("Báo cáo")


def tasks(user):
    yield from _submissions(user)
    yield from _requests(user)
    yield from _reports(user)


def _submissions(user):
    candidates = (submissions_for(user)
                  .filter(status__in=(*TO_WRITE, SubmissionStatus.SUBMITTED),
                          request__status=RequestStatus.ISSUED)
                  .select_related("request__issuer", "unit").order_by("request__deadline")[:300])
    for submission in candidates:
        if submission.status in TO_WRITE and SUBMISSION_FLOW.may(user, submission, "save") \
                and not SUBMISSION_FLOW.may(user, submission, "reopen"):
            if not sending_window(submission):
                continue  # closed: nothing the unit can do until the office reopens it
            action = (_("Sửa theo ý kiến và gửi lại")
                      if submission.status == SubmissionStatus.RETURNED else _("Soạn và gửi"))
        elif submission.status == SubmissionStatus.SUBMITTED and \
                SUBMISSION_FLOW.may(user, submission, "accept"):
            action = _("Xem xét")
        else:
            continue
        yield Task(group=GROUP, title=f"{submission.request.reference} — "
                                      f"{submission.unit.name}",
                   url=reverse("reporting:submission_detail", args=[submission.pk]),
                   state=submission.get_status_display(), actions=(action,),
                   deadline=submission.deadline if submission.status in TO_WRITE else None)


def _title(request) -> str:
    return f"{request.reference} — {request.name or request.subject}"


def _requests(user):
    """Drafts to complete and issue; issued requests past their deadline with no report."""
    today = timezone.localdate()
    waiting = requests_for(user).filter(
        Q(status=RequestStatus.DRAFT)
        | Q(status=RequestStatus.ISSUED, deadline__lt=today, report__isnull=True))[:100]
    for request in waiting:
        if not REQUEST_FLOW.actors["office"](user, request):
            continue
        url = reverse("reporting:request_detail", args=[request.pk])
        if request.status == RequestStatus.DRAFT:
            yield Task(group=GROUP, title=_title(request), url=url,
                       state=request.get_status_display(),
                       actions=(_("Hoàn thiện và ban hành"),), deadline=request.deadline)
        else:
            yield Task(group=GROUP, title=_title(request), url=url,
                       state=_("Đã hết hạn gửi"), actions=(_("Tổng hợp báo cáo"),))


def _reports(user):
    for report in reports_for(user).filter(status__in=(ReportStatus.READY,
                                                       ReportStatus.SIGNED))[:50]:
        if REPORT_FLOW.may(user, report, "send"):
            action = _("Gửi Bộ") if report.status == ReportStatus.SIGNED else _("Ký số và gửi Bộ")
            yield Task(group=GROUP, title=f"{report.reference} — {report.subject[:80]}",
                       url=reverse("reporting:report_detail", args=[report.pk]),
                       state=report.get_status_display(), actions=(action,))
