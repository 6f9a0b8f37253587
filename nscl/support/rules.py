"""Eligibility and priority points, from the plan's criteria (seed 003, section III.1.1).

Eligibility: lawfully established, registration and commitment form signed, located in the
province. Priority: key or traditional product, OCOP, in-province raw materials, export turnover,
export potential — each worth the points the plan's criteria give it, every point explained.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import PriorityCriterion, SupportCase

DEFAULT_CRITERIA = [
    ("key_product", "Sản xuất sản phẩm chủ lực, truyền thống của tỉnh", 20),
    ("ocop", "Có sản phẩm OCOP", 20),
    ("local_raw_materials", "Sử dụng nguyên liệu trong tỉnh", 15),
    ("export_turnover", "Có kim ngạch xuất khẩu", 15),
    ("export_potential", "Có tiềm năng xuất khẩu (sản phẩm OCOP 4 sao trở lên)", 10),
]


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool
    points: int = 0


def eligibility(case: SupportCase) -> list[Check]:
    beneficiary = case.beneficiary
    province_path = case.plan.province.province_path()
    return [
        Check(_("Được thành lập theo quy định của pháp luật"), beneficiary.legally_established),
        Check(_("Có Bảng đăng ký và cam kết thực hiện"), case.commitment_signed),
        Check(_("Hoạt động trên địa bàn tỉnh"),
              beneficiary.commune.path.startswith(province_path)),
    ]


def _meets(rule: str, case: SupportCase) -> bool:
    b = case.beneficiary
    return {
        "key_product": b.key_product,
        "ocop": b.ocop_products > 0,
        "local_raw_materials": b.local_raw_materials,
        "export_turnover": b.export_turnover > Decimal(0),
        "export_potential": b.ocop_max_stars >= 4,
    }.get(rule, False)


def priority(case: SupportCase) -> list[Check]:
    criteria = PriorityCriterion.objects.filter(plan=case.plan).order_by("-points", "rule")
    return [Check(c.label, _meets(c.rule, case), c.points if _meets(c.rule, case) else 0)
            for c in criteria]
