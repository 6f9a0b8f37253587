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
    TRANSACTION = "TransactionEvent", "TransactionEvent"
    TRANSFORMATION = "TransformationEvent", "TransformationEvent"
    ASSOCIATION = "AssociationEvent", "AssociationEvent"


class RecallState(models.TextChoices):
    ORDERED = "ordered", _("Đã ra lệnh thu hồi")
    NOTIFIED = "notified", _("Đã thông báo")
    REMOVED = "removed", _("Đã xác nhận thu gom khỏi thị trường")
    CLOSED = "closed", _("Đã kết thúc thu hồi")
    LIFTED = "lifted", _("Đã dỡ bỏ lệnh thu hồi")


# NSCL's own business steps (CBV 2.0 has no harvest): an URI of NSCL's namespace, as EPCIS
# asks of a step outside the CBV
HARVESTING = "https://nscl.vn/voc/BizStep-harvesting"
BIZ_STEPS = [  # business steps a producer records (CBV 2.0 terms but one), with their words
    ("commissioning", _("Tạo mã, đưa vào sử dụng")), (HARVESTING, _("Thu hoạch")),
    ("packing", _("Đóng gói")), ("shipping", _("Xuất hàng")), ("receiving", _("Nhận hàng")),
    ("storing", _("Lưu kho")), ("inspecting", _("Kiểm tra")), ("retail_selling", _("Bán lẻ")),
]
