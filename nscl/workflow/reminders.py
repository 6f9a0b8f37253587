"""Reminders sent once: every module's deadline reminders go through here.

Each reminder is claimed in the database before anything is sent: its e-mail is written to the
outbox under the reminder's key (unique), in one transaction with the log row, and sent by a
task after that transaction commits. Two runs at the same moment both try to write the key;
the database lets one through, the other finds it taken and sends nothing. A crash after the
claim leaves the e-mail queued, and the worker's sweep sends it once (`nscl.jobs.services`)."""

import datetime as dt
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from nscl.jobs.services import mail_queue

from .services import event_record


@dataclass(frozen=True)
class Reminder:
    key: str  # unique per thing, deadline and day, e.g. "contract:12:2025-11-30:2025-11-23"
    obj: object  # what the log attaches the reminder to
    subject: str
    body: str
    recipients: tuple[str, ...]


def send_once(reminders: list[Reminder]) -> int:
    """Claim and queue the reminders not claimed before (that have someone to go to); log each.
    Returns how many this run claimed."""
    claimed = 0
    for reminder in reminders:
        if not reminder.recipients:
            continue
        with transaction.atomic():
            if mail_queue(key=f"reminder:{reminder.key}", subject=reminder.subject,
                          body=reminder.body, recipients=reminder.recipients) is None:
                continue  # claimed by an earlier run, or by one running now
            event_record(actor=None, verb="reminder_sent", obj=reminder.obj, note=reminder.key)
            claimed += 1
    return claimed


class ReminderCommand(BaseCommand):
    """A daily reminder job: `--today dd/mm/yyyy` to replay a day; subclasses say what to send."""

    what = "thư nhắc"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày coi là hôm nay, dạng dd/mm/yyyy.")

    def send(self, day: dt.date) -> int:
        raise NotImplementedError

    def handle(self, *args, today=None, **options):
        try:
            day = dt.datetime.strptime(today, "%d/%m/%Y").date() if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{today}” không đúng dạng dd/mm/yyyy.") from exc
        self.stdout.write(f"Đã gửi {self.send(day)} {self.what} ngày {day:%d/%m/%Y}.")
