from django.db import models
from django.utils.translation import gettext_lazy as _

from nscl.core.periods import AD_HOC, ANNUAL, QUARTERLY, SIX_MONTHLY


class RequestKind(models.TextChoices):
    """What kind of report is asked for; the Ministry compares provinces only on one kind."""

    PERIODIC = "periodic", _("Báo cáo định kỳ")
    MIDTERM = "midterm", _("Báo cáo sơ kết")
    FINAL = "final", _("Báo cáo tổng kết")
    THEMATIC = "thematic", _("Báo cáo chuyên đề, đột xuất")


class Frequency(models.TextChoices):
    """Decree 09/2019/NĐ-CP: how often the report is made."""

    ANNUAL = ANNUAL, _("Hằng năm")
    SIX_MONTHLY = SIX_MONTHLY, _("6 tháng")
    QUARTERLY = QUARTERLY, _("Hằng quý")
    AD_HOC = AD_HOC, _("Đột xuất, một lần")


class Audience(models.TextChoices):
    """Who must report, picked from the unit tree of the plan's province."""

    COMMUNES = "communes", _("Tất cả xã, phường, đặc khu của tỉnh")
    DEPARTMENTS = "departments", _("Tất cả sở, ban, ngành, hội và hiệp hội của tỉnh")
    ALL = "all", _("Tất cả sở, ban, ngành và xã, phường, đặc khu")
    LIST = "list", _("Các đơn vị chọn trong danh sách")


class Method(models.TextChoices):
    """Decree 09: how the report is sent."""

    SYSTEM = "system", _("Báo cáo điện tử trên hệ thống NSCL")
    SYSTEM_AND_PAPER = "system_paper", _("Trên hệ thống NSCL và gửi văn bản giấy có chữ ký, "
                                         "đóng dấu")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class SubmissionStatus(models.TextChoices):
    EXPECTED = "expected", _("Chưa gửi")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    READY = "ready", _("Đã chốt, chờ ký")
    SIGNED = "signed", _("Đã ký số")
    SENT = "sent", _("Đã gửi Bộ Khoa học và Công nghệ")


class AttachmentKind(models.TextChoices):
    SIGNED_REPORT = "signed_report", _("Văn bản báo cáo đã ký, đóng dấu (bản chụp)")
    ANNEX = "annex", _("Phụ lục, tài liệu kèm theo")


class ColumnType(models.TextChoices):
    TEXT = "text", _("Chữ")
    MONEY = "money", _("Số tiền (đồng)")
    NUMBER = "number", _("Số")


# The outline of seed 001 (UBND xã Ba Dinh's answer to request 567/SKHCN-TĐC), with the part on
# shortcomings every report to the Ministry has (seed 002 §2): parts are numbered I, II …,
# sections 1, 2 …, subsections 1.1, 1.2 … when the document is written, so a request may drop
# or add sections. "form" marks where the quantitative table goes.
DEFAULT_OUTLINE = [
    {"key": "implementation", "title": "TÌNH HÌNH TRIỂN KHAI CHƯƠNG TRÌNH", "level": 0},
    {"key": "planning", "title": "Về xây dựng kế hoạch thực hiện", "level": 1},
    {"key": "directives", "title": "Về xây dựng văn bản điều hành", "level": 1},
    {"key": "integration", "title": "Về lồng ghép trong các chương trình khác", "level": 1},
    {"key": "results", "title": "KẾT QUẢ THỰC HIỆN", "level": 0},
    {"key": "tasks", "title": "Thực hiện các nhiệm vụ, giải pháp", "level": 1},
    {"key": "policy", "title": "Hoàn thiện chính sách", "level": 2},
    {"key": "communication", "title": "Thông tin, truyền thông", "level": 2},
    {"key": "standards", "title": "Hỗ trợ áp dụng tiêu chuẩn, hệ thống quản lý, công cụ cải "
                                  "tiến", "level": 2},
    {"key": "training", "title": "Đào tạo nguồn nhân lực cho hoạt động nâng cao năng suất "
                                 "chất lượng", "level": 2},
    {"key": "conformity", "title": "Nâng cao năng lực đánh giá sự phù hợp", "level": 2},
    {"key": "international", "title": "Hợp tác quốc tế", "level": 2},
    {"key": "quantitative", "title": "Định lượng kết quả đạt được", "level": 1, "form": True},
    {"key": "shortcomings", "title": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "level": 0},
    {"key": "proposals", "title": "ĐỀ XUẤT, KIẾN NGHỊ", "level": 0},
]

# The quantitative table of seeds 000 and 001: activity, cost in đồng, period; rows added by the
# unit, the last one a total checked against the others.
DEFAULT_FORM = {
    "columns": [
        {"key": "activity", "label": "Nội dung thực hiện", "type": ColumnType.TEXT.value},
        {"key": "cost", "label": "Kinh phí thực hiện (đồng)", "type": ColumnType.MONEY.value},
        {"key": "period", "label": "Thời gian thực hiện", "type": ColumnType.TEXT.value},
    ],
    "rows": [],
    "total": True,
}

# Section keys of the skeleton used before outlines were per request (migration 0002 maps them).
LEGACY_KEYS = {"I.1": "planning", "I.2": "directives", "I.3": "integration",
               "II.1.1": "policy", "II.1.2": "communication", "II.1.3": "standards",
               "II.1.4": "training", "II.1.5": "conformity", "II.1.6": "international",
               "III": "proposals"}
