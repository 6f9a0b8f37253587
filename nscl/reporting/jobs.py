"""Reporting's background jobs — whatever goes through LibreOffice (seconds a document) runs in
a worker, never in the request:

- `report_pdf`: the draft report as PDF, as it is now;
- `report_freeze`: freezing the report into a version (its Word, PDF and Excel made and kept
  with their SHA-256, `services.version_freeze`);
- `submission_pdf`: a unit's own report as PDF.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy

from nscl.jobs.kinds import JobError, register
from nscl.jobs.services import job_start
from nscl.workflow.engine import WorkflowError

from . import documents, selectors
from .models import ConsolidatedReport, Submission
from .permissions import can_manage_reporting


def file_name(report: ConsolidatedReport) -> str:
    return documents.file_name(report)


def _report(job) -> ConsolidatedReport:
    return ConsolidatedReport.objects.select_related("request__plan__province").get(
        pk=job.params["report"])


def _may_view_report(user, job) -> bool:
    return selectors.reports_for(user).filter(pk=job.params["report"]).exists()


def _may_freeze(user, job) -> bool:
    report = selectors.reports_for(user).filter(pk=job.params["report"]).first()
    return report is not None and bool(can_manage_reporting(user, report.request.plan))


def _back_to_report(job) -> str:
    return reverse("reporting:report_detail", args=[job.params["report"]])


def _pdf(job, progress):
    report = _report(job)
    progress(0, 2)
    word = documents.report_docx(report)
    progress(1, 2)
    try:
        pdf = documents.pdf_bytes(word)
    except documents.ConversionError as exc:
        raise JobError(str(exc)) from exc
    return pdf, f"du-thao-{file_name(report)}.pdf", "application/pdf"


def _freeze(job, progress):
    from .services import version_freeze

    progress(0, 1)
    try:
        version_freeze(report=_report(job), actor=job.requested_by)
    except documents.ConversionError as exc:
        raise JobError(str(exc)) from exc
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise JobError(" ".join(messages)) from exc
    return None


def _submission(job) -> Submission:
    return Submission.objects.select_related("request__plan__province", "unit").get(
        pk=job.params["submission"])


def _may_view_submission(user, job) -> bool:
    return selectors.submissions_for(user).filter(pk=job.params["submission"]).exists()


def _back_to_submission(job) -> str:
    return reverse("reporting:submission_detail", args=[job.params["submission"]])


def _submission_pdf(job, progress):
    submission = _submission(job)
    progress(0, 2)
    word = documents.submission_docx(submission)
    progress(1, 2)
    try:
        pdf = documents.pdf_bytes(word)
    except documents.ConversionError as exc:
        raise JobError(str(exc)) from exc
    name = f"bao-cao-{submission.unit.code}-{submission.request.number or submission.pk}.pdf"
    return pdf, name, "application/pdf"


register("report_pdf", label=gettext_lazy("Dự thảo báo cáo tổng hợp (PDF)"), run=_pdf,
         may_view=_may_view_report, back_url=_back_to_report)
register("report_freeze", label=gettext_lazy("Chốt báo cáo tổng hợp (Word, PDF, Excel)"),
         run=_freeze, may_view=_may_freeze, back_url=_back_to_report)
register("submission_pdf", label=gettext_lazy("Báo cáo của đơn vị (PDF)"),
         run=_submission_pdf, may_view=_may_view_submission, back_url=_back_to_submission)


def report_pdf_start(*, report: ConsolidatedReport, actor):
    """A fresh PDF of the draft as it is now (one at a time per report)."""
    return job_start(kind="report_pdf", key=f"report_pdf:{report.pk}", actor=actor,
                     params={"report": report.pk}, total=2)


def report_freeze_start(*, report: ConsolidatedReport, actor):
    """Freeze the report's current version in a worker (one at a time per report)."""
    return job_start(kind="report_freeze", key=f"report_freeze:{report.pk}:{report.version}",
                     actor=actor, params={"report": report.pk}, total=1)


def submission_pdf_start(*, submission: Submission, actor):
    return job_start(kind="submission_pdf", key=f"submission_pdf:{submission.pk}", actor=actor,
                     params={"submission": submission.pk}, total=2)
