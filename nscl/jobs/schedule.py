"""Scheduled work, declared here and fired by the workers (ADR 7).

A small scheduler of ours rather than a library: rq-scheduler and django-tasks-scheduler need
Redis, and the embedded default has none; the two entries a day and a recovery sweep do not
need cron expressions. Every worker runs the loop; a firing is a unique row (`ScheduleRun`),
so with several workers each entry still fires once per slot. A worker that was down at the
hour fires the day's entry when it starts (the reminders are keyed by day, so that is safe).
"""

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from .models import ScheduleRun
from .services import jobs_recover, worker_beat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    name: str
    command: str = ""  # an `nscl` command, run as a task
    daily_at: dt.time | None = None  # local time (Asia/Ho_Chi_Minh)
    every: dt.timedelta | None = None

    def slot(self, now: dt.datetime) -> str | None:
        """The slot due at `now` (None before today's hour)."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            return local.date().isoformat() if local.time() >= self.daily_at else None
        seconds = int(self.every.total_seconds())
        return str(int(now.timestamp()) // seconds)


SCHEDULE: tuple[Entry, ...] = (
    Entry("support_reminders", command="support_reminders", daily_at=dt.time(6, 0)),
    Entry("reporting_reminders", command="reporting_reminders", daily_at=dt.time(6, 10)),
    Entry("scanlog_maintenance", command="scanlog_maintenance", daily_at=dt.time(2, 30)),
)
RECOVER_EVERY = 30  # seconds between sweeps for jobs and e-mails nothing will run
BEAT_EVERY = 5


def entry(name: str) -> Entry:
    return next(e for e in SCHEDULE if e.name == name)


def run_entry(name: str) -> str:
    out = StringIO()
    call_command(entry(name).command, stdout=out)
    logger.info("scheduled %s: %s", name, out.getvalue().strip())
    return out.getvalue()


@task()
def run_scheduled(name: str) -> str:
    """The task that runs one entry of the schedule in a worker."""
    run_entry(name)
    return name


def fire_due(now: dt.datetime, worker: str) -> list[str]:
    """Queue every entry due now that no worker fired for its slot yet."""
    fired = []
    for item in SCHEDULE:
        slot = item.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                ScheduleRun.objects.create(name=item.name, slot=slot, worker=worker)
        except IntegrityError:
            continue
        run_scheduled.enqueue(item.name)
        fired.append(item.name)
    return fired


class SchedulerThread(threading.Thread):
    """Beside the worker: says it is alive, fires due entries, recovers lost jobs."""

    def __init__(self, worker: str, backend: str) -> None:
        super().__init__(daemon=True, name="nscl-scheduler")
        self.worker, self.backend = worker, backend
        self.stop = threading.Event()

    def run(self) -> None:
        last_recover = 0.0
        while True:
            try:
                close_old_connections()
                worker_beat(self.worker, self.backend)
                now = timezone.now()
                fire_due(now, self.worker)
                if now.timestamp() - last_recover >= RECOVER_EVERY:
                    last_recover = now.timestamp()
                    jobs_recover()
            except Exception:  # the database may be away for a while: try again later
                logger.exception("scheduler tick failed")
            if self.stop.wait(BEAT_EVERY):
                break
        connection.close()
