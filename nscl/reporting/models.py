"""Reporting: a request to units with every element Decree 09/2019/NĐ-CP requires of a reporting
regime, each unit's submission (its sections in the request's outline, its quantitative table,
its attachments), the consolidated provincial report, and the versions of it that were sent —
each version's files and figures frozen with their checksums."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.models import TimeStampedModel
from nscl.core.periods import Period, Window, period_label
from nscl.organisation.models import Unit
from nscl.organisation.scoping import PROVINCE, UNIT, Scope
from nscl.plans.models import Plan

from .choices import (
    DEFAULT_FORM,
    DEFAULT_OUTLINE,
    AttachmentKind,
    Audience,
    Frequency,
    Method,
    ReportStatus,
    RequestKind,
    RequestStatus,
    SubmissionStatus,
)


def _default_outline():
    return [dict(item) for item in DEFAULT_OUTLINE]


def _default_form():
    return {"columns": [dict(c) for c in DEFAULT_FORM["columns"]], "rows": [],
            "total": DEFAULT_FORM["total"]}


class RequestElements(models.Model):
    """The elements of a reporting regime a request and its template share (Decree 09/2019,
    Article 6): name, content, who reports, to whom, how, how often, the outline and the form."""

    name = models.CharField(_("tên báo cáo"), max_length=300, blank=True)
    content = models.TextField(_("nội dung yêu cầu báo cáo"), blank=True)
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=RequestKind.choices,
                            default=RequestKind.PERIODIC)
    frequency = models.CharField(_("tần suất báo cáo"), max_length=12, choices=Frequency.choices,
                                 default=Frequency.ANNUAL)
    audience = models.CharField(_("đối tượng thực hiện báo cáo"), max_length=12,
                                choices=Audience.choices, default=Audience.LIST)
    recipient = models.ForeignKey(Unit, verbose_name=_("cơ quan nhận báo cáo"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("phương thức gửi, nhận báo cáo"), max_length=12,
                              choices=Method.choices, default=Method.SYSTEM)
    outline = models.JSONField(_("đề cương báo cáo"), default=_default_outline, blank=True)
    form = models.JSONField(_("biểu mẫu số liệu"), default=_default_form, blank=True)

    class Meta:
        abstract = True


class RequestTemplate(RequestElements, TimeStampedModel):
    """A recurring reporting regime (e.g. the annual report of Program 1322): each period's
    request is created from it, its deadline and expiry counted from the period's cut-off."""

    scope = Scope(province="plan__province", national=False)

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="request_templates")
    issuer = models.ForeignKey(Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                               related_name="+")
    symbol = models.CharField(_("ký hiệu công văn"), max_length=40,
                              default="SKHCN-TĐC")  # i18n: data
    subject = models.CharField(_("trích yếu (kỳ được thêm vào cuối)"), max_length=300)
    basis = models.CharField(_("căn cứ (văn bản cấp trên)"), max_length=400, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("hạn gửi: số ngày sau ngày chốt số liệu"), default=5)
    expiry_days = models.PositiveSmallIntegerField(
        _("nhận báo cáo muộn thêm (ngày)"), default=10)
    listed_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị trong danh sách"),
                                          blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[listed_units])

    class Meta:
        verbose_name = _("mẫu chế độ báo cáo định kỳ")
        verbose_name_plural = _("mẫu chế độ báo cáo định kỳ")
        ordering = ["plan", "name"]

    def __str__(self) -> str:
        return self.name


class ReportingRequest(RequestElements, TimeStampedModel):
    """A request for contributions (công văn đề nghị báo cáo), e.g. 567/SKHCN-TĐC: drafted, then
    issued once every element is there; issuing creates each unit's expected submission."""

    scope = Scope(province="plan__province", national=False)

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reporting_requests")
    issuer = models.ForeignKey(Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                               related_name="+")
    status = models.CharField(_("trạng thái"), max_length=8, choices=RequestStatus.choices,
                              default=RequestStatus.DRAFT)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40,
                              default="SKHCN-TĐC")  # i18n: data
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=400, blank=True)
    basis = models.CharField(_("căn cứ (văn bản cấp trên)"), max_length=400, blank=True,
                             help_text=_("Ví dụ: Công văn số 4258/BKHCN-TĐC ngày 17/11/2023 của "
                                         "Bộ Khoa học và Công nghệ"))
    period_from = models.DateField(_("kỳ báo cáo từ ngày"), null=True, blank=True)
    period_to = models.DateField(_("kỳ báo cáo đến ngày"), null=True, blank=True)
    data_from = models.DateField(_("số liệu tính từ ngày"), null=True, blank=True)
    data_until = models.DateField(_("ngày chốt số liệu"), null=True, blank=True)
    deadline = models.DateField(_("hạn gửi"), null=True, blank=True)
    expires_on = models.DateField(
        _("hạn cuối nhận báo cáo muộn"), null=True, blank=True,
        help_text=_("Đến ngày này đơn vị vẫn gửi được (ghi là muộn); sau đó chỉ đơn vị được "
                    "gia hạn mới gửi được."))
    listed_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị trong danh sách"),
                                          blank=True, related_name="+")
    template = models.ForeignKey(RequestTemplate, verbose_name=_("tạo từ mẫu"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="requests")
    copied_from = models.ForeignKey("self", verbose_name=_("sao chép từ"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[listed_units])

    class Meta:
        verbose_name = _("công văn đề nghị báo cáo")
        verbose_name_plural = _("công văn đề nghị báo cáo")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number", "symbol"],
                                    condition=~models.Q(number=""),
                                    name="request_unique_reference",
                                    violation_error_message=_(
                                        "Đơn vị đã có công văn mang số, ký hiệu này.")),
            models.UniqueConstraint(fields=["template", "period_from"],
                                    condition=models.Q(template__isnull=False),
                                    name="request_one_per_template_period",
                                    violation_error_message=_(
                                        "Kỳ này đã có công văn tạo từ mẫu.")),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {(self.name or self.subject)[:60]}"

    @property
    def reference(self) -> str:
        return f"{self.number or '…'}/{self.symbol}"

    @property
    def is_issued(self) -> bool:
        return self.status == RequestStatus.ISSUED

    @property
    def window(self) -> Window | None:
        if self.data_from and self.data_until and self.data_from <= self.data_until:
            return Window(self.data_from, self.data_until)
        return None

    @property
    def period(self) -> Period | None:
        window = self.window
        if window is None or not (self.period_from and self.period_to):
            return None
        return Period(self.frequency, self.period_from, self.period_to, window)

    @property
    def period_label(self) -> str:
        if not (self.period_from and self.period_to):
            return ""
        return period_label(self.frequency, self.period_from, self.period_to)

    @property
    def years(self) -> tuple[int, int] | None:
        """The whole years the period covers (for yearly figures), or None for a part year."""
        if not (self.period_from and self.period_to):
            return None
        whole = (self.period_from == dt.date(self.period_from.year, 1, 1)
                 and self.period_to == dt.date(self.period_to.year, 12, 31))
        return (self.period_from.year, self.period_to.year) if whole else None

    @property
    def comparison_key(self) -> tuple:
        """Reports are comparable when of the same kind, frequency and period."""
        return (self.kind, self.frequency, self.period_from, self.period_to)

    def citation(self) -> str:  # i18n: the document's own wording
        """How a document answering it cites it: "Công văn số 567/SKHCN-TĐC ngày 31/7/2025 của
        Sở Khoa học và Công nghệ tỉnh Quảng Ngãi về việc …"."""
        from .decree30 import doc_date
        day = f" ngày {doc_date(self.issued_on)}" if self.issued_on else ""
        about = f" về việc {self.subject[0].lower()}{self.subject[1:]}" if self.subject else ""
        return f"Công văn số {self.reference}{day} của {self.issuer.name}{about}"


class Submission(TimeStampedModel):
    """What one unit answers; expected as soon as the request is issued to the unit."""

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
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=60, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=60, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
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
                                               name="submission_unique_unit",
                                               violation_error_message=_(
                                                   "Đơn vị đã có báo cáo theo công văn này."))]

    def __str__(self) -> str:
        return f"{self.unit} — {self.request.reference}"

    @property
    def deadline(self):
        return self.reopened_until or self.request.deadline

    @property
    def is_late(self) -> bool:
        """Sent after its deadline (a reopened unit's new deadline counts)."""
        if self.submitted_at is None or self.deadline is None:
            return False
        from django.utils import timezone
        return timezone.localtime(self.submitted_at).date() > self.deadline

    @property
    def author(self) -> str:
        """Who wrote it, as a document names it: a commune reports as its People's Committee."""
        name = self.unit.name
        if self.unit.kind == "commune":
            return f"UBND {name[0].lower()}{name[1:]}"
        return name

    @property
    def source_label(self) -> str:  # i18n: the document's own wording
        """How the consolidated report names this contribution in its notes."""
        ref = f"Báo cáo số {self.document_number}" if self.document_number else "Báo cáo"
        day = f" ngày {self.document_date:%d/%m/%Y}" if self.document_date else ""
        return f"{ref}{day} của {self.author}"


class SubmissionRow(models.Model):
    """A row of the quantitative form, each cell kept as typed (keyed by the form's column)."""

    scope = Scope(province="submission__request__plan__province", unit="submission__unit",
                  national=False, change=frozenset({PROVINCE, UNIT}))

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(_("STT"))
    cells = models.JSONField(_("các ô, như đã ghi"), default=dict)
    is_total = models.BooleanField(_("dòng tổng"), default=False)

    class Meta:
        verbose_name = _("dòng định lượng")
        verbose_name_plural = _("dòng định lượng")
        ordering = ["submission", "order"]

    def __str__(self) -> str:
        first = next(iter(self.cells.values()), "") if self.cells else ""
        return f"{self.order}. {str(first)[:50]}"


def _attachment_path(instance, filename: str) -> str:
    return f"reporting/submissions/{instance.submission_id}/{instance.sha256[:16]}-{filename}"


class SubmissionAttachment(TimeStampedModel):
    """A file a unit attaches (the signed scan of its report, annexes): stored through Django's
    storage, opened only through a view that checks the submission's scope."""

    scope = Scope(province="submission__request__plan__province", unit="submission__unit",
                  national=False, change=frozenset({PROVINCE, UNIT}))

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=14, choices=AttachmentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("tài liệu kèm báo cáo")
        verbose_name_plural = _("tài liệu kèm báo cáo")
        ordering = ["submission", "created_at"]

    def __str__(self) -> str:
        return self.title


class ConsolidatedReport(TimeStampedModel):
    """The provincial report built from the records and the accepted contributions; its sent
    versions are `ReportVersion` rows, frozen."""

    scope = Scope(province="request__plan__province",
                  national=models.Q(ever_sent=True))  # the Ministry reads what was sent

    request = models.OneToOneField(ReportingRequest, on_delete=models.PROTECT,
                                   related_name="report")
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=120)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=120)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-SKHCN")
    place = models.CharField(_("địa danh"), max_length=60)
    date = models.DateField(_("ngày"))
    subject = models.CharField(_("trích yếu"), max_length=400)
    opening = models.TextField(_("mở đầu"), blank=True)
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    notes = models.JSONField(_("nguồn trích dẫn"), default=list, blank=True)
    closing = models.TextField(_("câu kết"), blank=True)
    recipients = models.TextField(_("nơi nhận"))
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=60,
                                        default="KT. GIÁM ĐỐC")  # i18n: doc
    signer_title = models.CharField(_("chức vụ"), max_length=60,
                                    default="PHÓ GIÁM ĐỐC")  # i18n: doc
    signer_name = models.CharField(_("người ký"), max_length=100)
    status = models.CharField(_("trạng thái"), max_length=6, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    version = models.PositiveSmallIntegerField(_("phiên bản đang soạn"), default=1)
    correction_note = models.TextField(_("lý do đính chính"), blank=True)
    ever_sent = models.BooleanField(_("đã từng gửi Bộ"), default=False)
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

    def latest_sent(self) -> "ReportVersion | None":
        return self.versions.filter(sent_at__isnull=False).order_by("-number").first()


def _version_path(instance, filename: str) -> str:
    return f"reporting/reports/{instance.report_id}/v{instance.number}/{filename}"


class ReportVersion(TimeStampedModel):
    """One version of the consolidated report as it was frozen: its Word, PDF (signed when it
    was) and Excel files, its figures and tables, and their SHA-256. Sent, it never changes:
    the Ministry and every later download get exactly these bytes."""

    scope = Scope(province="report__request__plan__province",
                  national=models.Q(sent_at__isnull=False))

    report = models.ForeignKey(ConsolidatedReport, on_delete=models.PROTECT,
                               related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    reference = models.CharField(_("số, ký hiệu văn bản"), max_length=70)
    date = models.DateField(_("ngày văn bản"))
    note = models.TextField(_("lý do đính chính"), blank=True)
    docx = models.FileField(_("tệp Word"), upload_to=_version_path, max_length=300, blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to=_version_path, max_length=300, blank=True)
    xlsx = models.FileField(_("tệp Excel"), upload_to=_version_path, max_length=300, blank=True)
    sha256_docx = models.CharField(_("SHA-256 tệp Word"), max_length=64, blank=True)
    sha256_pdf = models.CharField(_("SHA-256 tệp PDF"), max_length=64, blank=True)
    sha256_xlsx = models.CharField(_("SHA-256 tệp Excel"), max_length=64, blank=True)
    figures = models.JSONField(_("số liệu chính"), default=dict, blank=True)
    tables = models.JSONField(_("các bảng số liệu"), default=list, blank=True)
    signature = models.JSONField(_("chữ ký số"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    sent_at = models.DateTimeField(_("gửi Bộ lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"],
                                               name="report_version_unique",
                                               violation_error_message=_(
                                                   "Báo cáo đã có phiên bản mang số này."))]

    def __str__(self) -> str:
        return _("%(r)s (phiên bản %(n)s)") % {"r": self.reference, "n": self.number}

    @property
    def is_signed(self) -> bool:
        return bool(self.signature)
