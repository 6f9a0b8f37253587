from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ANNUAL = "annual", _("Báo cáo định kỳ năm")
    MIDTERM = "midterm", _("Sơ kết giai đoạn 2021–2025")
    FINAL = "final", _("Tổng kết giai đoạn 2021–2030")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")


class SubmissionStatus(models.TextChoices):
    EXPECTED = "expected", _("Chưa gửi")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SENT = "sent", _("Đã gửi Bộ Khoa học và Công nghệ")


# The skeleton of a unit's contribution (seed 001): key, heading, level
SKELETON = [
    ("I", "I. TÌNH HÌNH TRIỂN KHAI CHƯƠNG TRÌNH", 0),
    ("I.1", "1. Về xây dựng kế hoạch thực hiện", 1),
    ("I.2", "2. Về xây dựng văn bản điều hành", 1),
    ("I.3", "3. Về lồng ghép trong các chương trình khác", 1),
    ("II", "II. KẾT QUẢ THỰC HIỆN", 0),
    ("II.1.1", "1.1. Hoàn thiện chính sách", 1),
    ("II.1.2", "1.2. Thông tin, truyền thông", 1),
    ("II.1.3", "1.3. Hỗ trợ áp dụng tiêu chuẩn, hệ thống quản lý, công cụ cải tiến", 1),
    ("II.1.4", "1.4. Đào tạo nguồn nhân lực cho hoạt động nâng cao năng suất chất lượng", 1),
    ("II.1.5", "1.5. Nâng cao năng lực đánh giá sự phù hợp", 1),
    ("II.1.6", "1.6. Hợp tác quốc tế", 1),
    ("III", "III. ĐỀ XUẤT, KIẾN NGHỊ", 0),
]
TEXT_KEYS = [key for key, _h, level in SKELETON if level == 1 or key == "III"]
HEADINGS = {key: heading for key, heading, _level in SKELETON}
