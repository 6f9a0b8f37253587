from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Hội thảo")
    CONFERENCE = "conference", _("Hội nghị")
    TRAINING = "training", _("Khóa đào tạo, tập huấn")
    STUDY_VISIT = "study_visit", _("Tham quan, học tập kinh nghiệm")
    REPORTAGE = "reportage", _("Phóng sự")
    ARTICLE = "article", _("Bài viết")
    BROADCAST = "broadcast", _("Chương trình phát thanh, truyền hình")
    WEB_POST = "web_post", _("Tin bài trên cổng thông tin")


COMMUNICATION = {EventKind.REPORTAGE, EventKind.ARTICLE, EventKind.BROADCAST, EventKind.WEB_POST}


class ParticipantKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    OFFICIAL = "official", _("Cán bộ, công chức")
    LECTURER = "lecturer", _("Giảng viên")
    STUDENT = "student", _("Sinh viên")


class AwardResult(models.TextChoices):
    ENTERED = "entered", _("Tham dự")
    WON = "won", _("Đạt giải")


TOPICS = [  # i18n: topic names seeded into the database (data, not interface)
    ("iso9001", "ISO 9001"), ("iso22000", "ISO 22000"), ("iso14001", "ISO 14001"),
    ("iso45001", "ISO 45001"), ("iso50001", "ISO 50001"), ("iso27001", "ISO/IEC 27001"),
    ("haccp", "HACCP"), ("5s", "5S"), ("kaizen", "Kaizen"), ("lean", "Lean"), ("kpi", "KPI"),
    ("mfca", "MFCA"), ("green", "Năng suất xanh"), ("gs1", "Mã số mã vạch, truy xuất nguồn gốc"),
    ("vietgap", "VietGAP"), ("gacp", "GACP"), ("digital", "Chuyển đổi số"),
    ("standards", "Tiêu chuẩn, quy chuẩn kỹ thuật"), ("award", "Giải thưởng Chất lượng Quốc gia"),
    ("productivity", "Năng suất chất lượng"),
]
