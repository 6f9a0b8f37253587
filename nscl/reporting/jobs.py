"""Reporting's background jobs: the consolidated report as PDF (LibreOffice, seconds a report)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from nscl.jobs.kinds import JobError, register
from nscl.jobs.services import job_start

from . import documents, selectors
from .models import ConsolidatedReport


def file_name(report: ConsolidatedReport) -> str:
    return f"bao-cao-{report.request.number}-{report.pk}"


def _may_view(user, job) -> bool:
    return selectors.reports_for(user).filter(pk=job.params["report"]).exists()


def _back(job) -> str:
    return reverse("reporting:report_detail", args=[job.params["report"]])


def _pdf(job, progress):
    report = ConsolidatedReport.objects.select_related("request").get(pk=job.params["report"])
    progress(0, 2)
    word = documents.docx_bytes(report)
    progress(1, 2)
    try:
        pdf = documents.pdf_bytes(word)
    except documents.ConversionError as exc:
        raise JobError(str(exc)) from exc
    return pdf, f"{file_name(report)}.pdf", "application/pdf"


register("report_pdf", label=gettext_lazy("Báo cáo tổng hợp (PDF)"), run=_pdf,
         may_view=_may_view, back_url=_back)


def report_pdf_start(*, report: ConsolidatedReport, actor):
    """A fresh PDF of the report as it is now (one at a time per report)."""
    return job_start(kind="report_pdf", key=f"report_pdf:{report.pk}", actor=actor,
                     params={"report": report.pk}, total=2)
