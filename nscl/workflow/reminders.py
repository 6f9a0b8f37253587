"""Reminders sent once: every module's deadline reminders go through here, and the log
remembers each one so a daily job can run twice without mailing anyone twice."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail

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
