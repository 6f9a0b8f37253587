"""Every write of reporting: requests, submissions (through `SUBMISSION_FLOW`: draft →
submitted → returned / accepted), reopening a late unit, and the consolidated report (through
`REPORT_FLOW`: edited while a draft, closed once sent). All logged."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.workflow.services import event_record

from .choices import TEXT_KEYS
from .events import ReportingVerb
from .models import ConsolidatedReport, ReportingRequest, Submission, SubmissionRow
from .permissions import can_manage_reporting
from .table import RowInput, check_rows
from .workflow import EDITABLE, REPORT_FLOW, SUBMISSION_FLOW, S  # noqa: F401 (EDITABLE: pages)


@transaction.atomic
def request_issue(*, plan, issuer, number: str, symbol: str, issued_on: dt.date, subject: str,
                  kind: str, period_start: int, period_end: int, deadline: dt.date, units,
                  actor) -> ReportingRequest:
    """Issue a request; every recipient unit gets an expected submission at once, so
    completeness and timeliness follow from the records."""
    require(can_manage_reporting(actor, plan))
    request = ReportingRequest(plan=plan, issuer=issuer, number=number, symbol=symbol,
                               issued_on=issued_on, subject=subject, kind=kind,
                               period_start=period_start, period_end=period_end,
                               deadline=deadline)
    request.full_clean()
    request.save()
    Submission.objects.bulk_create([Submission(request=request, unit=u) for u in units])
    event_record(actor=actor, verb=ReportingVerb.REQUEST_ISSUED, obj=request, context=plan,
                 after={"name": request.reference, "value": len(units)})
    return request


def submission_save(*, submission: Submission, actor, sections: dict, rows: list[RowInput],
                    document_number: str = "", document_date: dt.date | None = None
                    ) -> Submission:
    """Save the unit's draft (its reporter, or the office on its behalf). An accepted
    submission is frozen."""
    def step(submission):
        submission.sections = {k: (sections.get(k) or "").strip() for k in TEXT_KEYS}
        submission.document_number, submission.document_date = document_number, document_date
        if submission.status == S.EXPECTED:
            submission.status = S.DRAFT
        submission.rows.all().delete()
        costs, _findings = check_rows(rows)
        SubmissionRow.objects.bulk_create([SubmissionRow(
            submission=submission, order=r.order, activity=r.activity, cost_text=r.cost_text,
            cost=costs.get(r.order), period=r.period, is_total=r.is_total) for r in rows])
        return {"rows": len(rows)}
    return SUBMISSION_FLOW.perform(submission, "save", actor, step)


def stored_rows(submission: Submission) -> list[RowInput]:
    return [RowInput(r.order, r.activity, r.cost_text, r.period, r.is_total)
            for r in submission.rows.all()]


def submission_submit(*, submission: Submission, actor) -> Submission:
    """Send to the program office; refused while the table has a bad cell or a wrong total."""
    def step(submission):
        _costs, findings = check_rows(stored_rows(submission))
        if findings:
            raise ValidationError([f.message for f in findings])
        if not any(submission.sections.values()):
            raise ValidationError(_("Báo cáo chưa có nội dung."))
        submission.submitted_at = timezone.now()
    return SUBMISSION_FLOW.perform(submission, "submit", actor, step)


def submission_review(*, submission: Submission, actor, accept: bool, comment: str = ""
                      ) -> Submission:
    """Accept (the submission is then frozen) or return it with comments."""
    if not accept and not comment.strip():
        raise ValidationError(_("Ghi ý kiến để đơn vị biết cần sửa gì."))

    def step(submission):
        submission.review_comment = comment
        submission.accepted_at = timezone.now() if accept else None
        return {"text": comment}
    return SUBMISSION_FLOW.perform(submission, "accept" if accept else "return", actor, step)


def submission_reopen(*, submission: Submission, actor, until: dt.date) -> Submission:
    """Give a late or missing unit a new deadline."""
    def step(submission):
        if until <= timezone.localdate():
            raise ValidationError(_("Hạn mới phải sau hôm nay."))
        submission.reopened_until = until
        return {"deadline": until}
    return SUBMISSION_FLOW.perform(submission, "reopen", actor, step)


def report_save(*, report: ConsolidatedReport, actor, **fields) -> ConsolidatedReport:
    """Edit the text of the consolidated report while it is a draft."""
    def step(report):
        before = {k: getattr(report, k) for k in fields if k != "sections"}
        for name, value in fields.items():
            setattr(report, name, value)
        report.full_clean()
        return {k: getattr(report, k) for k in fields if k != "sections" and
                getattr(report, k) != before.get(k)}
    return REPORT_FLOW.perform(report, "edit", actor, step)


def report_send(*, report: ConsolidatedReport, actor, figures: dict) -> ConsolidatedReport:
    """Send to the Ministry with the key figures as they are now; the report is then closed."""
    def step(report):
        report.figures = figures
        return {"figures": figures}
    return REPORT_FLOW.perform(report, "send", actor, step)
