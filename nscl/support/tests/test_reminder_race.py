"""Two reminder runs released at the same moment (the daily job started twice, or two workers):
each reminder is e-mailed once; a run that dies after claiming a reminder does not lose it and
does not send it twice. Real commits, real threads, on the suite's database (PostgreSQL in
`make test`'s second run, where the race used to send duplicates 3 times in 5)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from nscl.demo.loader import load_demo
from nscl.jobs import services as jobs
from nscl.jobs.models import MailStatus, OutgoingMail
from nscl.plans.models import Plan
from nscl.support.choices import CaseStatus
from nscl.support.models import SupportCase
from nscl.support.notifications import reminders_send
from nscl.workflow.models import DomainEvent


def _deadline() -> dt.date:
    case = SupportCase.objects.filter(
        status=CaseStatus.CONTRACTED, call_category__call__plan__province__code="cu-94"
    ).select_related("contract").first()
    return case.contract.deadline


def _race(day: dt.date) -> list[int]:
    """Both runs wait at the barrier, then go at once; each returns how many it claimed."""
    barrier, claimed = threading.Barrier(2), []

    def run():
        try:
            barrier.wait(timeout=10)
            claimed.append(reminders_send(day))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return claimed


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_exactly_once(settings):
    load_demo()
    settings.NSCL_TASKS_AFTER_COMMIT = True  # sent when the claim commits, as in production
    assert Plan.objects.filter(province__code="cu-94").exists()
    day = _deadline()
    for round_ in range(5):
        OutgoingMail.objects.all().delete()
        DomainEvent.objects.filter(verb="reminder_sent").delete()
        mail.outbox = []
        claimed = _race(day)
        sent = [(m.subject, tuple(m.to)) for m in mail.outbox]
        assert len(sent) >= 1, round_
        assert len(sent) == len(set(sent)), f"round {round_}: duplicate e-mails {sent}"
        assert sum(claimed) == len(sent) == OutgoingMail.objects.count()
        assert DomainEvent.objects.filter(verb="reminder_sent").count() == len(sent)
        assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_a_run_that_dies_after_claiming_sends_later_once(db, settings):
    settings.NSCL_TASKS_AFTER_COMMIT = True  # inside the test's transaction, which never
    day = _deadline()  # commits: the claims are written, the sends never queued — as if the
    mail.outbox = []  # process had died between its commit and its sends
    claimed = reminders_send(day)
    assert claimed >= 1 and mail.outbox == []
    assert OutgoingMail.objects.filter(status=MailStatus.QUEUED).count() == claimed

    assert reminders_send(day) == 0 and mail.outbox == []  # the daily job again: no new claim
    OutgoingMail.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert jobs.mails_recover() == claimed  # the worker's sweep
    assert len(mail.outbox) == claimed
    assert jobs.mails_recover() == 0 and len(mail.outbox) == claimed


def test_a_mail_server_crash_during_sending_is_not_resent(db):
    """The one window no program can close: the mail server took the message, then the worker
    died. The e-mail stays "sending" for a person to check; it is never sent twice."""
    mail.outbox = []
    queued = jobs.mail_queue(key="test:window", subject="S", body="B", recipients=["a@b.vn"])
    assert queued is not None and len(mail.outbox) == 1
    OutgoingMail.objects.filter(pk=queued.pk).update(status=MailStatus.SENDING)
    OutgoingMail.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs.mails_recover() == 0
    assert jobs.mail_send(queued.pk) is False and len(mail.outbox) == 1
