"""Reporting's part of "Việc chờ tôi": for a unit, contributions to write (while it may still
send) and returned ones to fix; for the program office, drafts of requests to complete and
issue, contributions to review, requests past their deadline to consolidate, and frozen reports
to sign and send."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number
from nscl.workflow.inbox import More, Task

from .choices import ReportStatus, RequestStatus, SubmissionStatus
from .permissions import sending_window
from .selectors import reports_for, requests_for, submissions_for
from .workflow import REPORT_FLOW, REQUEST_FLOW, SUBMISSION_FLOW

TO_WRITE = (SubmissionStatus.EXPECTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
GROUP = _("Báo cáo")
# the candidates read per kind; past them the inbox says how many more and links to the
# reporting page, whose lists are paged (nothing dropped silently)
SUBMISSIONS, REQUESTS, REPORTS = 300, 100, 50


def _read(queryset, limit: int, text: str):
    """The first `limit` rows of `queryset`, and a `More` for the rows past them (None when
    all were read)."""
    candidates = list(queryset[:limit])
    if len(candidates) < limit:
        return candidates, None
    remaining = queryset.count() - limit
    if remaining <= 0:
        return candidates, None
    return candidates, More(group=GROUP, count=remaining, url=reverse("reporting:inbox"),
                            text=text % {"n": format_vn_number(remaining)})


def tasks(user):
    yield from _submissions(user)
    yield from _requests(user)
    yield from _reports(user)


def _submissions(user):
    waiting = (submissions_for(user)
               .filter(status__in=(*TO_WRITE, SubmissionStatus.SUBMITTED),
                       request__status=RequestStatus.ISSUED)
               .select_related("request__issuer", "unit").order_by("request__deadline", "pk"))
    candidates, more = _read(waiting, SUBMISSIONS, _(
        "Còn %(n)s đóng góp báo cáo chưa liệt kê ở đây (hạn muộn hơn): xem danh sách đầy đủ"))
    if more:
        yield more
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
        | Q(status=RequestStatus.ISSUED, deadline__lt=today, report__isnull=True)
    ).order_by("deadline", "pk")
    candidates, more = _read(waiting, REQUESTS, _(
        "Còn %(n)s công văn dự thảo hoặc quá hạn chưa liệt kê ở đây: xem danh sách đầy đủ"))
    if more:
        yield more
    for request in candidates:
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
    waiting = reports_for(user).filter(
        status__in=(ReportStatus.READY, ReportStatus.SIGNED)).order_by("pk")
    candidates, more = _read(waiting, REPORTS, _(
        "Còn %(n)s báo cáo tổng hợp chờ ký, gửi chưa liệt kê ở đây: xem danh sách đầy đủ"))
    if more:
        yield more
    for report in candidates:
        if REPORT_FLOW.may(user, report, "send"):
            action = _("Gửi Bộ") if report.status == ReportStatus.SIGNED else _("Ký số và gửi Bộ")
            yield Task(group=GROUP, title=f"{report.reference} — {report.subject[:80]}",
                       url=reverse("reporting:report_detail", args=[report.pk]),
                       state=report.get_status_display(), actions=(action,))
