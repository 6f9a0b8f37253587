"""What traceability writes to the domain-event log, beside the stamp rolls' workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TraceabilityVerb(models.TextChoices):
    PRODUCT_CREATED = "product_created", _("Khai báo sản phẩm")
    PRODUCT_UPDATED = "product_updated", _("Sửa thông tin sản phẩm")
    BATCH_CREATED = "batch_created", _("Khai báo lô sản xuất")
    ROLL_CREATED = "roll_created", _("Cấp cuộn tem")
    EPCIS_CAPTURED = "epcis_captured", _("Nhận dữ liệu EPCIS")
    EVENTS_RECORDED = "trace_events_recorded", _("Ghi sự kiện truy xuất")
    RECALL_ORDERED = "recall_ordered", _("Ra lệnh thu hồi lô")
    PINS_ISSUED = "pins_issued", _("Phát hành mã PIN cào cho tệp in")


FIELDS = {"lot": _("số lô"), "gtin": _("mã GTIN"), "lots": _("các lô"),
          "capture": _("lượt nhận dữ liệu"), "events": _("số sự kiện"),
          "duplicates": _("sự kiện trùng"), "external": _("sự kiện của bên gửi"),
          "master_data": _("dữ liệu chủ"), "reason": _("lý do"),
          "recalled_on": _("ngày thu hồi"), "state": _("trạng thái"),
          "with_pin": _("có mã PIN")}
