"""E-mails about cases: each state change to the beneficiary, and reminders before and on each
deadline (contracts and calls). Written to the outbox in the change's transaction and sent
after it commits; a reminder is claimed once per day (`nscl.workflow.reminders`)."""

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from nscl.core.links import see_at
from nscl.jobs.services import mail_queue
from nscl.organisation.models import User
from nscl.organisation.scope import province_offices
from nscl.workflow.reminders import Reminder, send_once

from .choices import CaseStatus
from .models import SupportCall, SupportCase

REMIND_DAYS_BEFORE = 7


def _emails(users) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def beneficiary_emails(case: SupportCase) -> list[str]:
    return _emails(User.objects.filter(unit=case.beneficiary.unit))


def office_emails(plan) -> list[str]:
    return _emails(province_offices(plan.province))


def notify_state_change(case: SupportCase, step_label: str) -> None:
    """Tell the beneficiary: the e-mail is written in the step's transaction and sent by a task
    once it commits (a step rolled back sends nothing)."""
    recipients = beneficiary_emails(case)
    if not recipients:
        return
    subject = _("[NSCL] Hồ sơ %(c)s: %(s)s") % {"c": case.code, "s": step_label}
    body = _("Hồ sơ %(c)s (%(content)s) vừa chuyển sang trạng thái “%(state)s”.") % {
        "c": case.code, "content": case.content, "state": case.get_status_display()}
    body = f"{body}\n{see_at(case.get_absolute_url())}"
    mail_queue(key=f"case:{case.pk}:{case.status}:{uuid.uuid4().hex[:12]}", subject=subject,
               body=body, recipients=recipients)


def reminders_send(today: dt.date) -> int:
    """Reminders 7 days before and on the day of every contract and call deadline."""
    days = {today, today + dt.timedelta(days=REMIND_DAYS_BEFORE)}
    reminders = []
    contracts = (SupportCase.objects.filter(status=CaseStatus.CONTRACTED,
                                            contract__deadline__in=days)
                 .select_related("contract", "beneficiary", "call_category__call__plan__province"))
    for case in contracts:
        left = (case.contract.deadline - today).days
        body = (_("Hợp đồng %(n)s của hồ sơ %(c)s hết hạn hôm nay.") if left == 0 else
                _("Hợp đồng %(n)s của hồ sơ %(c)s còn %(k)s ngày đến hạn.")) % {
            "n": case.contract.number, "c": case.code, "k": left}
        reminders.append(Reminder(
            key=f"contract:{case.contract.pk}:{case.contract.deadline}:{today}", obj=case,
            subject=_("[NSCL] Hợp đồng %(n)s đến hạn %(d)s") % {
                "n": case.contract.number, "d": f"{case.contract.deadline:%d/%m/%Y}"},
            body=f"{body}\n{see_at(case.get_absolute_url())}",
            recipients=tuple(beneficiary_emails(case)
                                        + office_emails(case.call_category.call.plan))))
    calls = SupportCall.objects.filter(closes_at__date__in=days).select_related("plan__province")
    for call in calls:
        subject = _("[NSCL] Đợt “%(t)s” hết hạn nộp hồ sơ ngày %(d)s") % {
            "t": call.title, "d": f"{call.deadline:%d/%m/%Y}"}
        reminders.append(Reminder(key=f"call:{call.pk}:{call.deadline}:{today}", obj=call.plan,
                                  subject=subject,
                                  body=f"{subject}\n{see_at(call.get_absolute_url())}",
                                  recipients=tuple(office_emails(call.plan))))
    return send_once(reminders)
