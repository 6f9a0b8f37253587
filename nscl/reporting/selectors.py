"""Reads of reporting through the scope layer: the province's office, leadership and viewers
see its requests and submissions (`ReportingRequest.scope`, `Submission.scope`); a unit's
reporter only its own unit's submissions (its inbox); the Ministry the reports sent to it
(`ConsolidatedReport.scope`)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from nscl.organisation.scope import get_in_scope, restrict

from .choices import ReportStatus, SubmissionStatus
from .models import ConsolidatedReport, ReportingRequest, Submission


def requests_for(user) -> QuerySet[ReportingRequest]:
    return restrict(ReportingRequest.objects.select_related("plan__province", "issuer"), user)


def request_get(user, pk: int) -> ReportingRequest:
    return get_in_scope(ReportingRequest.objects.select_related("plan__province", "issuer"),
                        user, pk)


def submissions_for(user) -> QuerySet[Submission]:
    return restrict(Submission.objects.select_related("request__plan__province", "unit"), user)


def submission_get(user, pk: int) -> Submission:
    return get_in_scope(Submission.objects.select_related("request__plan__province", "unit"),
                        user, pk)


def reports_for(user) -> QuerySet[ConsolidatedReport]:
    return restrict(ConsolidatedReport.objects.select_related("request__plan__province"), user)


def report_get(user, pk: int) -> ConsolidatedReport:
    return get_in_scope(ConsolidatedReport.objects.select_related("request__plan__province"),
                        user, pk)


def sent_reports(user) -> QuerySet[ConsolidatedReport]:
    return reports_for(user).filter(status=ReportStatus.SENT)


@dataclass
class Completeness:
    submission: Submission
    state: str  # on_time, late, missing, returned, pending
    label: str


STATE_LABELS = {"on_time": "Đúng hạn", "late": "Muộn", "missing": "Chưa gửi, quá hạn",
                "returned": "Trả lại, chờ sửa", "pending": "Chưa đến hạn"}


def completeness(request: ReportingRequest) -> list[Completeness]:
    today = timezone.localdate()
    rows = []
    for submission in request.submissions.select_related("unit").order_by("unit__name"):
        if submission.status == SubmissionStatus.RETURNED:
            state = "returned"
        elif submission.submitted_at is not None:
            on_time = timezone.localtime(submission.submitted_at).date() <= submission.deadline
            state = "on_time" if on_time else "late"
        else:
            state = "missing" if today > submission.deadline else "pending"
        rows.append(Completeness(submission, state, STATE_LABELS[state]))
    return rows
