"""Reads of reporting through the scope layer: the province's office, leadership and viewers
see its requests and submissions (`ReportingRequest.scope`, `Submission.scope`); a unit's
reporter only its own unit's submissions (its inbox); the Ministry the reports sent to it and
only their sent versions (`ConsolidatedReport.scope`, `ReportVersion.scope`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from nscl.core.text import search_key
from nscl.organisation.scope import CHANGE, get_in_scope, restrict
from nscl.plans.models import Plan

from .choices import RequestStatus, SubmissionStatus
from .models import (
    ConsolidatedReport,
    ReportingRequest,
    ReportVersion,
    RequestTemplate,
    Submission,
    SubmissionAttachment,
)


def requests_for(user) -> QuerySet[ReportingRequest]:
    return restrict(ReportingRequest.objects.select_related("plan__province", "issuer"), user)


def request_get(user, pk: int) -> ReportingRequest:
    return get_in_scope(ReportingRequest.objects.select_related(
        "plan__province", "issuer", "recipient"), user, pk)


def templates_for(user) -> QuerySet[RequestTemplate]:
    return restrict(RequestTemplate.objects.select_related("plan"), user).annotate(
        made=Count("requests"))


def plans_to_report_on(user) -> QuerySet[Plan]:
    """The plans whose requests the user may draft: those their province's office runs."""
    return restrict(Plan.objects.all(), user, CHANGE)


def submissions_for(user) -> QuerySet[Submission]:
    return restrict(Submission.objects.select_related("request__plan__province", "unit"), user)


def submission_list(user, *, query: str = "", year: int | None = None, status: str = "",
                    unit: int | None = None) -> QuerySet[Submission]:
    """The contributions to issued requests the user sees, newest request first: `query`
    matches the unit's name or the request's number without diacritics, `year` the year the
    request was issued."""
    found = submissions_for(user).filter(request__status=RequestStatus.ISSUED)
    for word in search_key(query).split():
        found = found.filter(Q(unit__search_key__contains=word)
                             | Q(request__number__icontains=word)
                             | Q(request__symbol__icontains=word))
    if year is not None:
        found = found.filter(request__issued_on__gte=dt.date(year, 1, 1),
                             request__issued_on__lte=dt.date(year, 12, 31))
    if status:
        found = found.filter(status=status)
    if unit is not None:
        found = found.filter(unit_id=unit)
    return found.order_by("-request__issued_on", "-pk")


def submission_get(user, pk: int) -> Submission:
    return get_in_scope(Submission.objects.select_related(
        "request__plan__province", "request__issuer", "request__recipient", "unit"), user, pk)


def attachment_get(user, pk: int) -> SubmissionAttachment:
    return get_in_scope(SubmissionAttachment.objects.select_related("submission__request"),
                        user, pk)


def reports_for(user) -> QuerySet[ConsolidatedReport]:
    return restrict(ConsolidatedReport.objects.select_related("request__plan__province"), user)


def report_get(user, pk: int) -> ConsolidatedReport:
    return get_in_scope(ConsolidatedReport.objects.select_related(
        "request__plan__province", "request__issuer"), user, pk)


def versions_for(user, report: ConsolidatedReport | None = None) -> QuerySet[ReportVersion]:
    versions = restrict(ReportVersion.objects.select_related(
        "report__request__plan__province", "sent_by"), user)
    return versions.filter(report=report) if report is not None else versions


def version_get(user, pk: int) -> ReportVersion:
    return get_in_scope(ReportVersion.objects.select_related("report__request__plan__province"),
                        user, pk)


def sent_versions(user) -> QuerySet[ReportVersion]:
    return versions_for(user).filter(sent_at__isnull=False).select_related(
        "report__request__plan__province__successor")


def sent_reports(user) -> QuerySet[ConsolidatedReport]:
    return reports_for(user).filter(ever_sent=True)


@dataclass
class Completeness:
    submission: Submission
    state: str  # on_time, late, missing, returned, pending
    label: str


STATE_LABELS = {"on_time": _l("Đúng hạn"), "late": _l("Muộn"), "missing": _l("Chưa gửi, quá hạn"),
                "returned": _l("Trả lại, chờ sửa"), "pending": _l("Chưa đến hạn")}


def completeness(request: ReportingRequest) -> list[Completeness]:
    today = timezone.localdate()
    rows = []
    for submission in request.submissions.select_related("unit", "request").order_by(
            "unit__name"):
        if submission.status == SubmissionStatus.RETURNED:
            state = "returned"
        elif submission.submitted_at is not None:
            state = "late" if submission.is_late else "on_time"
        else:
            deadline = submission.deadline
            state = "missing" if deadline and today > deadline else "pending"
        rows.append(Completeness(submission, state, STATE_LABELS[state]))
    return rows
