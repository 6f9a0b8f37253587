"""The demo plans as data, transcribed from seeds 003 (Sóc Trăng) and 004 (Tuyên Quang).

Targets and wording are the plans' own; indicator values are illustrative and say so.
"""

import datetime as dt
from decimal import Decimal

from nscl.organisation.choices import UnitKind as K
from nscl.plans.choices import AssignmentRole as R
from nscl.plans.choices import Direction as D
from nscl.plans.choices import IndicatorKind as IK

# code, name, kind, parent code, successor code (for units dissolved on 1/7/2025)
UNITS = [
    ("92-SKHCN", "Sở Khoa học và Công nghệ thành phố Cần Thơ", K.DEPARTMENT, "92", None),
    ("92-STC", "Sở Tài chính thành phố Cần Thơ", K.DEPARTMENT, "92", None),
    ("92-SNV", "Sở Nội vụ thành phố Cần Thơ", K.DEPARTMENT, "92", None),
    ("92-SCT", "Sở Công Thương thành phố Cần Thơ", K.DEPARTMENT, "92", None),
    ("92-SNNMT", "Sở Nông nghiệp và Môi trường thành phố Cần Thơ", K.DEPARTMENT, "92", None),
    ("92-TK", "Thống kê thành phố Cần Thơ", K.STATISTICS, "92", None),
    ("92-LMHTX", "Liên minh Hợp tác xã thành phố Cần Thơ", K.COOP_ALLIANCE, "92", None),
    ("92-HHDN", "Hiệp hội Doanh nghiệp thành phố Cần Thơ", K.ASSOCIATION, "92", None),
    ("cu-94-SKHCN", "Sở Khoa học và Công nghệ tỉnh Sóc Trăng", K.DEPARTMENT, "cu-94", "92-SKHCN"),
    ("cu-94-STC", "Sở Tài chính tỉnh Sóc Trăng", K.DEPARTMENT, "cu-94", "92-STC"),
    ("cu-94-SNV", "Sở Nội vụ tỉnh Sóc Trăng", K.DEPARTMENT, "cu-94", "92-SNV"),
    ("cu-94-CTK", "Cục Thống kê tỉnh Sóc Trăng", K.STATISTICS, "cu-94", "92-TK"),
    ("cu-94-LMHTX", "Liên minh Hợp tác xã tỉnh Sóc Trăng", K.COOP_ALLIANCE, "cu-94", "92-LMHTX"),
    ("cu-94-HHDN", "Hiệp hội Doanh nghiệp tỉnh Sóc Trăng", K.ASSOCIATION, "cu-94", "92-HHDN"),
    ("08-SKHCN", "Sở Khoa học và Công nghệ tỉnh Tuyên Quang", K.DEPARTMENT, "08", None),
    ("08-STC", "Sở Tài chính tỉnh Tuyên Quang", K.DEPARTMENT, "08", None),
    ("08-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Tuyên Quang", K.DEPARTMENT, "08", "08-STC"),
    ("08-SCT", "Sở Công Thương tỉnh Tuyên Quang", K.DEPARTMENT, "08", None),
    ("08-HHDN", "Hiệp hội Doanh nghiệp tỉnh Tuyên Quang", K.ASSOCIATION, "08", None),
    ("51-SKHCN", "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi", K.DEPARTMENT, "51", None),
    ("51-SCT", "Sở Công Thương tỉnh Quảng Ngãi", K.DEPARTMENT, "51", None),
    ("51-STC", "Sở Tài chính tỉnh Quảng Ngãi", K.DEPARTMENT, "51", None),
    ("51-SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi", K.DEPARTMENT, "51", None),
    ("51-LMHTX", "Liên minh Hợp tác xã tỉnh Quảng Ngãi", K.COOP_ALLIANCE, "51", None),
]

_ST = "cu-94-SKHCN"


def _values(unit: str, by_year: dict[int, int]) -> dict:
    return {(unit, year): value for year, value in by_year.items()}


SOC_TRANG = {
    "province": "cu-94",
    "program_office": _ST,
    "reporter": "vanphong.cantho",
    "number": "",
    "symbol": "KH-UBND",
    "issued_on": dt.date(2021, 8, 13),  # the day is blank in the copy; the province signed 13/8
    "issuing_body": "Ủy ban nhân dân tỉnh Sóc Trăng",
    "title": "Thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất "
             "lượng sản phẩm, hàng hóa trên địa bàn tỉnh Sóc Trăng giai đoạn 2021 – 2025 và "
             "định hướng đến năm 2030",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Huỳnh Thị Diễm Ngọc",
    "start_year": 2021,
    "end_year": 2030,
    "total_budget": Decimal("14755"),
    "funding_note": "Kinh phí sự nghiệp khoa học và công nghệ hằng năm của ngân sách tỉnh và các "
                    "nguồn vốn huy động hợp pháp khác.",
    "phases": [(2021, 2025, Decimal("6370")), (2026, 2030, Decimal("8385"))],
    "appendix_source": "003_fa5d4f675ee7352c.txt",
    "task_groups": [
        ("Tăng cường công tác thông tin, truyền thông về năng suất chất lượng",
         "Phổ biến, hướng dẫn áp dụng hệ thống quản lý, công cụ cải tiến; truyền thông; tập "
         "huấn, tham quan, hội thảo; tôn vinh, khen thưởng; vận động tham gia GTCLQG.",
         [(_ST, R.LEAD, "Chủ trì tổ chức thực hiện"),
          ("cu-94-SNV", R.COORDINATE, "Tham mưu khen thưởng"),
          ("cu-94-LMHTX", R.COORDINATE, "Tuyên truyền, vận động HTX"),
          ("cu-94-HHDN", R.COORDINATE, "Tuyên truyền, vận động doanh nghiệp")]),
        ("Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công "
         "cụ cải tiến năng suất chất lượng, công cụ hỗ trợ sản xuất thông minh, dịch vụ thông minh",
         "TCCS, chứng nhận hợp chuẩn, hợp quy; hệ thống quản lý tiên tiến; ISO/IEC 17025; "
         "GTCLQG.",
         [(_ST, R.LEAD, "Tiếp nhận hồ sơ, thành lập Hội đồng xét chọn, nghiệm thu"),
          ("cu-94-STC", R.COORDINATE, "Bố trí kinh phí hằng năm")]),
        ("Đào tạo nguồn nhân lực cho hoạt động nâng cao năng suất chất lượng",
         "Đào tạo chuyên gia năng suất chất lượng; tập huấn, bồi dưỡng kiến thức, kỹ năng.",
         [(_ST, R.LEAD, "Tổ chức, phối hợp đào tạo")]),
        ("Tính mức độ đóng góp của năng suất các nhân tố tổng hợp (TFP) trong tốc độ tăng "
         "trưởng kinh tế của tỉnh",
         "Tính đóng góp của TFP vào tăng trưởng GRDP giai đoạn 2021–2025 và 2026–2030.",
         [(_ST, R.LEAD, "Chủ trì"), ("cu-94-CTK", R.COORDINATE, "Cung cấp số liệu, tính toán")]),
    ],
    "indicators": [
        {"name": "Hội thảo, hội nghị tuyên truyền phổ biến về năng suất chất lượng",
         "unit": "đợt", "targets": {2021: 4, 2026: 4},
         "wording": "Tổ chức 04 đợt Hội thảo, hội nghị tuyên truyền phổ biến",
         "computation": ("activities.events", "workshop,conference")},
        {"name": "Khóa đào tạo về năng suất chất lượng", "unit": "khóa",
         "targets": {2021: 4, 2026: 6}, "wording": "04 khoá đào tạo (giai đoạn 2026–2030: 06)",
         "computation": ("activities.events", "training")},
        {"name": "Sản phẩm, hàng hóa được hỗ trợ tư vấn, công bố, áp dụng TCCS; chứng nhận "
                 "hợp chuẩn, hợp quy", "unit": "sản phẩm", "targets": {2021: 75, 2026: 95},
         "wording": "Hỗ trợ 75 sản phẩm, hàng hóa của tỉnh được tư vấn, công bố, áp dụng Tiêu "
                    "chuẩn cơ sở…",
         "computation": ("support.accepted_cases", "5.1")},
        {"name": "Lượt doanh nghiệp, HKD, HTX được hỗ trợ hệ thống quản lý tiên tiến, công cụ "
                 "cải tiến", "unit": "lượt", "targets": {2021: 40, 2026: 50},
         "wording": "Hỗ trợ ít nhất 40 lượt doanh nghiệp, hộ kinh doanh, hợp tác xã…",
         "computation": ("support.accepted_cases", "5.2")},
        {"name": "Đơn vị được hỗ trợ tư vấn, chứng nhận theo ISO/IEC 17025", "unit": "đơn vị",
         "direction": D.EXACTLY, "targets": {2021: 3, 2026: 3},
         "wording": "Hỗ trợ 03 đơn vị thực hiện tư vấn xây dựng, áp dụng, đánh giá chứng nhận, "
                    "nâng cấp theo ISO/IEC 17025",
         "computation": ("support.accepted_cases", "5.3")},
        {"name": "Lượt tham dự Giải thưởng Chất lượng Quốc gia", "unit": "lượt",
         "targets": {2021: 5, 2026: 5},
         "wording": "Hỗ trợ ít nhất 05 lượt doanh nghiệp… tham dự GTCLQG",
         "computation": ("support.accepted_cases", "5.4")},
        {"name": "Lượt doanh nghiệp được trao Giải thưởng Chất lượng Quốc gia", "unit": "lượt",
         "targets": {2021: 2, 2026: 3},
         "wording": "có ít nhất 02 lượt doanh nghiệp được trao tặng GTCLQG (2026–2030: 03)",
         "computation": ("support.award_winners", "5.4")},
        {"name": "Chuyên gia năng suất chất lượng được đào tạo", "unit": "người",
         "targets": {2021: 15, 2026: 20},
         "wording": "Đào tạo ít nhất 15 chuyên gia năng suất chất lượng (2026–2030: 20)",
         "computation": ("activities.experts", "")},
        {"name": "Tính mức độ đóng góp của TFP vào tăng trưởng kinh tế của tỉnh",
         "unit": "báo cáo", "kind": IK.MILESTONE, "direction": D.EXACTLY,
         "targets": {2021: 1, 2026: 1},
         "wording": "Thực hiện tính mức độ đóng góp của năng suất các nhân tố tổng hợp (TFP)…",
         "computation": ("productivity.tfp_computed", "")},
    ],
}

_TQ = "08-SKHCN"

TUYEN_QUANG = {
    "province": "08",
    "program_office": _TQ,
    "reporter": "vanphong.tuyenquang",
    "number": "",
    "symbol": "KH-UBND",
    "issued_on": dt.date(2022, 4, 19),  # number not in the copy; signed digitally 19/4/2022
    "issuing_body": "Ủy ban nhân dân tỉnh Tuyên Quang",
    "title": "Thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất "
             "lượng sản phẩm, hàng hóa trên địa bàn tỉnh Tuyên Quang giai đoạn 2021-2025",
    "signer_authority": "TM. UỶ BAN NHÂN DÂN / KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Hoàng Việt Phương",
    "start_year": 2021,
    "end_year": 2025,
    "total_budget": None,
    "funding_note": "Nguồn sự nghiệp khoa học và công nghệ tỉnh hằng năm; vốn lồng ghép; vốn của "
                    "doanh nghiệp, tổ chức, cá nhân và các nguồn hợp pháp khác.",
    "phases": [(2021, 2025, None)],
    "task_groups": [
        ("Tổ chức thực hiện và hoàn thiện cơ chế, chính sách thúc đẩy hoạt động nâng cao năng "
         "suất, chất lượng", "",
         [(_TQ, R.LEAD, "Rà soát, đề xuất cơ chế, chính sách"),
          ("08-STC", R.COORDINATE, "Thẩm định dự toán"),
          ("08-SKHDT", R.COORDINATE, "Giao vốn đầu tư phát triển")]),
        ("Thông tin, tuyên truyền về năng suất, chất lượng", "",
         [(_TQ, R.LEAD, ""), ("08-HHDN", R.COORDINATE, "Thông tin tuyên truyền")]),
        ("Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ "
         "cải tiến năng suất, chất lượng, công cụ hỗ trợ cho sản xuất thông minh, dịch vụ thông "
         "minh", "", [(_TQ, R.LEAD, ""), ("08-SCT", R.COORDINATE, "Truy xuất nguồn gốc")]),
        ("Đào tạo nguồn nhân lực cho hoạt động nâng cao năng suất, chất lượng", "",
         [(_TQ, R.LEAD, "")]),
        ("Tăng cường năng lực hoạt động tiêu chuẩn hóa và đánh giá sự phù hợp với tiêu chuẩn, "
         "quy chuẩn kỹ thuật", "Cơ sở dữ liệu về áp dụng tiêu chuẩn đối với sản phẩm của tỉnh.",
         [(_TQ, R.LEAD, "")]),
    ],
    "indicators": [
        {"name": "Lượt người được đào tạo, tập huấn về năng suất, chất lượng", "unit": "lượt người",
         "direction": D.ABOVE, "targets": {2021: 500},
         "wording": "Đào tạo, tập huấn về năng suất, chất lượng cho trên 500 lượt người",
         "computation": ("activities.turns", "training")},
        {"name": "Chuyên gia năng suất, chất lượng được đào tạo", "unit": "người",
         "targets": {2021: 10}, "wording": "Đào tạo về chuyên gia năng suất, chất lượng cho ít "
                                            "nhất 10 người",
         "computation": ("activities.experts", "")},
        {"name": "Doanh nghiệp được hỗ trợ giải pháp tiêu chuẩn, quy chuẩn, truy xuất nguồn gốc, "
                 "hệ thống quản lý, công cụ cải tiến", "unit": "doanh nghiệp",
         "targets": {2021: 30}, "wording": "Có 30 doanh nghiệp trở lên được hỗ trợ…",
         "computation": ("support.beneficiaries", "")},
        {"name": "Tỷ lệ tổ chức, cá nhân sản xuất nông lâm thủy sản, thực phẩm được thông tin, "
                 "tập huấn về truy xuất nguồn gốc, mã số mã vạch", "unit": "%", "kind": IK.LEVEL,
         "direction": D.ABOUT, "targets": {2021: 50},
         "wording": "Phấn đấu 50% các tổ chức, cá nhân sản xuất, kinh doanh… được thông tin",
         "values": _values(_TQ, {2024: 42})},
        {"name": "Doanh nghiệp được hướng dẫn, hỗ trợ tham gia Giải thưởng Chất lượng Quốc gia",
         "unit": "doanh nghiệp", "direction": D.EXACTLY, "targets": {2021: 2},
         "wording": "Hướng dẫn, hỗ trợ 02 doanh nghiệp tham gia Giải thưởng chất lượng quốc gia",
         "computation": ("activities.awards", "")},
        {"name": "Tỷ lệ sản phẩm OCOP được đăng ký bảo hộ nhãn hiệu", "unit": "%",
         "kind": IK.LEVEL, "direction": D.ABOVE, "targets": {2021: 70},
         "wording": "Có trên 70% sản phẩm gắn với Chương trình OCOP được đăng ký bảo hộ nhãn hiệu",
         "computation": ("traceability.ocop_trademark_share", "")},
        {"name": "Cổng thông tin điện tử về truy xuất nguồn gốc sản phẩm của tỉnh",
         "unit": "cổng", "kind": IK.MILESTONE, "direction": D.EXACTLY, "targets": {2021: 1},
         "wording": "Triển khai xây dựng Cổng thông tin điện tử về truy xuất nguồn gốc…",
         "computation": ("traceability.portal", "")},
    ],
}


_QN = "51-SKHCN"
_QN_NOTE = " (chỉ tiêu minh họa: nội dung Kế hoạch 11/KH-UBND không có trong tài liệu gốc)"

QUANG_NGAI = {
    "province": "51",
    "program_office": _QN,
    "reporter": "vanphong.quangngai",
    "number": "11",
    "symbol": "KH-UBND",
    "issued_on": dt.date(2021, 1, 18),  # cited by seeds 000 and 001
    "issuing_body": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "title": "Triển khai thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất "
             "và chất lượng sản phẩm, hàng hoá, giai đoạn 2021-2025 trên địa bàn tỉnh Quảng Ngãi",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "",
    "start_year": 2021,
    "end_year": 2025,
    "total_budget": None,
    "funding_note": "Kinh phí sự nghiệp khoa học và công nghệ của tỉnh.",
    "phases": [(2021, 2025, None)],
    "task_groups": [
        ("Thông tin, truyền thông; đào tạo nguồn nhân lực; hỗ trợ doanh nghiệp", "",
         [(_QN, R.LEAD, "Cơ quan điều hành"), ("51-SCT", R.COORDINATE, "Truy xuất nguồn gốc, "
                                                "thương mại điện tử")]),
    ],
    "indicators": [
        {"name": "Hội thảo, hội nghị về năng suất chất lượng", "unit": "cuộc",
         "targets": {2021: 4}, "wording": "Tổ chức hội thảo, hội nghị" + _QN_NOTE,
         "computation": ("activities.events", "workshop,conference")},
        {"name": "Lượt người được đào tạo, tập huấn", "unit": "lượt người",
         "targets": {2021: 1000}, "wording": "Đào tạo, tập huấn" + _QN_NOTE,
         "computation": ("activities.turns", "training")},
        {"name": "Chuyên gia năng suất được cấp chứng chỉ", "unit": "người",
         "targets": {2021: 2}, "wording": "Đào tạo chuyên gia năng suất" + _QN_NOTE,
         "computation": ("activities.experts", "")},
    ],
}
