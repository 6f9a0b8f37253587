"""Reporting: a request to units, each unit's submission in the skeleton of seed 001 with its
quantitative table, and the consolidated provincial report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.models import TimeStampedModel
from nscl.organisation.models import Unit
from nscl.organisation.scoping import PROVINCE, UNIT, Scope
from nscl.plans.models import Plan

from .choices import ReportStatus, RequestKind, SubmissionStatus


class ReportingRequest(TimeStampedModel):
    """A request for contributions (công văn đề nghị báo cáo), e.g. 567/SKHCN-TĐC."""

    scope = Scope(province="plan__province", national=False)

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reporting_requests")
    issuer = models.ForeignKey(Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                               related_name="+")
    number = models.CharField(_("số"), max_length=20)
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày"))
    subject = models.CharField(_("trích yếu"), max_length=400)
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=RequestKind.choices)
    period_start = models.PositiveSmallIntegerField(_("từ năm"))
    period_end = models.PositiveSmallIntegerField(_("đến năm"))
    deadline = models.DateField(_("hạn gửi"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("công văn đề nghị báo cáo")
        verbose_name_plural = _("công văn đề nghị báo cáo")
        ordering = ["-issued_on"]
        constraints = [models.UniqueConstraint(fields=["issuer", "number", "symbol"],
                                               name="request_unique_reference")]

    def __str__(self) -> str:
        return f"{self.reference} — {self.subject[:60]}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}"


class Submission(TimeStampedModel):
    """What one unit answers; expected as soon as the request names the unit."""

    scope = Scope(province="request__plan__province", unit="unit", national=False,
                  change=frozenset({PROVINCE, UNIT}))

    request = models.ForeignKey(ReportingRequest, on_delete=models.CASCADE,
                                related_name="submissions")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="submissions")
    status = models.CharField(_("trạng thái"), max_length=10, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.EXPECTED)
    document_number = models.CharField(_("số văn bản"), max_length=40, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reopened_until = models.DateField(_("gia hạn đến"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của cơ quan điều hành"), blank=True)
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo đóng góp của đơn vị")
        verbose_name_plural = _("báo cáo đóng góp của đơn vị")
        ordering = ["request", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"],
                                               name="submission_unique_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.request.reference}"

    @property
    def deadline(self):
        return self.reopened_until or self.request.deadline

    @property
    def author(self) -> str:
        """Who wrote it, as a document names it: a commune reports as its People's Committee."""
        name = self.unit.name
        if self.unit.kind == "commune":
            return f"UBND {name[0].lower()}{name[1:]}"
        return name

    @property
    def source_label(self) -> str:
        """How the consolidated report names this contribution in its notes."""
        ref = f"Báo cáo số {self.document_number}" if self.document_number else "Báo cáo"
        day = f" ngày {self.document_date:%d/%m/%Y}" if self.document_date else ""
        return f"{ref}{day} của {self.author}"


class SubmissionRow(models.Model):
    """A row of the quantitative table (activity, cost in đồng, period), kept as typed."""

    scope = Scope(province="submission__request__plan__province", unit="submission__unit",
                  national=False, change=frozenset({PROVINCE, UNIT}))

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(_("STT"))
    activity = models.TextField(_("nội dung thực hiện"))
    cost_text = models.CharField(_("kinh phí (đồng), như đã ghi"), max_length=40, blank=True)
    cost = models.DecimalField(_("kinh phí (đồng)"), null=True, blank=True, max_digits=20,
                               decimal_places=0)
    period = models.CharField(_("thời gian thực hiện"), max_length=60, blank=True)
    is_total = models.BooleanField(_("dòng tổng"), default=False)

    class Meta:
        verbose_name = _("dòng định lượng")
        verbose_name_plural = _("dòng định lượng")
        ordering = ["submission", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.activity[:50]}"


class ConsolidatedReport(TimeStampedModel):
    """The provincial report built from the records and the accepted contributions."""

    scope = Scope(province="request__plan__province",
                  national=models.Q(status=ReportStatus.SENT))  # the Ministry reads what was sent

    request = models.OneToOneField(ReportingRequest, on_delete=models.PROTECT,
                                   related_name="report")
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=120)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=120)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-SKHCN")
    place = models.CharField(_("địa danh"), max_length=60)
    date = models.DateField(_("ngày"))
    subject = models.CharField(_("trích yếu"), max_length=400)
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    notes = models.JSONField(_("nguồn trích dẫn"), default=list, blank=True)
    recipients = models.TextField(_("nơi nhận"))
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=60, default="KT. GIÁM ĐỐC")
    signer_title = models.CharField(_("chức vụ"), max_length=60, default="PHÓ GIÁM ĐỐC")
    signer_name = models.CharField(_("người ký"), max_length=100)
    status = models.CharField(_("trạng thái"), max_length=6, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    figures = models.JSONField(_("số liệu khi gửi"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")

    def __str__(self) -> str:
        return f"{self.number or '…'}/{self.symbol} — {self.subject[:60]}"

    @property
    def reference(self) -> str:
        return f"{self.number or '…'}/{self.symbol}"


