"""Products and their traceability: batches, EPCIS events, stamp rolls, stamps and scans."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel
from nscl.enterprises.models import Beneficiary
from nscl.organisation.models import Unit
from nscl.organisation.scoping import OWNER, PROVINCE, Scope

from .choices import BIZ_STEPS, EventType, RecallState, RollStatus, ScanResult, TrademarkStatus


class Product(SearchableModel, TimeStampedModel):
    """A product of a beneficiary: the province's database of standards applied to products."""

    scope = Scope(province="place", owner="producer__unit", national=True,
                  change=frozenset({PROVINCE, OWNER}), public=models.Q(published=True))

    SEARCH_FIELDS = ("name", "gtin", "standards")

    producer = models.ForeignKey(Beneficiary, verbose_name=_("nhà sản xuất"),
                                 on_delete=models.PROTECT, related_name="products_made")
    gtin = models.CharField(_("GTIN (14 chữ số)"), max_length=14, unique=True)
    name = models.CharField(_("tên sản phẩm"), max_length=255)
    category = models.CharField(_("nhóm sản phẩm"), max_length=120, blank=True)
    image = models.ImageField(_("ảnh"), upload_to="products/", blank=True)
    ocop_stars = models.PositiveSmallIntegerField(_("hạng sao OCOP"), default=0)
    ocop_year = models.PositiveSmallIntegerField(_("năm công nhận OCOP"), null=True, blank=True)
    standards = models.TextField(_("tiêu chuẩn áp dụng (TCCS, TCVN, QCVN …)"), blank=True)
    certifications = models.TextField(_("chứng nhận hợp chuẩn, hợp quy, hệ thống"), blank=True)
    trademark_status = models.CharField(_("nhãn hiệu"), max_length=12,
                                        choices=TrademarkStatus.choices,
                                        default=TrademarkStatus.NONE)
    trademark_number = models.CharField(_("số văn bằng"), max_length=40, blank=True)
    trademark_registered_on = models.DateField(
        _("ngày cấp văn bằng"), null=True, blank=True,
        help_text=_("Để tính tỷ lệ sản phẩm OCOP có nhãn hiệu được bảo hộ theo từng năm."))
    place = models.ForeignKey(Unit, verbose_name=_("nơi sản xuất"), on_delete=models.PROTECT,
                              related_name="products_made_here")
    shelf_life = models.CharField(_("hạn sử dụng"), max_length=60, blank=True)
    model_code = models.CharField(_("mã kiểu, model"), max_length=60, blank=True)
    published = models.BooleanField(_("công khai trên cổng truy xuất"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        ordering = ["name"]
        constraints = [Check(condition=models.Q(ocop_stars__lte=5),
                                              name="product_ocop_stars",
                                              violation_error_message=_(
                                                  "Số sao OCOP tối đa là 5."))]

    def __str__(self) -> str:
        return self.name


class Batch(TimeStampedModel):
    """A lot of a product (GS1 AI 10: up to 20 characters)."""

    scope = Scope(province="product__place", owner="product__producer__unit",
                  change=frozenset({PROVINCE, OWNER}), public=models.Q(product__published=True))

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="batches")
    lot = models.CharField(_("số lô"), max_length=20)
    produced_on = models.DateField(_("ngày sản xuất"))
    expires_on = models.DateField(_("hạn sử dụng đến"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("số lượng"), default=0)

    class Meta:
        verbose_name = _("lô hàng")
        verbose_name_plural = _("lô hàng")
        ordering = ["-produced_on"]
        constraints = [models.UniqueConstraint(fields=["product", "lot"], name="batch_unique_lot",
                                                                          violation_error_message=_(
                                                                              "Sản phẩm đã có lô "
                                                                              "mang số này."))]

    def __str__(self) -> str:
        return _("%(p)s — lô %(l)s") % {"p": self.product.name, "l": self.lot}


class TraceEvent(models.Model):
    """An EPCIS 2.0 event: what (EPCs, quantities), when, where (read point, business location),
    why (business step, disposition). `document` keeps the event as captured (JSON-LD).

    `event_hash` is the CBV 2.0 event hash: the same event sent twice is stored once. An event
    that names no product NSCL manages is kept as the sender's data (`external`), tied to no
    lot and seen only within the sender's scope."""

    scope = Scope(province="batch__product__place", owner="batch__product__producer__unit",
                  change=frozenset({PROVINCE, OWNER}))

    event_id = models.CharField(_("mã sự kiện"), max_length=200, unique=True,
                                default="", blank=True)
    event_hash = models.CharField(_("mã băm CBV 2.0"), max_length=100, unique=True, null=True,
                                  blank=True)
    type = models.CharField(_("loại"), max_length=200, choices=EventType.choices)
    action = models.CharField(_("hành động"), max_length=10, blank=True)
    event_time = models.DateTimeField(_("thời điểm"), db_index=True)
    record_time = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now,
                                       db_index=True)
    event_time_zone_offset = models.CharField(max_length=6, default="+07:00")
    biz_step = models.CharField(_("công đoạn"), max_length=200, blank=True)
    disposition = models.CharField(_("trạng thái"), max_length=200, blank=True)
    read_point = models.CharField(_("điểm ghi nhận"), max_length=200, blank=True)
    biz_location = models.CharField(_("địa điểm"), max_length=200, blank=True)
    epcs = models.JSONField(_("mã đối tượng"), default=list, blank=True)
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="events")
    external = models.BooleanField(_("dữ liệu của bên gửi"), default=False)
    document = models.JSONField(_("sự kiện EPCIS"), default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("sự kiện truy xuất")
        verbose_name_plural = _("sự kiện truy xuất")
        ordering = ["event_time", "id"]
        indexes = [models.Index(fields=["biz_step", "event_time"])]

    def __str__(self) -> str:
        return f"{self.type} {self.biz_step} {self.event_time:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.event_id = self.event_id or f"urn:uuid:{uuid.uuid4()}"
        super().save(*args, **kwargs)

    def get_biz_step_display(self) -> str:
        """The producer's word for a CBV step; a sender's own step as it was sent."""
        return str(dict(BIZ_STEPS).get(self.biz_step, self.biz_step))


class EpcIndex(models.Model):
    """One row per identifier an event names, in its canonical form and the part of the event
    that names it (epcList, parentID, inputs, classes …), so each `MATCH_…` query is an indexed
    lookup."""

    event = models.ForeignKey(TraceEvent, on_delete=models.CASCADE, related_name="epc_index")
    epc = models.CharField(max_length=300, db_index=True)
    part = models.CharField(max_length=12, default="epc")

    def __str__(self) -> str:
        return self.epc


class StampRoll(TimeStampedModel):
    """A roll of stamps issued for a product (and a lot, if given)."""

    scope = Scope(province="product__place", owner="product__producer__unit",
                  change=frozenset({PROVINCE, OWNER}))

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="rolls")
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="rolls")
    count = models.PositiveIntegerField(_("số tem"))
    issued = models.PositiveIntegerField(_("đã tạo"), default=0)
    with_pin = models.BooleanField(_("có mã PIN cào"), default=False, help_text=_(
        "Mỗi tem có một mã PIN in dưới lớp cào; người mua nhập để xác thực lần đầu."))
    status = models.CharField(_("trạng thái"), max_length=8, choices=RollStatus.choices,
                              default=RollStatus.ISSUED)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộn tem")
        verbose_name_plural = _("cuộn tem")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.product} — {self.count} tem"


class Stamp(models.Model):
    """One traceability stamp; its status is its roll's unless voided alone."""

    scope = Scope(province="roll__product__place", owner="roll__product__producer__unit",
                  change=frozenset({PROVINCE, OWNER}))

    roll = models.ForeignKey(StampRoll, on_delete=models.CASCADE, related_name="stamps")
    serial = models.CharField(_("số sê-ri"), max_length=11, unique=True)
    voided = models.BooleanField(_("đã hủy"), default=False)
    scan_count = models.PositiveIntegerField(_("số lần quét"), default=0)
    # the scratch-off PIN, only as a salted hash (Django's password hasher); blank: no PIN
    # (database defaults: a roll is filled by raw inserts that name only the first columns)
    pin_hash = models.CharField(max_length=128, blank=True, default="", db_default="")
    pin_verified_at = models.DateTimeField(_("PIN xác thực lần đầu"), null=True, blank=True)
    pin_failures = models.PositiveSmallIntegerField(default=0, db_default=0)

    class Meta:
        verbose_name = _("tem")
        verbose_name_plural = _("tem")

    def __str__(self) -> str:
        return self.serial


class Scan(models.Model):
    """Every scan of a stamp URI, kept: time, client (hashed), coarse place if allowed."""

    # no database constraint: a log row is written behind, in batches, for a stamp the scan has
    # just read, and the constraint's per-row check and key-share lock on the stamp cost more
    # than the insert itself; deleting a stamp still clears its scans (SET_NULL, by Django)
    stamp = models.ForeignKey(Stamp, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="scans", db_constraint=False)
    gtin = models.CharField(max_length=14)
    lot = models.CharField(max_length=20, blank=True)
    serial = models.CharField(max_length=40)
    scanned_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    client = models.CharField(_("thiết bị (mã hóa)"), max_length=16)
    latitude = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    longitude = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=16, choices=ScanResult.choices)
    # counted on the stamp or not: a repeat by the same client within minutes, or the
    # producer's own check, is logged but does not count
    counted = models.BooleanField(default=True)
    by_owner = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lượt quét")
        verbose_name_plural = _("lượt quét")
        ordering = ["-scanned_at"]
        indexes = [models.Index(fields=["stamp", "scanned_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.result}"


class CaptureJob(models.Model):
    """An EPCIS capture request and its outcome (EPCIS 2.0: POST /capture answers 202), seen
    by its submitter's scope only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    success = models.BooleanField(default=False)
    captured = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    external = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("lượt nhận dữ liệu EPCIS")
        verbose_name_plural = _("lượt nhận dữ liệu EPCIS")

    def __str__(self) -> str:
        return str(self.id)


class ScanLogLoss(models.Model):
    """Scans a server process could not write (the database away longer than its buffer
    holds), counted when the database is back, so the health check can say so."""

    noted_at = models.DateTimeField(default=timezone.now)
    dropped = models.PositiveIntegerField()
    first_lost_at = models.DateTimeField(null=True)
    last_lost_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.dropped} scans lost"


class Recall(TimeStampedModel):
    """A recall of a lot, by the program office or by the producer: every stamp of the lot
    shows it. Its states (ordered → notified → removal confirmed → closed, or lifted) are
    declared in `workflow.py` for the workflow engine; every step is logged."""

    scope = Scope(province="batch__product__place", owner="batch__product__producer__unit",
                  change=frozenset({PROVINCE, OWNER}))

    batch = models.ForeignKey(Batch, verbose_name=_("lô hàng"), on_delete=models.PROTECT,
                              related_name="recalls")
    reason = models.TextField(_("lý do thu hồi"))
    recalled_on = models.DateField(_("ngày thu hồi"))
    instructions = models.TextField(_("hướng dẫn cho người mua"))
    contact = models.CharField(_("liên hệ"), max_length=200)
    state = models.CharField(_("trạng thái"), max_length=12, choices=RecallState.choices,
                             default=RecallState.ORDERED)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.PROTECT, related_name="+")
    ordered_by_office = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("thu hồi lô hàng")
        verbose_name_plural = _("thu hồi lô hàng")
        ordering = ["-recalled_on", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["batch"], condition=~models.Q(state="lifted"), name="recall_one_in_force",
                                                                   violation_error_message=_(
                                                                       "Lô này đang có lệnh thu "
                                                                       "hồi."))]

    def __str__(self) -> str:
        return str(self.batch)

    @property
    def in_force(self) -> bool:
        return self.state != RecallState.LIFTED
