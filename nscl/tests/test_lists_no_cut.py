"""Lists that used to stop silently (a unit's children at 500, an event's attendance at 1.000,
a plan's payments at 1.000, the scan log at 100) are now pages through `core.listing`: filled
past one page and walked to the last row by the "next" links, searched without diacritics,
filtered, and nothing out of the user's scope shows through a filter."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from html import unescape

from django.urls import reverse
from django.utils import timezone

from nscl.activities.models import Attendance, Event, Participant
from nscl.core.listing import PER_PAGE
from nscl.organisation.models import Unit
from nscl.organisation.scope import communes_for, units_for
from nscl.support.models import Contract, Payment
from nscl.traceability.models import Product, Scan

from .test_lists_support import _labels, _names, _walk

MORE = PER_PAGE + 7


def _unmarked(text: str) -> str:
    """The text as typed without Vietnamese marks (done here by hand, not by the search key)."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def test_a_provinces_units_are_all_reached_page_by_page(client, users):
    office = users["vanphong.cantho"]
    province = Unit.objects.get(path=office.unit.province_path())
    children = units_for(office).filter(parent=province)
    assert children.count() > PER_PAGE  # Cần Thơ: its departments and 100-odd communes
    client.force_login(office)
    url = reverse("organisation:unit_detail", args=[province.pk])
    row = r'<a href="/to-chuc/don-vi/\d+/">([^<]+)</a>'
    assert {"Tìm kiếm", "Loại đơn vị"} <= _labels(client.get(url).content.decode())
    seen, pages = _walk(client, url, {}, "children", row)
    assert pages >= 2 and sorted(seen) == sorted(children.values_list("name", flat=True))
    name = children.filter(kind="commune").order_by("-name").first().name
    assert _unmarked(name) != name
    assert name in _names(client, url, "children", row, q=_unmarked(name).upper())
    assert name in _names(client, url, "children", row, q=name)
    communes = _names(client, url, "children", row, loai="commune", trang=99)
    assert communes and set(communes) <= set(children.filter(kind="commune")
                                             .values_list("name", flat=True))
    assert _names(client, url, "children", row, loai="ministry") == []

    client.force_login(users["vanphong.tuyenquang"])  # another province: not even the page
    assert client.get(url).status_code == 404


def _attendance(event: Event, n: int = MORE) -> list[str]:
    """n people at the event, students and officials in turn."""
    names = []
    for i in range(n):
        person = Participant.objects.create(
            full_name=f"Nguyễn Thị Ánh {i:03d}", organisation="Trường Đại học Cần Thơ",
            kind="student" if i % 2 else "official", province=event.plan.province,
            person_key=f"ten:thu-{event.pk}-{i}")
        Attendance.objects.create(event=event, participant=person)
        names.append(person.full_name)
    return names


def test_an_events_attendance_is_all_reached_page_by_page(client, users, soc_trang):
    office = users["vanphong.cantho"]
    event = Event.objects.filter(plan=soc_trang).order_by("pk").first()
    names = _attendance(event)
    client.force_login(office)
    url = reverse("activities:event_detail", args=[event.pk])
    row = r"<tr><td>(Nguyễn Thị Ánh \d{3})</td>"
    assert {"Tìm kiếm", "Đối tượng tham dự"} <= _labels(client.get(url).content.decode())
    seen, pages = _walk(client, url, {"q": "anh"}, "attendance", row)
    assert pages == 2 and sorted(seen) == names  # past the page, and no cut at all
    assert (_names(client, url, "attendance", row, q="Nguyễn Thị Ánh 00")
            == _names(client, url, "attendance", row, q="nguyen thi anh 00")
            == names[:10])
    students = _names(client, url, "attendance", row, q="anh", doi_tuong="student")
    assert students == [n for i, n in enumerate(names) if i % 2]
    assert _names(client, url, "attendance", row, q="dai hoc can tho", doi_tuong="lecturer") == []

    client.force_login(users["vanphong.tuyenquang"])  # personal data: the province's own
    assert client.get(url).status_code == 404


def test_a_plans_payments_are_all_reached_with_the_total_of_every_page(client, users,
                                                                       soc_trang):
    office = users["vanphong.cantho"]
    contracts = list(Contract.objects.filter(case__call_category__call__plan=soc_trang)
                     .select_related("case__call_category__category", "case__beneficiary")
                     .order_by("pk"))
    assert contracts
    for i in range(MORE):
        contract = contracts[i % len(contracts)]
        Payment.objects.create(contract=contract, liquidation_number=f"TLTHU-{i:03d}/2025",
                               paid_on=dt.date(2025, 6, 1) + dt.timedelta(days=i), year=2025,
                               amount=Decimal("1.5"))
    client.force_login(office)
    url = reverse("support:plan_payments", args=[soc_trang.pk])
    row = r"<td>(TLTHU-\d{3}/2025)</td>"
    html = client.get(url, {"year": 2025, "q": "tlthu"}).content.decode()
    assert {"Tìm kiếm", "Năm ngân sách", "Nhóm", "Xã, phường"} <= _labels(html)
    total = re.search(r'id="payments-total">([^<]+)<', html).group(1)
    assert total == "85,5"  # 57 × 1,5 on every page, not only the first
    seen, pages = _walk(client, url, {"year": "2025", "q": "tlthu"}, "payments", row)
    assert pages == 2 and sorted(seen) == [f"TLTHU-{i:03d}/2025" for i in range(MORE)]

    firm = contracts[0].case.beneficiary
    mine = {f"TLTHU-{i:03d}/2025" for i in range(MORE) if contracts[i % len(contracts)].case
            .beneficiary_id == firm.pk}
    assert sorted(_names(client, url, "payments", row, q=f"tlthu {firm.name}")) \
        == sorted(_names(client, url, "payments", row, q=f"TLTHU {_unmarked(firm.name)}")) \
        == sorted(mine)
    code = contracts[0].case.call_category.category.code
    by_code = _names(client, url, "payments", row, q="tlthu", category=code)
    assert by_code and all(
        contracts[int(n[6:9]) % len(contracts)].case.call_category.category.code == code
        for n in by_code)
    assert _names(client, url, "payments", row, q="tlthu", year=2021) == []
    elsewhere = [pk for pk, _name in communes_for(office)
                 if pk not in {c.case.commune_id for c in contracts}]
    assert _names(client, url, "payments", row, q="tlthu", xa=elsewhere[0]) == []


def test_the_scan_log_is_all_reached_page_by_page(client, users):
    office = users["vanphong.cantho"]
    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    start = timezone.now() - dt.timedelta(days=3)
    Scan.objects.bulk_create([
        Scan(gtin=product.gtin, lot="L2025", serial=f"THU{i:05d}",
             scanned_at=start + dt.timedelta(minutes=i), client=f"c{i:015d}",
             result="unknown" if i % 3 == 0 else "genuine_repeat") for i in range(2 * MORE)])
    client.force_login(office)
    url = reverse("traceability:scan_review")
    row = r"<td><code>(THU\d{5})</code></td>"
    assert {"Tìm kiếm", "Kết quả", "Năm", "Xã, phường"} <= _labels(
        client.get(url).content.decode())
    seen, pages = _walk(client, url, {"q": "thu"}, "scans", row)
    assert pages == 3 and sorted(seen) == [f"THU{i:05d}" for i in range(2 * MORE)]
    assert _names(client, url, "scans", row, q="gạo thơm thu0000") == [
        f"THU{i:05d}" for i in range(9, -1, -1)]  # the product's name, without its marks too
    assert _names(client, url, "scans", row, q="gao thom thu0000") == [
        f"THU{i:05d}" for i in range(9, -1, -1)]
    unknown, _pages = _walk(client, url, {"q": "thu", "status": "unknown"}, "scans", row)
    assert sorted(unknown) == [f"THU{i:05d}" for i in range(0, 2 * MORE, 3)]
    assert _names(client, url, "scans", row, q="thu", year=2021) == []
    elsewhere = next(pk for pk, _name in communes_for(office) if pk != product.place_id)
    assert _names(client, url, "scans", row, q="thu", xa=elsewhere) == []

    client.force_login(users["vanphong.tuyenquang"])
    assert _names(client, url, "scans", row, q="thu") == []


def test_the_inbox_counts_the_cases_it_does_not_list_and_links_to_them(client, users,
                                                                        monkeypatch):
    from nscl.support import selectors
    from nscl.support.models import SupportCase

    office = users["vanphong.cantho"]
    waiting = set(selectors.cases_for(office).filter(
        status__in=selectors.CASE_FLOW.waiting_states()).values_list("code", flat=True))
    assert len(waiting) > 5
    monkeypatch.setattr(selectors, "WAITING_READ", 5)  # the inbox reads 5 cases, not 500
    client.force_login(office)
    html = client.get(reverse("workflow:inbox")).content.decode()
    more = re.search(r'<p class="more"><a href="([^"]+)">Còn (\d+) hồ sơ đang chờ xử lý', html)
    assert more, "the inbox says how many cases it left unread"
    assert int(more.group(2)) == len(waiting) - 5
    url, query = unescape(more.group(1)).split("?")
    params = dict(p.split("=", 1) for p in query.split("&"))
    seen, _pages = _walk(client, url, {k: v.replace("%2C", ",") for k, v in params.items()},
                         "cases", r'<a href="/ho-tro/ho-so/\d+/">([^<]+)</a>')
    assert set(seen) == waiting  # the full list has every one of them, unread or listed
    assert SupportCase.objects.filter(code__in=seen).count() == len(waiting)
    monkeypatch.setattr(selectors, "WAITING_READ", 500)
    assert '<p class="more">' not in client.get(reverse("workflow:inbox")).content.decode()


def test_the_inbox_counts_the_contributions_it_does_not_list(client, users, monkeypatch):
    from nscl.reporting import inbox
    from nscl.reporting.selectors import submissions_for

    office = users["vanphong.quangngai"]
    pending = submissions_for(office).filter(
        status__in=(*inbox.TO_WRITE, "submitted"), request__status="issued").count()
    assert pending > 2
    monkeypatch.setattr(inbox, "SUBMISSIONS", 2)
    client.force_login(office)
    html = client.get(reverse("workflow:inbox")).content.decode()
    more = re.search(r'<p class="more"><a href="([^"]+)">Còn (\d+) đóng góp báo cáo', html)
    assert more and int(more.group(2)) == pending - 2
    assert unescape(more.group(1)) == reverse("reporting:inbox")
    assert client.get(more.group(1)).status_code == 200


def test_a_draft_requests_audience_is_counted_whole(client, users, soc_trang):
    """The draft's page said how many units must report from a list cut at 400."""
    from nscl.core.text import search_key
    from nscl.reporting.models import ReportingRequest
    from nscl.reporting.services.requests import audience_units

    office = users["vanphong.cantho"]
    province = Unit.objects.get(path=office.unit.province_path())
    Unit.objects.bulk_create([
        Unit(code=f"XA-THU-{n:03d}", name=f"Xã Thử {n:03d}", kind="commune", parent=province,
             path=f"{province.path}XA-THU-{n:03d}/", search_key=search_key(f"Xã Thử {n:03d}"))
        for n in range(420)])
    client.force_login(office)
    client.post(reverse("reporting:request_new"), {"ke_hoach": soc_trang.pk,
                                                   "name": "Báo cáo quý IV năm 2026"})
    req = ReportingRequest.objects.get(name="Báo cáo quý IV năm 2026")
    req.audience = "communes"
    req.save()
    expected = audience_units(req).count()
    assert 400 < expected < 1000  # past the old cut; no thousands separator to write
    html = client.get(reverse("reporting:request_detail", args=[req.pk])).content.decode()
    assert f"({expected} đơn vị)" in html


def test_a_products_stamp_rolls_page_by_page_and_filtered(client, users):
    from nscl.traceability.models import Batch, StampRoll

    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    lots = [Batch.objects.create(product=product, lot=f"LOTHU{n}",
                                 produced_on=dt.date(2025, 9, 1 + n)) for n in range(3)]
    rolls = [StampRoll.objects.create(product=product, batch=lots[i % 3], count=10, issued=10,
                                      status="void" if i % 4 == 0 else "issued")
             for i in range(MORE)]
    client.force_login(users["vanphong.cantho"])
    url = reverse("traceability:product_detail", args=[product.pk])
    row = r'<tr id="cuon-(\d+)"><td>\d+</td><td>(LOTHU\d)</td>'
    assert {"Tìm kiếm", "Trạng thái cuộn"} <= _labels(client.get(url).content.decode())
    seen, pages = _walk(client, url, {"q": "lothu"}, "rolls", row)
    assert pages == 2 and sorted(int(pk) for pk, _lot in seen) == [r.pk for r in rolls]
    second = _names(client, url, "rolls", row, q="LOTHU1")
    assert sorted(int(pk) for pk, _lot in second) == [r.pk for i, r in enumerate(rolls)
                                                      if i % 3 == 1]
    void = _names(client, url, "rolls", row, q="lothu", cuon="void")
    assert sorted(int(pk) for pk, _lot in void) == [r.pk for i, r in enumerate(rolls)
                                                    if i % 4 == 0]
    assert _names(client, url, "rolls", row, q=str(rolls[5].pk)) == [(str(rolls[5].pk),
                                                                      rolls[5].batch.lot)]
    client.force_login(users["vanphong.tuyenquang"])
    assert client.get(url).status_code == 404


def test_a_plans_recorded_values_are_all_reached_page_by_page(client, users, soc_trang):
    """The progress page showed the newest 50 values and nothing past them."""
    from nscl.plans.models import Indicator, IndicatorValue

    office = users["vanphong.cantho"]
    indicator = Indicator.objects.filter(plan=soc_trang).order_by("order").first()
    communes = Unit.objects.filter(pk__in=[pk for pk, _n in communes_for(office)])[:MORE]
    made = [IndicatorValue.objects.create(indicator=indicator, year=2023, unit=commune,
                                          value=Decimal(i), source_note=f"Nguồn thử {i:03d}")
            for i, commune in enumerate(communes)]
    assert len(made) == MORE
    client.force_login(office)
    url = reverse("plans:plan_progress", args=[soc_trang.pk])
    row = r'<td class="small">(Nguồn thử \d{3})</td>'
    assert {"Tìm kiếm", "Năm"} <= _labels(client.get(url).content.decode())
    seen, pages = _walk(client, url, {"year": "2023"}, "values", row)
    assert pages == 2 and sorted(seen) == [f"Nguồn thử {i:03d}" for i in range(MORE)]
    one = made[3].unit.name
    assert _names(client, url, "values", row, year=2023, q=_unmarked(one).lower()) == \
        _names(client, url, "values", row, year=2023, q=one) == ["Nguồn thử 003"]
    assert _names(client, url, "values", row, year=2030) == []


def test_a_products_public_page_lists_every_lot_page_by_page(client, db):
    from nscl.traceability.models import Batch

    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    before = product.batches.count()
    for n in range(25):
        Batch.objects.create(product=product, lot=f"PUB{n:02d}", produced_on=dt.date(2025, 1, 1)
                             + dt.timedelta(days=n))
    url = reverse("public_product", args=[product.gtin])
    html = client.get(url).content.decode()
    lots, pages = [], 0
    while True:
        pages += 1
        lots += re.findall(r"Lô (PUB\d{2})</a>", html)
        link = re.search(r'<a href="(\?[^"]*)" rel="next">', html)
        if link is None:
            break
        html = client.get(url + unescape(link.group(1))).content.decode()
    assert pages == 2 and sorted(lots) == [f"PUB{n:02d}" for n in range(25)]
    assert before + 25 > 20  # the page used to stop at 20 lots


def test_a_plans_history_is_all_reached_page_by_page_and_kept_in_scope(client, users,
                                                                        soc_trang):
    """The history showed the newest 300 visible events (read from the newest 900)."""
    from nscl.plans.events import PlanVerb
    from nscl.plans.models import IndicatorValue
    from nscl.workflow.models import DomainEvent
    from nscl.workflow.services import event_record

    office = users["vanphong.cantho"]
    first = DomainEvent.objects.create(actor=office, verb=PlanVerb.PLAN_UPDATED,
                                       content_type_id=_type(soc_trang), object_id=soc_trang.pk,
                                       object_repr="Sửa lần đầu tiên", note="lần thứ 000")
    DomainEvent.objects.filter(pk=first.pk).update(occurred_at=dt.datetime(
        2021, 1, 1, tzinfo=dt.UTC))  # the oldest of all: on the last page
    for n in range(1, 330):
        event_record(actor=office, verb=PlanVerb.PLAN_UPDATED, obj=soc_trang,
                     note=f"lần thứ {n:03d}")
    client.force_login(office)
    url = reverse("plans:plan_history", args=[soc_trang.pk])
    seen, pages = _walk(client, url, {}, "history", r"· (lần thứ \d{3})</span>")
    assert sorted(seen) == [f"lần thứ {n:03d}" for n in range(330)]  # the oldest too
    assert pages >= 7

    # a commune's reporter: the values of another commune stay out, whatever the page
    reporter = users["baocao.xa1.cantho"]
    elsewhere = next(pk for pk, _n in communes_for(office) if pk != reporter.unit_id)
    other = IndicatorValue.objects.create(
        indicator=soc_trang.indicators.order_by("order").first(), year=2024,
        unit_id=elsewhere, value=Decimal(1), source_note="Báo cáo của xã khác")
    event_record(actor=office, verb=PlanVerb.INDICATOR_VALUE_RECORDED, obj=other,
                 context=soc_trang, note="số liệu của xã khác")
    client.force_login(office)
    assert "số liệu của xã khác" in client.get(url).content.decode()  # the office sees it
    client.force_login(reporter)
    assert client.get(url).status_code == 200
    notes, _pages = _walk(client, url, {}, "history", r"· ([^<]+)</span>")
    assert notes and "số liệu của xã khác" not in " ".join(notes)


def _type(obj) -> int:
    from django.contrib.contenttypes.models import ContentType
    return ContentType.objects.get_for_model(obj).pk


def test_a_recalls_scanned_stamps_are_all_counted_and_paged(client, users):
    """The recall page grouped the first 5.000 scans after the recall by serial; more were
    dropped. Now every serial is a row, counted in the database, paged."""
    from nscl.traceability.models import Recall

    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    batch = product.batches.order_by("pk").first()
    recall = Recall.objects.create(batch=batch, reason="Nhiễm nấm mốc",
                                   recalled_on=timezone.localdate(), instructions="Trả lại",
                                   contact="0292 3 123 456", ordered_by=users["vanphong.cantho"])
    start = timezone.now() + dt.timedelta(minutes=1)
    Scan.objects.bulk_create([
        Scan(gtin=product.gtin, lot=batch.lot, serial=f"RC{i % MORE:05d}",
             scanned_at=start + dt.timedelta(seconds=i), client="c", result="genuine_repeat",
             latitude=Decimal("10.0") if i % 2 else None,
             longitude=Decimal("105.8") if i % 2 else None)
        for i in range(3 * MORE)])  # each serial three times
    client.force_login(users["vanphong.cantho"])
    url = reverse("traceability:recall_detail", args=[recall.pk])
    html = client.get(url).content.decode()
    assert f"{MORE} tem" in html
    row = (r'<tr><td><code>(RC\d{5})</code></td><td class="num">(\d+)</td>'
           r'<td class="small">([^<]*)</td>')
    seen, pages = _walk(client, url, {}, "scanned-after", row)
    assert pages == 2 and sorted(s for s, _n, _p in seen) == [f"RC{i:05d}" for i in range(MORE)]
    assert {n for _s, n, _p in seen} == {"3"} and {p for _s, _n, p in seen} == {"10.0, 105.8"}
    client.force_login(users["vanphong.tuyenquang"])
    assert client.get(url).status_code == 404


def test_an_epcis_file_with_many_errors_says_how_many_were_not_shown(client, users,
                                                                    monkeypatch):
    """The upload showed the first 20 errors of a refused file and dropped the rest unsaid."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nscl.traceability import epcis
    from nscl.traceability.epcis.problems import Issue, Problem

    def refuse(document, actor):
        raise Problem(status=400, exception="ValidationException", detail="Không hợp lệ",
                      issues=[Issue(f"/epcisBody/eventList/{n}", "thiếu eventTime")
                              for n in range(27)])

    monkeypatch.setattr(epcis, "capture", refuse)
    client.force_login(users["vanphong.cantho"])
    response = client.post(reverse("traceability:epcis_upload"), {"file": SimpleUploadedFile(
        "su-kien.jsonld", b'{"type": "EPCISDocument"}', content_type="application/ld+json")},
        follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert len([m for m in shown if "thiếu eventTime" in m]) == 20
    assert "… và 7 lỗi khác trong tệp." in shown
