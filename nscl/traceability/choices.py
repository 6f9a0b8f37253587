from django.db import models
from django.utils.translation import gettext_lazy as _


class TrademarkStatus(models.TextChoices):
    NONE = "none", _("Chưa đăng ký")
    APPLIED = "applied", _("Đã nộp đơn")
    REGISTERED = "registered", _("Đã được bảo hộ")


class RollStatus(models.TextChoices):
    ISSUED = "issued", _("Đã cấp, chưa kích hoạt")
    ACTIVE = "active", _("Đang sử dụng")
    VOID = "void", _("Đã hủy")


class ScanResult(models.TextChoices):
    GENUINE_FIRST = "genuine_first", _("Tem thật, quét lần đầu")
    GENUINE_REPEAT = "genuine_repeat", _("Tem thật, đã được quét trước đó")
    INACTIVE = "inactive", _("Tem chưa kích hoạt")
    VOID = "void", _("Tem đã bị hủy")
    UNKNOWN = "unknown", _("Không có tem này")


class EventType(models.TextChoices):
    OBJECT = "ObjectEvent", "ObjectEvent"
    AGGREGATION = "AggregationEvent", "AggregationEvent"
    TRANSFORMATION = "TransformationEvent", "TransformationEvent"


BIZ_STEPS = [  # CBV 2.0 business steps a producer records, with the words they use
    ("commissioning", _("Tạo mã, đưa vào sử dụng")), ("harvesting", _("Thu hoạch")),
    ("packing", _("Đóng gói")), ("shipping", _("Xuất hàng")), ("receiving", _("Nhận hàng")),
    ("storing", _("Lưu kho")), ("inspecting", _("Kiểm tra")), ("retail_selling", _("Bán lẻ")),
]
