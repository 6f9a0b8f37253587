"""Every write of reporting: requests, submissions (draft → submitted → returned / accepted),
reopening a late unit, building, editing and sending the consolidated report. All logged."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.organisation.scope import can_manage_province_of, can_report_for
from nscl.workflow.services import event_record

from .choices import TEXT_KEYS, ReportStatus, SubmissionStatus
from .models import ConsolidatedReport, ReportingRequest, Submission, SubmissionRow
from .table import RowInput, check_rows

S = SubmissionStatus
EDITABLE = {S.EXPECTED, S.DRAFT, S.RETURNED}


def _office(actor, plan) -> None:
    if not can_manage_province_of(actor, plan.province):
        raise PermissionDenied(_("Chỉ cơ quan điều hành Chương trình được làm việc này."))


@transaction.atomic
def request_issue(*, plan, issuer, number: str, symbol: str, issued_on: dt.date, subject: str,
                  kind: str, period_start: int, period_end: int, deadline: dt.date, units,
                  actor) -> ReportingRequest:
    """Issue a request; every recipient unit gets an expected submission at once, so
    completeness and timeliness follow from the records."""
    _office(actor, plan)
    request = ReportingRequest(plan=plan, issuer=issuer, number=number, symbol=symbol,
                               issued_on=issued_on, subject=subject, kind=kind,
                               period_start=period_start, period_end=period_end,
                               deadline=deadline)
    request.full_clean()
    request.save()
    Submission.objects.bulk_create([Submission(request=request, unit=u) for u in units])
    event_record(actor=actor, verb="request_issued", obj=plan,
                 after={"name": request.reference, "value": len(units)})
    return request


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related(
        "request__plan__province", "unit").get(pk=submission.pk)


@transaction.atomic
def submission_save(*, submission: Submission, actor, sections: dict, rows: list[RowInput],
                    document_number: str = "", document_date: dt.date | None = None
                    ) -> Submission:
    """Save the unit's draft (its reporter, or the office on its behalf). An accepted
    submission is frozen."""
    submission = _lock(submission)
    if not (can_report_for(actor, submission.unit)
            or can_manage_province_of(actor, submission.request.plan.province)):
        raise PermissionDenied(_("Bạn không được soạn báo cáo của đơn vị này."))
    if submission.status not in EDITABLE:
        raise ValidationError(_("Báo cáo đã gửi hoặc đã được chấp nhận: không sửa được."))
    before = {"status": submission.status}
    submission.sections = {k: (sections.get(k) or "").strip() for k in TEXT_KEYS}
    submission.document_number, submission.document_date = document_number, document_date
    if submission.status == S.EXPECTED:
        submission.status = S.DRAFT
    submission.save()
    submission.rows.all().delete()
    costs, _findings = check_rows(rows)
    SubmissionRow.objects.bulk_create([SubmissionRow(
        submission=submission, order=r.order, activity=r.activity, cost_text=r.cost_text,
        cost=costs.get(r.order), period=r.period, is_total=r.is_total) for r in rows])
    event_record(actor=actor, verb="submission_saved", obj=submission, before=before,
                 after={"status": submission.status, "value": len(rows)})
    return submission


def stored_rows(submission: Submission) -> list[RowInput]:
    return [RowInput(r.order, r.activity, r.cost_text, r.period, r.is_total)
            for r in submission.rows.all()]


@transaction.atomic
def submission_submit(*, submission: Submission, actor) -> Submission:
    """Send to the program office; refused while the table has a bad cell or a wrong total."""
    submission = _lock(submission)
    if not (can_report_for(actor, submission.unit)
            or can_manage_province_of(actor, submission.request.plan.province)):
        raise PermissionDenied(_("Bạn không được gửi báo cáo của đơn vị này."))
    if submission.status not in {S.DRAFT, S.RETURNED}:
        raise ValidationError(_("Chỉ gửi được báo cáo đang soạn hoặc bị trả lại."))
    _costs, findings = check_rows(stored_rows(submission))
    if findings:
        raise ValidationError([f.message for f in findings])
    if not any(submission.sections.values()):
        raise ValidationError(_("Báo cáo chưa có nội dung."))
    submission.status, submission.submitted_at = S.SUBMITTED, timezone.now()
    submission.save()
    event_record(actor=actor, verb="submission_submitted", obj=submission,
                 after={"status": submission.status})
    return submission


@transaction.atomic
def submission_review(*, submission: Submission, actor, accept: bool, comment: str = ""
                      ) -> Submission:
    """Accept (the submission is then frozen) or return it with comments."""
    submission = _lock(submission)
    _office(actor, submission.request.plan)
    if submission.status != S.SUBMITTED:
        raise ValidationError(_("Chỉ xem xét được báo cáo đã gửi."))
    if not accept and not comment.strip():
        raise ValidationError(_("Ghi ý kiến để đơn vị biết cần sửa gì."))
    submission.status = S.ACCEPTED if accept else S.RETURNED
    submission.review_comment = comment
    submission.accepted_at = timezone.now() if accept else None
    submission.save()
    event_record(actor=actor, verb="submission_accepted" if accept else "submission_returned",
                 obj=submission, after={"status": submission.status, "text": comment})
    return submission


@transaction.atomic
def submission_reopen(*, submission: Submission, actor, until: dt.date) -> Submission:
    """Give a late or missing unit a new deadline."""
    submission = _lock(submission)
    _office(actor, submission.request.plan)
    if submission.status not in EDITABLE:
        raise ValidationError(_("Đơn vị đã gửi báo cáo."))
    if until <= timezone.localdate():
        raise ValidationError(_("Hạn mới phải sau hôm nay."))
    submission.reopened_until = until
    submission.save()
    event_record(actor=actor, verb="submission_reopened", obj=submission,
                 after={"deadline": f"{until:%d/%m/%Y}"})
    return submission


@transaction.atomic
def report_save(*, report: ConsolidatedReport, actor, **fields) -> ConsolidatedReport:
    """Edit the text of the consolidated report before generating its documents."""
    report = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
    _office(actor, report.request.plan)
    if report.status == ReportStatus.SENT:
        raise ValidationError(_("Báo cáo đã gửi Bộ: không sửa được."))
    before = {k: getattr(report, k) for k in fields if k != "sections"}
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    event_record(actor=actor, verb="report_saved", obj=report.request.plan, before=before,
                 after={k: getattr(report, k) for k in fields if k != "sections"},
                 note=report.reference)
    return report
