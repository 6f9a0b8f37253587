from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Bộ")
    PROVINCE = "province", _("Tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    STATISTICS = "statistics", _("Cơ quan thống kê")
    ASSOCIATION = "association", _("Hội, hiệp hội doanh nghiệp")
    COOP_ALLIANCE = "coop_alliance", _("Liên minh hợp tác xã")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, HTX, hộ kinh doanh")
    OTHER = "other", _("Khác")


class Role(models.TextChoices):
    PROGRAM_OFFICE = "program_office", _("Cơ quan điều hành Chương trình")
    UNIT_REPORTER = "unit_reporter", _("Cán bộ báo cáo của đơn vị")
    BENEFICIARY = "beneficiary", _("Doanh nghiệp, HTX, hộ kinh doanh")
    COUNCIL_MEMBER = "council_member", _("Thành viên hội đồng")
    LEADERSHIP = "leadership", _("Lãnh đạo UBND tỉnh")
    MINISTRY = "ministry", _("Bộ Khoa học và Công nghệ")
    VIEWER = "viewer", _("Người xem")
