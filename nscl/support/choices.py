from django.db import models
from django.utils.translation import gettext_lazy as _


class BeneficiaryKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOP_GROUP = "coop_group", _("Tổ hợp tác")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("Siêu nhỏ")
    SMALL = "small", _("Nhỏ")
    MEDIUM = "medium", _("Vừa")
    LARGE = "large", _("Lớn")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã nộp hồ sơ")
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")
    UNDER_REVIEW = "under_review", _("Hội đồng xét chọn đang xem xét")
    RECOMMENDED = "recommended", _("Được hội đồng đề xuất")
    NOT_RECOMMENDED = "not_recommended", _("Không được đề xuất")
    APPROVED = "approved", _("UBND tỉnh phê duyệt")
    CONTRACTED = "contracted", _("Đã ký hợp đồng, đang thực hiện")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Chờ nghiệm thu")
    ACCEPTED = "accepted", _("Nghiệm thu đạt")
    FAILED = "failed", _("Nghiệm thu không đạt")
    LIQUIDATED = "liquidated", _("Đã thanh lý hợp đồng")
    WITHDRAWN = "withdrawn", _("Đã rút")


class CouncilKind(models.TextChoices):
    SELECTION = "selection", _("Hội đồng xét chọn")
    ACCEPTANCE = "acceptance", _("Hội đồng nghiệm thu")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    SECRETARY = "secretary", _("Thư ký")
    MEMBER = "member", _("Ủy viên")
    EXPERT = "expert", _("Chuyên gia mời")
