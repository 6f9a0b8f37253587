"""Support's background jobs: the council's minutes as PDF (LibreOffice takes seconds, so it
runs in a worker, never in the request — as reporting's PDFs do)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from nscl.jobs.kinds import JobError, register
from nscl.jobs.services import job_start

from . import selectors
from .minutes import minutes_docx, minutes_file_name
from .models import Council
from .permissions import can_read_minutes


def _may_view(user, job) -> bool:
    council = selectors.councils_for(user).filter(pk=job.params["council"]).first()
    return council is not None and bool(can_read_minutes(user, council))


def _back(job) -> str:
    return reverse("support:council_detail", args=[job.params["council"]])


def _minutes_pdf(job, progress):
    from nscl.reporting.documents import ConversionError, pdf_bytes

    council = Council.objects.select_related("plan__province").get(pk=job.params["council"])
    progress(0, 2)
    word = minutes_docx(council)
    progress(1, 2)
    try:
        pdf = pdf_bytes(word)
    except ConversionError as exc:
        raise JobError(str(exc)) from exc
    return pdf, f"{minutes_file_name(council)}.pdf", "application/pdf"


register("council_minutes_pdf", label=gettext_lazy("Biên bản họp hội đồng (PDF)"),
         run=_minutes_pdf, may_view=_may_view, back_url=_back)


def minutes_pdf_start(*, council: Council, actor):
    """The minutes as PDF; concluded minutes do not change, so a finished file is reused
    (reopening and concluding again gives a new key)."""
    stamp = council.concluded_at.strftime("%Y%m%d%H%M%S%f") if council.concluded_at else "0"
    return job_start(kind="council_minutes_pdf", key=f"council_minutes_pdf:{council.pk}:{stamp}",
                     actor=actor, params={"council": council.pk}, total=2, reuse_done=True)
