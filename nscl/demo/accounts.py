"""The demo accounts, one per role; printed by `make run` and listed on the login page."""

DEMO_PASSWORD = "nscl-demo-2025"

# username, role, unit code (None: resolved by the loader), full name, what they can try
DEMO_ACCOUNTS = [
    {"username": "vanphong.cantho", "role": "program_office", "unit": "92-SKHCN",
     "full_name": "Trần Minh Khoa", "note": "Sở KH&CN Cần Thơ: kế hoạch Sóc Trăng, dự toán"},
    {"username": "vanphong.tuyenquang", "role": "program_office", "unit": "08-SKHCN",
     "full_name": "Nguyễn Thị Hạnh", "note": "Sở KH&CN Tuyên Quang"},
    {"username": "baocao.sct.cantho", "role": "unit_reporter", "unit": "92-SCT",
     "full_name": "Lê Văn Tâm", "note": "Sở Công Thương Cần Thơ"},
    {"username": "baocao.xa1.cantho", "role": "unit_reporter", "unit": "commune:1",
     "full_name": "Phạm Thị Lan", "note": "một phường của Cần Thơ"},
    {"username": "baocao.xa2.cantho", "role": "unit_reporter", "unit": "commune:2",
     "full_name": "Võ Văn Nam", "note": "một phường khác của Cần Thơ"},
    {"username": "doanhnghiep.cantho", "role": "beneficiary", "unit": "92-DN-001",
     "full_name": "Đặng Quốc Bảo", "note": "HTX Nông nghiệp Mỹ Xuyên"},
    {"username": "hoidong.cantho", "role": "council_member", "unit": "92-SNNMT",
     "full_name": "Huỳnh Văn Phúc", "note": "thành viên hội đồng xét chọn"},
    {"username": "chutich.cantho", "role": "council_member", "unit": "92-SKHCN",
     "full_name": "Lâm Quốc Việt", "note": "chủ tịch hội đồng xét chọn, nghiệm thu"},
    {"username": "thuky.cantho", "role": "council_member", "unit": "92-SKHCN",
     "full_name": "Trịnh Thị Mai", "note": "thư ký hội đồng: ghi biên bản, kết luận"},
    {"username": "thuky.tuyenquang", "role": "council_member", "unit": "08-SKHCN",
     "full_name": "Ma Văn Dũng", "note": "thư ký hội đồng Tuyên Quang"},
    {"username": "lanhdao.tuyenquang", "role": "leadership", "unit": "08",
     "full_name": "Hà Thị Thu", "note": "UBND tỉnh Tuyên Quang"},
    {"username": "lanhdao.cantho", "role": "leadership", "unit": "92",
     "full_name": "Ngô Thanh Sơn", "note": "UBND thành phố Cần Thơ"},
    {"username": "vanphong.quangngai", "role": "program_office", "unit": "51-SKHCN",
     "full_name": "Nguyễn Thanh Tùng", "note": "Sở KH&CN Quảng Ngãi: công văn 567/SKHCN-TĐC"},
    {"username": "baocao.sct.quangngai", "role": "unit_reporter", "unit": "51-SCT",
     "full_name": "Phạm Thị Hoa", "note": "Sở Công Thương Quảng Ngãi (hạt giống 000)"},
    {"username": "baocao.badinh", "role": "unit_reporter", "unit": "qn:Xã Ba Dinh",
     "full_name": "Đinh Văn Lực", "note": "UBND xã Ba Dinh (hạt giống 001)"},
    {"username": "baocao.bavi", "role": "unit_reporter", "unit": "qn:Xã Ba Vì",
     "full_name": "Phạm Văn Quý", "note": "UBND xã Ba Vì: chưa gửi báo cáo"},
    {"username": "bo.khcn", "role": "ministry", "unit": "BKHCN",
     "full_name": "Đỗ Thu Trang", "note": "Bộ KH&CN: mọi tỉnh"},
    {"username": "xem.cantho", "role": "viewer", "unit": "92",
     "full_name": "Bùi Minh Châu", "note": "chỉ xem, toàn thành phố Cần Thơ"},
    {"username": "admin", "role": "program_office", "unit": "92-SKHCN",
     "full_name": "Quản trị hệ thống", "note": "quản trị (superuser)", "superuser": True},
]


def login_hints() -> tuple[list[dict], str]:
    """The accounts and password the login page lists in development (NSCL_LOGIN_HINTS)."""
    return DEMO_ACCOUNTS, DEMO_PASSWORD
