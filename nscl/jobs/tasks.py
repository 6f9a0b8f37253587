"""The only tasks the backend carries: each names a row of ours (`models.py`) and runs it, so any
backend (database, Redis, immediate) runs the same work the same way."""

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    from .services import job_execute

    job = job_execute(job_id)
    return job.status if job else "skipped"


@task()
def send_queued_mail(mail_id: int) -> bool:
    from .services import mail_send

    return mail_send(mail_id)


@task()
def run_scheduled(name: str) -> str:
    from .schedule import run_entry

    run_entry(name)
    return name
