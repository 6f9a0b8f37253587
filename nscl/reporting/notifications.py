"""Reminders to the units that have not sent their contribution: 5 days before the deadline,
on the day, and 3 days after it (late units), once each."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.core.links import see_at
from nscl.organisation.models import User
from nscl.workflow.reminders import Reminder, send_once

from .choices import SubmissionStatus
from .models import Submission

OFFSETS = {5: "before", 0: "today", -3: "late"}
WAITING = [SubmissionStatus.EXPECTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]


def reminders_send(today: dt.date) -> int:
    reminders = []
    for submission in Submission.objects.filter(status__in=WAITING).select_related(
            "request", "unit"):
        left = (submission.deadline - today).days
        if left not in OFFSETS:
            continue
        recipients = tuple(sorted({u.email for u in User.objects.filter(
            unit=submission.unit, is_active=True) if u.email}))
        ref = submission.request.reference
        body = {
            "before": _("Còn %(k)s ngày đến hạn gửi báo cáo theo Công văn %(r)s (hạn %(d)s)."),
            "today": _("Hôm nay là hạn gửi báo cáo theo Công văn %(r)s (hạn %(d)s)."),
            "late": _("Đã quá hạn gửi báo cáo theo Công văn %(r)s (hạn %(d)s); đề nghị gửi ngay."),
        }[OFFSETS[left]] % {"k": left, "r": ref, "d": f"{submission.deadline:%d/%m/%Y}"}
        reminders.append(Reminder(
            key=f"submission:{submission.pk}:{submission.deadline}:{today}", obj=submission,
            subject=_("[NSCL] Báo cáo theo Công văn %(r)s") % {"r": ref},
            body=f"{body}\n{see_at(reverse('reporting:submission_detail', args=[submission.pk]))}",
            recipients=recipients))
    return send_once(reminders)
