from django.db import models
from django.utils.translation import gettext_lazy as _


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


# One definition of each group of states, used by indicators, dashboard, reports and money.
DONE_STATES = (CaseStatus.ACCEPTED, CaseStatus.LIQUIDATED)  # the support was given and passed
CLOSED_STATES = (CaseStatus.INELIGIBLE, CaseStatus.NOT_RECOMMENDED, CaseStatus.FAILED,
                 CaseStatus.WITHDRAWN)  # ended without support
RELEASED_STATES = (CaseStatus.WITHDRAWN, CaseStatus.FAILED)  # their contracts commit nothing


class CouncilKind(models.TextChoices):
    SELECTION = "selection", _("Hội đồng xét chọn")
    ACCEPTANCE = "acceptance", _("Hội đồng nghiệm thu")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    SECRETARY = "secretary", _("Thư ký")
    MEMBER = "member", _("Ủy viên")
    EXPERT = "expert", _("Chuyên gia mời")


class CouncilStatus(models.TextChoices):
    FORMED = "formed", _("Đang làm việc")
    CONCLUDED = "concluded", _("Đã kết luận")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Đang tiếp nhận hồ sơ")
    CLOSED = "closed", _("Đã đóng")


class DocumentKind(models.TextChoices):
    """The documents a case carries (seed 003's procedure: registration, council, contract,
    acceptance, liquidation); a call names those an application must attach."""

    COMMITMENT = "commitment", _("Bảng đăng ký và cam kết")
    BUSINESS_REGISTRATION = "business_registration", _("Giấy chứng nhận đăng ký kinh doanh")
    QUOTATION = "quotation", _("Báo giá của đơn vị tư vấn")
    CONSULTANT_CONTRACT = "consultant_contract", _("Hợp đồng tư vấn")
    CERTIFICATE = "certificate", _("Giấy chứng nhận")
    MINUTES = "minutes", _("Biên bản họp hội đồng")
    ACCEPTANCE_RECORD = "acceptance_record", _("Biên bản nghiệm thu")
    OTHER = "other", _("Tài liệu khác")
