"""Background work as rows the pages can show: jobs with progress, e-mails waiting to go out,
the slots of the schedule and the workers that are alive.

The task backend (database or Redis, ADR 7) only carries "run job X"; what the job is, how
far it got and how it ended live here, so a page, the command line and a restarted worker all read
the same thing, whatever backend runs it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("đang chờ")
    RUNNING = "running", _("đang chạy")
    DONE = "done", _("đã xong")
    FAILED = "failed", _("bị lỗi")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """One piece of long work (fill a stamp roll, make a PDF, import a file). `key` names what it
    works on; at most one job per key is queued or running at a time (a unique index), so asking
    twice, or a restarted worker, never starts it twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại việc"), max_length=40)
    key = models.CharField(_("khóa"), max_length=200)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    done = models.PositiveBigIntegerField(_("đã làm"), default=0)
    total = models.PositiveBigIntegerField(_("tổng"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    result = models.FileField(_("tệp kết quả"), upload_to="jobs/", blank=True)
    result_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("người yêu cầu"))
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(_("tiến trình chạy"), max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["key"], condition=Q(status__in=["queued", "running"]),
            name="job_one_active_per_key",
            violation_error_message=_(
                "Việc nền này đang chạy; chờ việc trước xong rồi thử lại."))]
        indexes = [models.Index(fields=["key", "status"]),
                   models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("đang chờ gửi")
    SENDING = "sending", _("đang gửi")
    SENT = "sent", _("đã gửi")
    FAILED = "failed", _("gửi lỗi")


class OutgoingMail(models.Model):
    """An e-mail written in the transaction that decided to send it and sent by a task after it
    commits. `key` is unique: a reminder claimed here by one run cannot be claimed by another
    run at the same moment, and a rolled-back change sends nothing."""

    key = models.CharField(_("khóa"), max_length=200, unique=True)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    recipients = models.JSONField(_("người nhận"), default=list)
    status = models.CharField(_("trạng thái"), max_length=8, choices=MailStatus.choices,
                              default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("thư đi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.key


class ScheduleRun(models.Model):
    """One firing of a scheduled job (`schedule.py`): the unique slot lets exactly one of several
    workers fire it."""

    name = models.CharField(max_length=60)
    slot = models.CharField(max_length=40)
    fired_at = models.DateTimeField(auto_now_add=True)
    worker = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="schedule_once",
                                                                        violation_error_message=_(
                                                                            "Lịch chạy này đã chạy "
                                                                            "cho khoảng thời gian "
                                                                            "này."))]

    def __str__(self) -> str:
        return f"{self.name} {self.slot}"


class WorkerBeat(models.Model):
    """A worker says it is alive every few seconds; pages use it to say that nothing would run a
    job asked for now, instead of waiting for ever."""

    worker = models.CharField(max_length=120, unique=True)
    backend = models.CharField(max_length=120)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker
