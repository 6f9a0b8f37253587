"""Health checks for the load balancer, systemd and the person on call (docs/deploy.md):
`/suc-khoe/web` (the process answers), `/suc-khoe/db` (database and cache answer),
`/suc-khoe/worker` (a worker is alive; what waits and what failed). 200 when healthy, 503 not;
the body is JSON with counts only (no names, no data), so it may be reached without login."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import Job, JobStatus, MailStatus, OutgoingMail, WorkerBeat
from .services import backend_name, workers_alive


def _answer(ok: bool, **facts) -> JsonResponse:
    return JsonResponse({"ok": ok, **facts}, status=200 if ok else 503)


@never_cache
def web(request):
    return _answer(True)


@never_cache
def database(request):
    facts = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        facts["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 (any failure is the answer)
        facts["database"] = type(exc).__name__
    try:
        cache.set("health", 1, 10)
        facts["cache"] = "ok" if cache.get("health") == 1 else "not shared"
    except Exception as exc:  # noqa: BLE001
        facts["cache"] = type(exc).__name__
    return _answer(facts["database"] == "ok" and facts["cache"] == "ok", **facts)


@never_cache
def worker(request):
    now = timezone.now()
    oldest = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at").first()
    facts = {
        "backend": backend_name(),
        "workers": WorkerBeat.objects.filter(seen_at__gte=now - timedelta(seconds=30)).count(),
        "jobs_queued": Job.objects.filter(status=JobStatus.QUEUED).count(),
        "jobs_running": Job.objects.filter(status=JobStatus.RUNNING).count(),
        "oldest_queued_seconds": int((now - oldest.created_at).total_seconds()) if oldest else 0,
        "mails_queued": OutgoingMail.objects.filter(status=MailStatus.QUEUED).count(),
        "mails_failed": OutgoingMail.objects.filter(status=MailStatus.FAILED).count(),
        # a worker died inside the mail server call: sent or not, a person must look
        "mails_uncertain": OutgoingMail.objects.filter(
            status=MailStatus.SENDING, created_at__lt=now - timedelta(minutes=10)).count(),
    }
    return _answer(workers_alive(), **facts)
