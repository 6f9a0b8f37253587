"""Request 567/SKHCN-TĐC of 31/7/2025 (Sở KH&CN Quảng Ngãi) with the contributions of seeds 000
(Sở Công Thương, its table as published: `20.00.000` and a total that does not add up) and 001
(UBND xã Ba Dinh), plus other units — one on time, one late, one returned, one missing — the
Quảng Ngãi mid-term review built from them, frozen and sent to the Ministry, and a Sóc Trăng
annual report for 2024 (issued by Sóc Trăng's own department before the province was merged into
Cần Thơ), frozen, signed with a development certificate and sent, so the Ministry has two
provinces to look at; its request is kept as the template of the annual regime. Quảng Ngãi's
few activities are the ones seed 002 reports. Submissions are sent on their 2025 dates.
"""

import datetime as dt

from django.utils import timezone

from nscl.activities.choices import EventKind
from nscl.activities.models import Event
from nscl.activities.services.events import event_create, expert_record
from nscl.plans.models import Plan
from nscl.reporting import services
from nscl.reporting.choices import Audience, Frequency, RequestKind
from nscl.reporting.models import ReportingRequest, Submission
from nscl.reporting.signing import dev_pkcs12
from nscl.reporting.table import default_row

DEMO_PASSPHRASE = "nscl-demo-2025"

SEED_000_SECTIONS = {
    "planning": (
        "Định kỳ hàng năm Sở Công Thương đã phối hợp với Sở Khoa học và Công nghệ tham mưu Ủy"
        " ban nhân dân tỉnh ban hành văn bản, kế hoạch triển khai thực hiện Chương trình quốc"
        " gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm hàng hoá."
    ),
    "integration": (
        "Lồng ghép nhiệm vụ của Chương trình vào đề án “Triển khai, áp dụng và quản lý hệ "
        "thống truy xuất nguồn gốc” cho các sản phẩm, tập trung vào sản phẩm OCOP và sản phẩm"
        " đặc trưng của tỉnh."
    ),
    "communication": (
        "Cử công chức tham dự Hội nghị “chia sẻ kiến thức, kinh nghiệm về nâng cao năng suất "
        "chất lượng trên địa bàn tỉnh”; hằng năm phối hợp thông báo đến doanh nghiệp về đề "
        "xuất nhiệm vụ KH&CN cấp tỉnh thuộc Chương trình."
    ),
    "standards": (
        "Duy trì Sàn giao dịch thương mại điện tử quangngaitrade.gov.vn và "
        "kontumtrade.gov.vn, hỗ trợ đăng 1.400 sản phẩm cho hơn 740 doanh nghiệp vừa và nhỏ, "
        "cơ sở sản xuất, HTX, hộ kinh doanh; 173 sản phẩm OCOP được bán trên các sàn thương "
        "mại điện tử."
    ),
    "proposals": (
        "Không."
    ),
}
SEED_000_ROWS = [
    default_row(1, "Điều tra, khảo sát đánh giá một số sản phẩm trong công tác truy xuất nguồn "
                   "gốc sản phẩm", "20.00.000", "2021"),
    default_row(2, "Tổ chức lấy thông tin các tổ chức, cá nhân có sản phẩm đặc trưng, sản phẩm "
                   "đạt OCOP cấp tỉnh cập nhật và quản lý trên hệ truy xuất nguồn gốc",
                "20.00.000", "2021"),
    default_row(3, "Hỗ trợ tổ chức, cá nhân trên địa bàn tỉnh Kon Tum xây dựng, tạo lập hệ thống "
                   "truy xuất nguồn gốc sản phẩm (mỗi năm có 05 sản phẩm/05 doanh nghiệp với "
                   "khoảng 4887 tem truy xuất/01 sản phẩm)", "228.400.000", "2021-2024"),
    default_row(4, "Triển khai công tác quản lý, vận hành hệ thống truy xuất nguồn gốc",
                "45.000.000", "2021, 2023, 2024"),
    default_row(5, "Tổng", "313.000.000", "", True),
]
SEED_001_SECTIONS = {
    "planning": (
        "Ủy ban nhân dân xã Ba Dinh đã tiếp nhận chủ trương triển khai Chương trình; do địa "
        "phương không có hợp tác xã, chỉ có một số doanh nghiệp nhỏ và nhiều hộ kinh doanh cá"
        " thể nên chưa xây dựng kế hoạch riêng."
    ),
    "directives": (
        "UBND xã chưa ban hành văn bản điều hành cụ thể cho Chương trình 1322; các nội dung "
        "được lồng ghép vào công tác phổ biến pháp luật, khuyến công, tuyên truyền ATTP."
    ),
    "integration": (
        "Lồng ghép trong tập huấn sản xuất an toàn, hướng dẫn ký bản cam kết ATTP, khuyến "
        "khích chuyển đổi hộ kinh doanh lên doanh nghiệp."
    ),
    "policy": (
        "Không có hoạt động xây dựng chính sách tại địa phương."
    ),
    "communication": (
        "Tuyên truyền qua các cuộc họp thôn, hội nghị phổ biến pháp luật về sản xuất an toàn,"
        " tiêu chuẩn chất lượng, truy xuất nguồn gốc."
    ),
    "standards": (
        "Chưa triển khai áp dụng ISO, 5S tại hộ kinh doanh do chưa đủ điều kiện; đã phổ biến "
        "kiến thức cơ bản về ATTP."
    ),
    "training": (
        "Sẽ cử đại diện hộ kinh doanh tham gia các lớp tập huấn do cấp trên tổ chức."
    ),
    "conformity": (
        "Hướng dẫn hộ kinh doanh thực phẩm ký cam kết ATTP."
    ),
    "international": (
        "Không có hoạt động hợp tác quốc tế tại địa phương."
    ),
    "proposals": (
        "Đề nghị Sở KH&CN hỗ trợ tài liệu, mẫu mô hình phù hợp để hộ kinh doanh nhỏ lẻ áp "
        "dụng tiêu chuẩn đơn giản; tổ chức tập huấn phù hợp khu vực nông thôn; hỗ trợ kỹ "
        "thuật, truyền thông, chuyển đổi số; xây dựng mô hình điểm về truy xuất nguồn gốc, "
        "nhãn hiệu, ISO đơn giản."
    ),
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


def _scan(title: str) -> bytes:
    """A one-page PDF standing for the scan of a signed paper report."""
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 770, title)
    page.drawString(72, 750, "(ban chup minh hoa - demo)")
    page.save()
    return out.getvalue()


def _submit(submission, actor, sections, rows, number, day, *, scan: str = "") -> Submission:
    services.submission_save(submission=submission, actor=actor, sections=sections, rows=rows,
                             document_number=number, document_date=day)
    if scan:
        services.attachment_add(submission=submission, actor=actor, kind="signed_report",
                                title=scan, name="bao-cao-da-ky.pdf", content=_scan(scan))
    services.submission_submit(submission=submission, actor=actor, today=day)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=_at(day))
    return Submission.objects.get(pk=submission.pk)


def _send(report, office, number: str, day: dt.date, *, sign: bool = False) -> None:
    """Number, date, freeze (Word, PDF, Excel kept), sign if asked, send — then the dates the
    steps really had."""
    report = services.report_save(report=report, actor=office, number=number, date=day)
    version = services.version_freeze(report=report, actor=office)
    if sign:
        certificate = dev_pkcs12(report.signer_name, report.issuing_body.title(),
                                 DEMO_PASSPHRASE)
        services.version_sign(report=report, actor=office, pkcs12=certificate,
                              passphrase=DEMO_PASSPHRASE)
    services.report_send(report=report, actor=office)
    type(version).objects.filter(pk=version.pk).update(sent_at=_at(day))


def load_reporting(users: dict, units: dict) -> int:
    plan = Plan.objects.get(province__code="51")
    office = users["vanphong.quangngai"]
    if ReportingRequest.objects.filter(plan=plan).exists():
        return 0
    _quang_ngai_activities(plan, office, units["51-SKHCN"])
    recipients = [units[c] for c in ("51-SCT", "qn:Xã Ba Dinh", "51-STC", "51-SNNMT",
                                     "51-LMHTX", "qn:Xã Ba Vì")]
    request = services.request_create(
        plan=plan, actor=office, units=recipients, issuer=units["51-SKHCN"],
        recipient=units["51-SKHCN"], number="567", symbol="SKHCN-TĐC",
        issued_on=dt.date(2025, 7, 31), subject="Phối hợp báo cáo sơ kết thực hiện Chương trình "
        "quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai "
        "đoạn 2021-2030", name="Sơ kết giai đoạn 2021 – 2025 Chương trình quốc gia hỗ trợ doanh "
        "nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai đoạn 2021–2030",
        content="Đánh giá tình hình triển khai, kết quả thực hiện giai đoạn 2021–2025 theo đề "
        "cương gửi kèm; định lượng kết quả theo biểu số liệu; nêu tồn tại, hạn chế và đề xuất.",
        kind=RequestKind.MIDTERM, frequency=Frequency.AD_HOC, audience=Audience.LIST,
        period_from=dt.date(2021, 1, 1), period_to=dt.date(2025, 12, 31),
        data_from=dt.date(2021, 1, 1), data_until=dt.date(2025, 6, 30),
        deadline=dt.date(2025, 8, 15), expires_on=dt.date(2025, 8, 25))
    request = services.request_issue(request=request, actor=office)
    by_unit = {s.unit.code: s for s in request.submissions.select_related("unit")}
    # seed 000: entered as published; its table is flagged and it waits for the unit to fix it
    services.submission_save(submission=by_unit["51-SCT"], actor=users["baocao.sct.quangngai"],
                             sections=SEED_000_SECTIONS, rows=SEED_000_ROWS,
                             document_number="476/BC-SCT", document_date=dt.date(2025, 8, 7))
    # seed 001: on time and accepted
    badinh = _submit(by_unit[units["qn:Xã Ba Dinh"].code], users["baocao.badinh"],
                     SEED_001_SECTIONS, [], "", dt.date(2025, 8, 12),
                     scan="Báo cáo của UBND xã Ba Dinh (bản ký, đóng dấu)")
    services.submission_review(submission=badinh, actor=office, accept=True)
    finance = _submit(by_unit["51-STC"], office, {
        "planning": "Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm cho "
                    "Chương trình theo dự toán của Sở Khoa học và Công nghệ."}, [],
        "1502/STC-HCSN", dt.date(2025, 8, 14))
    services.submission_review(submission=finance, actor=office, accept=True)
    agri = _submit(by_unit["51-SNNMT"], office, {
        "standards": "Hướng dẫn các HTX áp dụng VietGAP và hệ thống truy xuất nguồn gốc cho sản "
                     "phẩm nông sản chủ lực."}, [], "2210/SNNMT-KHTC", dt.date(2025, 8, 22))
    services.submission_review(submission=agri, actor=office, accept=True)
    alliance = _submit(by_unit["51-LMHTX"], office, {
        "communication": "Tuyên truyền Chương trình tới các HTX thành viên."}, [], "88/LMHTX",
        dt.date(2025, 8, 13))
    services.submission_review(submission=alliance, actor=office, accept=False,
                               comment="Đề nghị bổ sung số HTX được hướng dẫn và kinh phí.")
    report = services.report_build(request=request, actor=office)
    _send(report, office, "215", dt.date(2025, 8, 28))
    _soc_trang_annual(users, units)
    return 2


def _soc_trang_annual(users, units) -> None:
    """Issued by Sóc Trăng's own department in 2024, for the 2024 period and its Decree 09
    window (15/12/2023–14/12/2024): the Ministry's comparison shows that year's 658 million
    paid, not the phase's."""
    plan = Plan.objects.get(province__code="cu-94")
    office = users["vanphong.cantho"]
    request = services.request_create(
        plan=plan, actor=office, units=[units["cu-94-STC"], units["cu-94-CTK"]],
        issuer=units["cu-94-SKHCN"], recipient=units["cu-94-SKHCN"], number="1120",
        symbol="SKHCN-TĐC", issued_on=dt.date(2024, 11, 20),
        subject="Báo cáo kết quả thực hiện Chương trình năm 2024",
        name="Báo cáo kết quả thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng "
             "suất và chất lượng sản phẩm, hàng hóa năm 2024",
        content="Báo cáo kết quả thực hiện nhiệm vụ được giao trong Kế hoạch; số liệu theo biểu.",
        kind=RequestKind.PERIODIC, frequency=Frequency.ANNUAL, audience=Audience.LIST,
        period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 31),
        data_from=dt.date(2023, 12, 15), data_until=dt.date(2024, 12, 14),
        deadline=dt.date(2024, 12, 18), expires_on=dt.date(2024, 12, 23))
    request = services.request_issue(request=request, actor=office)
    services.template_from_request(request=request, actor=office,
                                   name="Báo cáo kết quả thực hiện Chương trình hằng năm")
    report = services.report_build(request=request, actor=office)
    report = services.report_save(report=report, actor=office, signer_name="Trần Minh Khoa")
    _send(report, office, "301", dt.date(2024, 12, 26), sign=True)
