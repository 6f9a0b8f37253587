"""Request 567/SKHCN-TĐC of 31/7/2025 (Sở KH&CN Quảng Ngãi) with the contributions of seeds 000
(Sở Công Thương, its table as published: `20.00.000` and a total that does not add up) and 001
(UBND xã Ba Dinh), plus other units — one on time, one late, one returned, one missing — the
Quảng Ngãi mid-term review built from them and sent to the Ministry, and a Sóc Trăng annual
report so the Ministry has two provinces to compare. Quảng Ngãi's few activities are the ones
seed 002 reports. Submission times are set to 2025 dates after the real services ran.
"""

import datetime as dt

from django.utils import timezone

from nscl.activities.choices import EventKind
from nscl.activities.models import Event
from nscl.activities.services.events import event_create, expert_record
from nscl.plans.models import Plan
from nscl.reporting import services
from nscl.reporting.build import report_build
from nscl.reporting.choices import ReportStatus, RequestKind
from nscl.reporting.figures import key_figures
from nscl.reporting.models import ReportingRequest, Submission
from nscl.reporting.table import RowInput

SEED_000_SECTIONS = {
    "I.1": "Định kỳ hàng năm Sở Công Thương đã phối hợp với Sở Khoa học và Công nghệ tham mưu Ủy "
           "ban nhân dân tỉnh ban hành văn bản, kế hoạch triển khai thực hiện Chương trình quốc "
           "gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm hàng hoá.",
    "I.3": "Lồng ghép nhiệm vụ của Chương trình vào đề án “Triển khai, áp dụng và quản lý hệ thống "
           "truy xuất nguồn gốc” cho các sản phẩm, tập trung vào sản phẩm OCOP và sản phẩm đặc "
           "trưng của tỉnh.",
    "II.1.2": "Cử công chức tham dự Hội nghị “chia sẻ kiến thức, kinh nghiệm về nâng cao năng "
              "suất chất lượng trên địa bàn tỉnh”; hằng năm phối hợp thông báo đến doanh nghiệp "
              "về đề xuất nhiệm vụ KH&CN cấp tỉnh thuộc Chương trình.",
    "II.1.3": "Duy trì Sàn giao dịch thương mại điện tử quangngaitrade.gov.vn và "
              "kontumtrade.gov.vn, hỗ trợ đăng 1.400 sản phẩm cho hơn 740 doanh nghiệp vừa và "
              "nhỏ, cơ sở sản xuất, HTX, hộ kinh doanh; 173 sản phẩm OCOP được bán trên các sàn "
              "thương mại điện tử.",
    "III": "Không.",
}
SEED_000_ROWS = [
    RowInput(1, "Điều tra, khảo sát đánh giá một số sản phẩm trong công tác truy xuất nguồn gốc "
                "sản phẩm", "20.00.000", "2021"),
    RowInput(2, "Tổ chức lấy thông tin các tổ chức, cá nhân có sản phẩm đặc trưng, sản phẩm đạt "
                "OCOP cấp tỉnh cập nhật và quản lý trên hệ truy xuất nguồn gốc", "20.00.000",
             "2021"),
    RowInput(3, "Hỗ trợ tổ chức, cá nhân trên địa bàn tỉnh Kon Tum xây dựng, tạo lập hệ thống truy "
                "xuất nguồn gốc sản phẩm (mỗi năm có 05 sản phẩm/05 doanh nghiệp với khoảng 4887 "
                "tem truy xuất/01 sản phẩm)", "228.400.000", "2021-2024"),
    RowInput(4, "Triển khai công tác quản lý, vận hành hệ thống truy xuất nguồn gốc",
             "45.000.000", "2021, 2023, 2024"),
    RowInput(5, "Tổng", "313.000.000", "", True),
]
SEED_001_SECTIONS = {
    "I.1": "Ủy ban nhân dân xã Ba Dinh đã tiếp nhận chủ trương triển khai Chương trình; do địa "
           "phương không có hợp tác xã, chỉ có một số doanh nghiệp nhỏ và nhiều hộ kinh doanh cá "
           "thể nên chưa xây dựng kế hoạch riêng.",
    "I.2": "UBND xã chưa ban hành văn bản điều hành cụ thể cho Chương trình 1322; các nội dung "
           "được lồng ghép vào công tác phổ biến pháp luật, khuyến công, tuyên truyền ATTP.",
    "I.3": "Lồng ghép trong tập huấn sản xuất an toàn, hướng dẫn ký bản cam kết ATTP, khuyến khích "
           "chuyển đổi hộ kinh doanh lên doanh nghiệp.",
    "II.1.1": "Không có hoạt động xây dựng chính sách tại địa phương.",
    "II.1.2": "Tuyên truyền qua các cuộc họp thôn, hội nghị phổ biến pháp luật về sản xuất an "
              "toàn, tiêu chuẩn chất lượng, truy xuất nguồn gốc.",
    "II.1.3": "Chưa triển khai áp dụng ISO, 5S tại hộ kinh doanh do chưa đủ điều kiện; đã phổ biến "
              "kiến thức cơ bản về ATTP.",
    "II.1.4": "Sẽ cử đại diện hộ kinh doanh tham gia các lớp tập huấn do cấp trên tổ chức.",
    "II.1.5": "Hướng dẫn hộ kinh doanh thực phẩm ký cam kết ATTP.",
    "II.1.6": "Không có hoạt động hợp tác quốc tế tại địa phương.",
    "III": "Đề nghị Sở KH&CN hỗ trợ tài liệu, mẫu mô hình phù hợp để hộ kinh doanh nhỏ lẻ áp dụng "
           "tiêu chuẩn đơn giản; tổ chức tập huấn phù hợp khu vực nông thôn; hỗ trợ kỹ thuật, "
           "truyền thông, chuyển đổi số; xây dựng mô hình điểm về truy xuất nguồn gốc, nhãn hiệu, "
           "ISO đơn giản.",
}


def _at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


def _quang_ngai_activities(plan, office, unit) -> None:
    if Event.objects.filter(plan=plan).exists():
        return
    event_create(plan=plan, actor=office, organiser=unit, kind=EventKind.WORKSHOP,
                 title="Hội thảo khoa học “Kinh nghiệm, giải pháp nâng cao năng suất chất lượng”",
                 starts_on=dt.date(2024, 10, 15), ends_on=dt.date(2024, 10, 15), enterprises=60,
                 officials=30)
    for n, year in enumerate((2022, 2023, 2024, 2025)):
        event_create(plan=plan, actor=office, organiser=unit, kind=EventKind.TRAINING,
                     title=f"Lớp đào tạo, tập huấn mã số mã vạch và truy xuất nguồn gốc {n + 1}",
                     starts_on=dt.date(year, 6, 10), ends_on=dt.date(year, 6, 11),
                     enterprises=110, officials=25)
    expert_record(plan=plan, actor=office, full_name="Lê Thị Thu Hằng",
                  employer="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
                  certificate_number="QNg-CG-2023-01", certified_on=dt.date(2023, 11, 20))


def _submit(submission, actor, sections, rows, number, day, *, late=False) -> Submission:
    services.submission_save(submission=submission, actor=actor, sections=sections, rows=rows,
                             document_number=number, document_date=day)
    services.submission_submit(submission=submission, actor=actor)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=_at(day))
    return Submission.objects.get(pk=submission.pk)


def load_reporting(users: dict, units: dict) -> int:
    plan = Plan.objects.get(province__code="51")
    office = users["vanphong.quangngai"]
    if ReportingRequest.objects.filter(plan=plan).exists():
        return 0
    _quang_ngai_activities(plan, office, units["51-SKHCN"])
    recipients = [units[c] for c in ("51-SCT", "qn:Xã Ba Dinh", "51-STC", "51-SNNMT",
                                     "51-LMHTX", "qn:Xã Ba Vì")]
    request = services.request_issue(
        plan=plan, issuer=units["51-SKHCN"], number="567", symbol="SKHCN-TĐC",
        issued_on=dt.date(2025, 7, 31), subject="Phối hợp báo cáo sơ kết thực hiện Chương trình "
        "quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai "
        "đoạn 2021-2030", kind=RequestKind.MIDTERM, period_start=2021, period_end=2025,
        deadline=dt.date(2025, 8, 15), units=recipients, actor=office)
    by_unit = {s.unit.code: s for s in request.submissions.select_related("unit")}
    # seed 000: entered as published; its table is flagged and it waits for the unit to fix it
    services.submission_save(submission=by_unit["51-SCT"], actor=users["baocao.sct.quangngai"],
                             sections=SEED_000_SECTIONS, rows=SEED_000_ROWS,
                             document_number="476/BC-SCT", document_date=dt.date(2025, 8, 7))
    # seed 001: on time and accepted
    badinh = _submit(by_unit[units["qn:Xã Ba Dinh"].code], users["baocao.badinh"],
                     SEED_001_SECTIONS, [], "", dt.date(2025, 8, 12))
    services.submission_review(submission=badinh, actor=office, accept=True)
    finance = _submit(by_unit["51-STC"], office, {
        "I.1": "Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm cho Chương "
               "trình theo dự toán của Sở Khoa học và Công nghệ."}, [], "1502/STC-HCSN",
        dt.date(2025, 8, 14))
    services.submission_review(submission=finance, actor=office, accept=True)
    agri = _submit(by_unit["51-SNNMT"], office, {
        "II.1.3": "Hướng dẫn các HTX áp dụng VietGAP và hệ thống truy xuất nguồn gốc cho sản phẩm "
                  "nông sản chủ lực."}, [], "2210/SNNMT-KHTC", dt.date(2025, 8, 22), late=True)
    services.submission_review(submission=agri, actor=office, accept=True)
    alliance = _submit(by_unit["51-LMHTX"], office, {
        "II.1.2": "Tuyên truyền Chương trình tới các HTX thành viên."}, [], "88/LMHTX",
        dt.date(2025, 8, 13))
    services.submission_review(submission=alliance, actor=office, accept=False,
                               comment="Đề nghị bổ sung số HTX được hướng dẫn và kinh phí.")
    report = report_build(request=request, actor=office)
    services.report_save(report=report, actor=office, number="215", date=dt.date(2025, 8, 28),
                         status=ReportStatus.SENT, figures=key_figures(plan, 2021, 2025))
    _soc_trang_annual(users, units)
    return 2


def _soc_trang_annual(users, units) -> None:
    plan = Plan.objects.get(province__code="cu-94")
    office = users["vanphong.cantho"]
    request = services.request_issue(
        plan=plan, issuer=units["92-SKHCN"], number="1120", symbol="SKHCN-TĐC",
        issued_on=dt.date(2024, 10, 20), subject="Báo cáo kết quả thực hiện Chương trình năm 2024",
        kind=RequestKind.ANNUAL, period_start=2024, period_end=2024,
        deadline=dt.date(2024, 11, 10), units=[units["92-SCT"], units["92-TK"]], actor=office)
    report = report_build(request=request, actor=office)
    services.report_save(report=report, actor=office, number="301", date=dt.date(2024, 11, 25),
                         status=ReportStatus.SENT, figures=key_figures(plan, 2024, 2024))


