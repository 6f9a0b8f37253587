"""Reads of reporting through the scope layer.

- the program office (and leadership, viewers) see their province's requests and submissions;
- a unit reporter sees only its own unit's submissions (its inbox);
- the Ministry sees the reports provinces have sent it.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_WIDE_ROLES, province_scope_path

from .choices import ReportStatus, SubmissionStatus
from .models import ConsolidatedReport, ReportingRequest, Submission


def requests_for(user) -> QuerySet[ReportingRequest]:
    requests = ReportingRequest.objects.select_related("plan__province", "issuer")
    if user.is_superuser:
        return requests
    if user.role in PROVINCE_WIDE_ROLES and user.unit_id:
        return requests.filter(plan__province__path__startswith=province_scope_path(user))
    return requests.none()


def request_get(user, pk: int) -> ReportingRequest:
    return get_object_or_404(requests_for(user), pk=pk)


def submissions_for(user) -> QuerySet[Submission]:
    found = Submission.objects.select_related("request__plan__province", "unit")
    if user.is_superuser:
        return found
    if user.role in PROVINCE_WIDE_ROLES and user.unit_id:
        return found.filter(request__plan__province__path__startswith=province_scope_path(user))
    if user.role == Role.UNIT_REPORTER and user.unit_id:
        return found.filter(unit__path__startswith=user.unit.path)
    return found.none()


def submission_get(user, pk: int) -> Submission:
    return get_object_or_404(submissions_for(user), pk=pk)


def sent_reports(user) -> QuerySet[ConsolidatedReport]:
    reports = ConsolidatedReport.objects.filter(status=ReportStatus.SENT).select_related(
        "request__plan__province")
    if user.is_superuser or user.role == Role.MINISTRY:
        return reports
    return reports.filter(request__in=requests_for(user))


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
