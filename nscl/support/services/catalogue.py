"""Reference data of the support module: the categories of budget item 5, default criteria."""

from ..models import PriorityCriterion, SupportCategory
from ..rules import DEFAULT_CRITERIA

CATEGORIES = [
    ("5.1", "Tiêu chuẩn, quy chuẩn, hợp chuẩn, hợp quy",
     "Xây dựng TCCS; công bố, chứng nhận phù hợp TCVN, tiêu chuẩn quốc tế, QCVN, QCĐP; "
     "tự công bố."),
    ("5.2", "Hệ thống quản lý, công cụ cải tiến, truy xuất nguồn gốc, GAP, hữu cơ, năng suất xanh",
     "ISO 9001, ISO 22000, ISO 14001, ISO 45001, ISO 50001, HACCP, 5S, Kaizen, Lean, KPI, truy "
     "xuất nguồn gốc, VietGAP, hữu cơ, năng suất xanh, công cụ số."),
    ("5.3", "Phòng thử nghiệm theo ISO/IEC 17025",
     "Tư vấn xây dựng, áp dụng, chứng nhận, nâng cấp phòng thử nghiệm, phòng thí nghiệm."),
    ("5.4", "Giải thưởng Chất lượng Quốc gia",
     "Đào tạo, tư vấn hồ sơ, báo cáo tự đánh giá, tham dự và nhận giải."),
]


def categories_ensure() -> dict[str, SupportCategory]:
    for code, name, description in CATEGORIES:
        SupportCategory.objects.update_or_create(code=code, defaults={"name": name,
                                                                      "description": description})
    return {c.code: c for c in SupportCategory.objects.all()}


def criteria_ensure(plan) -> None:
    """The plan's priority criteria, with default weights where the plan has none yet."""
    for rule, label, points in DEFAULT_CRITERIA:
        PriorityCriterion.objects.get_or_create(plan=plan, rule=rule,
                                                defaults={"label": label, "points": points})
