"""Reminders sent once: every module's deadline reminders go through here, and the log
remembers each one so a daily job can run twice without mailing anyone twice."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .models import DomainEvent
from .services import event_record


@dataclass(frozen=True)
class Reminder:
    key: str  # unique per thing, deadline and day, e.g. "contract:12:2025-11-30:2025-11-23"
    obj: object  # what the log attaches the reminder to
    subject: str
    body: str
    recipients: tuple[str, ...]


def send_once(reminders: list[Reminder]) -> int:
    """Send the reminders not sent before (and that have someone to go to); log each."""
    fresh = [r for r in reminders if r.recipients
             and not DomainEvent.objects.filter(verb="reminder_sent", note=r.key).exists()]
    send_mass_mail([(r.subject, r.body, settings.DEFAULT_FROM_EMAIL, list(r.recipients))
                    for r in fresh], fail_silently=False)
    for reminder in fresh:
        event_record(actor=None, verb="reminder_sent", obj=reminder.obj, note=reminder.key)
    return len(fresh)


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
