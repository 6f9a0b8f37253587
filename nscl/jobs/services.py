"""Starting, running, following and recovering jobs; queueing and sending e-mail (ADR 7).

A job is claimed before it runs (an UPDATE that only one worker can win), reports progress and
a heartbeat while it runs, and is taken over by another worker when its own stopped saying it
is alive. Each kind's work is written so that running it again after a crash finishes it
without doing anything twice (the stamp roll's fill tops up to exactly N).
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .kinds import JobError, kind_of
from .models import ACTIVE, Job, JobStatus, MailStatus, OutgoingMail, WorkerBeat

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 5
HOST = socket.gethostname()


class JobLost(Exception):
    """Another worker took the job over (this one was thought dead): stop quietly."""


def worker_name() -> str:
    return f"{HOST}:{os.getpid()}"


def after_commit(function: Callable[[], None]) -> None:
    """Run `function` when the current transaction commits (at once outside one). Tests run
    inside a transaction that never commits: they set NSCL_TASKS_AFTER_COMMIT = False."""
    if getattr(settings, "NSCL_TASKS_AFTER_COMMIT", True):
        transaction.on_commit(function)
    else:
        function()


def backend_name() -> str:
    from django_tasks import task_backends

    return type(task_backends["default"]).__name__


def _immediate() -> bool:
    return backend_name() == "ImmediateBackend"


# --- starting ----------------------------------------------------------------------------------

def job_start(*, kind: str, key: str, actor=None, params: dict | None = None, total: int = 0,
              reuse_done: bool = False, enqueue: bool = True) -> Job:
    """The job for `key`: the one already queued or running (never a second), the last one done
    when `reuse_done` (its file is still good), or a new one queued after commit. With
    `enqueue=False` the caller runs it (`job_follow`, the command line); should the caller die,
    `jobs_recover` queues it for a worker."""
    kind_of(kind)  # an unknown kind fails here, not in the worker
    existing = Job.objects.filter(key=key, status__in=ACTIVE).first()
    if existing:
        return existing
    if reuse_done:
        done = Job.objects.filter(key=key, status=JobStatus.DONE).order_by("-finished_at").first()
        if done and (not done.result or done.result.storage.exists(done.result.name)):
            return done
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, key=key, params=params or {}, total=total,
                                     requested_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:  # asked at the same moment by someone else: theirs
        return Job.objects.get(key=key, status__in=ACTIVE)
    if enqueue:
        after_commit(lambda: _enqueue(job.pk))
    return job


def job_retry(*, job: Job) -> Job:
    """A failed job queued again as it was (its progress kept: the work resumes)."""
    if job.status != JobStatus.FAILED:
        return job
    try:
        with transaction.atomic():
            changed = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
                status=JobStatus.QUEUED, error="", finished_at=None, worker="")
    except IntegrityError:  # another job for the same thing is running meanwhile
        return Job.objects.get(key=job.key, status__in=ACTIVE)
    if changed:
        after_commit(lambda: _enqueue(job.pk))
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: str) -> str:
    """The task the backend carries for every job: it names a row of ours and runs it, so any
    backend (database, Redis, immediate) runs the same work the same way."""
    job = job_execute(job_id)
    return job.status if job else "skipped"


def _enqueue(job_id) -> None:
    try:
        result = run_job.enqueue(str(job_id))
    except Exception:  # the queue is down: the job stays queued and `jobs_recover` retries
        logger.exception("could not queue job %s", job_id)
        return
    Job.objects.filter(pk=job_id).update(task_id=result.id)


# --- running -----------------------------------------------------------------------------------

def _orphaned(job: Job, now=None) -> bool:
    """A running job whose worker is gone: its process is dead (same machine) or silent."""
    if job.status != JobStatus.RUNNING:
        return False
    now = now or timezone.now()
    if job.heartbeat_at is None or \
            job.heartbeat_at < now - timedelta(seconds=settings.NSCL_JOB_STALE_SECONDS):
        return True
    host, _sep, pid = job.worker.rpartition(":")
    if host == HOST and pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
    return False


def job_claim(job_id) -> Job | None:
    """Take the job if it waits, or if its worker died; None if someone else has it or it ended.
    `attempts` is the version the UPDATE checks, so of two claimers only one wins."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not (job.status == JobStatus.QUEUED or _orphaned(job)):
        return None
    now = timezone.now()
    won = Job.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=JobStatus.RUNNING, worker=worker_name(), attempts=job.attempts + 1,
        heartbeat_at=now, started_at=job.started_at or now, error="")
    if not won:
        return None
    job.refresh_from_db()
    return job


def _mine(job: Job):
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker)


@contextmanager
def _heartbeat(job: Job):
    """Say every few seconds that the job's worker is alive, from a thread (a LibreOffice
    conversion or a big insert gives the job no other chance to say it)."""
    if _immediate():
        yield
        return
    stop = threading.Event()
    every = max(1.0, settings.NSCL_JOB_STALE_SECONDS / 6)

    def beat():
        try:
            while not stop.wait(every):
                _mine(job).update(heartbeat_at=timezone.now())
        finally:
            connection.close()

    thread = threading.Thread(target=beat, daemon=True, name=f"heartbeat-{job.pk}")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _progress_writer(job: Job, extra: Callable[[int, int], None] | None):
    last = [0.0]

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total
        if extra:
            extra(done, total)
        now = time.monotonic()
        if done < total and now - last[0] < 0.3:  # pages and chunks can come fast: the
            return  # database hears of them a few times a second at most
        last[0] = now
        if not _mine(job).update(done=done, total=total, heartbeat_at=timezone.now()):
            raise JobLost(job.pk)
    return progress


def job_execute(job_id, progress: Callable[[int, int], None] | None = None) -> Job | None:
    """Claim and run one job to its end (done or failed). None when it is not ours to run."""
    job = job_claim(job_id)
    if job is None:
        return None
    kind = kind_of(job.kind)
    try:
        with _heartbeat(job):
            outcome = kind.run(job, _progress_writer(job, progress))
    except JobLost:
        logger.warning("job %s was taken over by another worker", job.pk)
        return None
    except JobError as exc:
        _finish(job, status=JobStatus.FAILED, error=str(exc))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, status=JobStatus.FAILED, error=_(
            "Việc bị lỗi ngoài dự kiến. Hãy bấm “Thử lại”; nếu vẫn lỗi, xin báo quản trị hệ "
            "thống (mã việc %(id)s).") % {"id": job.pk})
    else:
        if outcome:
            content, name, content_type = outcome
            job.result.save(f"{job.pk}-{name}", ContentFile(content), save=False)
            _mine(job).update(result=job.result.name, result_name=name,
                              result_type=content_type)
        _finish(job, status=JobStatus.DONE)
    job.refresh_from_db()
    return job


def _finish(job: Job, *, status: str, error: str = "") -> None:
    fields = {"status": status, "error": error, "finished_at": timezone.now()}
    if status == JobStatus.DONE:
        fields["done"] = F("total")
    _mine(job).update(**fields)


def job_follow(job: Job, progress: Callable[[int, int], None], poll: float = 0.5) -> Job:
    """Run the job here if nobody runs it (the command line is a worker too), else show the
    progress of the worker that does, until it ends."""
    ran = job_execute(job.pk, progress) if job.status == JobStatus.QUEUED else None
    if ran is not None:
        return ran
    while True:
        job.refresh_from_db()
        progress(job.done, job.total)
        if not job.is_active:
            return job
        if _orphaned(job):
            ran = job_execute(job.pk, progress)
            if ran is not None:
                return ran
        time.sleep(poll)


# --- recovering --------------------------------------------------------------------------------

def jobs_recover() -> int:
    """Queue again the jobs nothing will run: those whose worker died while running them, and
    those still waiting whose task was lost (the queue was down when they were asked for)."""
    now = timezone.now()
    requeued = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        if _orphaned(job, now):
            try:
                _mark_task_failed(job.task_id)
            except Exception:  # tidying the backend's own row is not worth stopping for
                logger.exception("could not close task %s", job.task_id)
            _enqueue_again(job)
            requeued += 1
    waited = now - timedelta(seconds=30)
    for job in Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=waited):
        if not _task_pending(job.task_id):
            _enqueue_again(job)
            requeued += 1
    return requeued + mails_recover()


def _enqueue_again(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(task_id="")
    _enqueue(job.pk)


def _task_pending(task_id: str) -> bool:
    if not task_id:
        return False
    from django_tasks import task_backends

    try:
        return task_backends["default"].get_result(task_id).status in ("READY", "RUNNING")
    except Exception:  # no such result (expired, never stored)
        return False


def _mark_task_failed(task_id: str) -> None:
    """The database backend leaves a killed worker's task RUNNING for ever: close it."""
    if not task_id or backend_name() != "DatabaseBackend":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now())


# --- workers -----------------------------------------------------------------------------------

def worker_beat(worker: str, backend: str) -> None:
    WorkerBeat.objects.update_or_create(worker=worker, defaults={
        "backend": backend, "seen_at": timezone.now()})


def worker_gone(worker: str) -> None:
    WorkerBeat.objects.filter(worker=worker).delete()


def workers_alive() -> bool:
    """Whether any worker said it was alive lately (always true when tasks run in the caller)."""
    if _immediate():
        return True
    recent = timezone.now() - timedelta(seconds=max(30, settings.NSCL_JOB_STALE_SECONDS))
    return WorkerBeat.objects.filter(seen_at__gte=recent).exists()


# --- e-mail ------------------------------------------------------------------------------------

def mail_queue(*, key: str, subject: str, body: str, recipients) -> OutgoingMail | None:
    """Write the e-mail in the caller's transaction and send it after commit. None when `key`
    was claimed before (by this run or another running at the same time): nothing to send."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return None
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(key=key[:200], subject=subject[:300], body=body,
                                               recipients=recipients)
    except IntegrityError:
        return None
    after_commit(lambda: _enqueue_mail(mail.pk))
    return mail


@task()
def send_queued_mail(mail_id: int) -> bool:
    """The task that sends one queued e-mail (a row of ours)."""
    return mail_send(mail_id)


def _enqueue_mail(mail_id: int) -> None:
    try:
        send_queued_mail.enqueue(mail_id)
    except Exception:
        logger.exception("could not queue e-mail %s", mail_id)


def mail_send(mail_id: int) -> bool:
    """Send one queued e-mail. It is marked "sending" before the mail server is called, so a
    crash during that call never sends it twice: such a mail stays "sending" and the health
    check counts it for a person to look at (the one window where no program can know)."""
    if not OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
            status=MailStatus.SENDING, attempts=F("attempts") + 1):
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.recipients,
                  fail_silently=False)
    except Exception as exc:  # the server refused or is away: queued again by recovery
        OutgoingMail.objects.filter(pk=mail_id).update(status=MailStatus.FAILED,
                                                      error=str(exc)[:1000])
        logger.warning("e-mail %s not sent: %s", mail.key, exc)
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(status=MailStatus.SENT,
                                                  sent_at=timezone.now(), error="")
    return True


def mails_recover() -> int:
    """E-mails whose task was lost go again; failed ones are retried a few times."""
    now = timezone.now()
    retry = OutgoingMail.objects.filter(
        Q(status=MailStatus.QUEUED, created_at__lt=now - timedelta(seconds=60))
        | Q(status=MailStatus.FAILED, attempts__lt=MAIL_ATTEMPTS))
    ids = list(retry.values_list("pk", flat=True))
    OutgoingMail.objects.filter(pk__in=ids, status=MailStatus.FAILED).update(
        status=MailStatus.QUEUED)
    for mail_id in ids:
        _enqueue_mail(mail_id)
    return len(ids)
