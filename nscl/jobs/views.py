"""A job's page: progress (htmx), the error in Vietnamese with a retry button, the file when it
is ready, and a plain word when no worker is running to do it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .kinds import kind_of
from .models import Job, JobStatus
from .permissions import may_view_job


def _job_get(user, pk) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not may_view_job(user, job):
        raise Http404
    return job


def _context(job: Job) -> dict:
    kind = kind_of(job.kind)
    return {"job": job, "label": kind.label,
            "back": kind.back_url(job) if kind.back_url else None,
            "no_worker": job.is_active and not services.workers_alive()}


@login_required
def job_detail(request, pk):
    return render(request, "jobs/job_detail.html", _context(_job_get(request.user, pk)))


@login_required
def job_progress(request, pk):
    return render(request, "jobs/_job_progress.html", _context(_job_get(request.user, pk)))


@login_required
@require_POST
def job_retry(request, pk):
    job = services.job_retry(job=_job_get(request.user, pk))
    messages.success(request, _("Đã cho chạy lại."))
    return redirect("jobs:job_detail", pk=job.pk)


@login_required
def job_download(request, pk):
    job = _job_get(request.user, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404
    try:
        handle = job.result.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.result_name,
                        content_type=job.result_type or "application/octet-stream")
