"""Products, stamps, the public resolver, the scan log's signals, EPCIS capture and query."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from nscl.traceability.identifiers import digital_link, normalise_gtin
from nscl.traceability.labels import label_csv, label_pdf
from nscl.traceability.models import Product, Scan, Stamp, StampRoll, TraceEvent
from nscl.traceability.selectors import products_for, signals
from nscl.traceability.serials import ALPHABET, check_character, is_well_formed, new_serials
from nscl.traceability.services import roll_create, roll_fill


@pytest.fixture
def active_roll(rice):
    return rice.rolls.get(status="active")


def _follow(client, response, hops: int = 5):
    """Follow redirects as a phone does (the test client drops a 307's query string)."""
    while response.status_code in (301, 302, 307) and hops:
        response, hops = client.get(response["Location"]), hops - 1
    return response


def _uri(stamp):
    roll = stamp.roll
    return f"/01/{roll.product.gtin}/10/{roll.batch.lot}/21/{stamp.serial}"


def test_gtins_are_validated_and_padded():
    assert normalise_gtin("8935049500018") == "08935049500018"
    assert normalise_gtin("96385074") == "00000096385074"
    with pytest.raises(ValidationError, match="sai chữ số kiểm tra"):
        normalise_gtin("8935049500019")
    with pytest.raises(ValidationError, match="8, 12, 13 hoặc 14 chữ số"):
        normalise_gtin("12345")


def test_serials_have_no_look_alikes_and_a_check_character():
    serials = new_serials(5000)
    assert len(set(serials)) == 5000
    assert all(is_well_formed(s) for s in serials)
    assert not set("ILOU") & set("".join(serials)) and len(ALPHABET) == 32
    body = serials[0][:-1]
    wrong = next(c for c in ALPHABET if c != serials[0][-1])
    assert not is_well_formed(body + wrong)
    swapped = body[1] + body[0] + body[2:]
    assert swapped == body or check_character(swapped) != check_character(body)


def test_issuing_a_roll_of_stamps(rice, users):
    roll = roll_fill(roll_create(product=rice, count=2500, actor=users["vanphong.cantho"]))
    assert roll.issued == 2500 == roll.stamps.count()
    with pytest.raises(ValidationError, match="Số tem mỗi cuộn"):
        roll_create(product=rice, count=0, actor=users["vanphong.cantho"])


def test_a_genuine_stamp_first_then_repeat(phone, active_roll):
    from .conftest import phone_client

    stamp = active_roll.stamps.order_by("id").last()
    first = phone.get(_uri(stamp))
    assert first.status_code == 200 and "Tem thật, quét lần đầu" in first.content.decode()
    again = phone.get(_uri(stamp)).content.decode()  # the same phone moments later: counted once
    assert "Tem thật, quét lần đầu" in again
    page = phone_client("27.72.1.9").get(_uri(stamp)).content.decode()
    assert "Tem này đã được quét 1 lần trước đây" in page
    for text in ("Gạo thơm ST25 Mỹ Xuyên", "HTX Nông nghiệp Mỹ Xuyên", "Thu hoạch", "Đóng gói",
                 "TCVN 11888:2017", "OCOP 2023", "Thông tin chưa được cung cấp: Hình ảnh"):
        assert text in page, text
    assert Stamp.objects.get(pk=stamp.pk).scan_count == 2  # every scan logged, two counted
    assert list(Scan.objects.filter(stamp=stamp).order_by("scanned_at", "id")
                .values_list("counted", flat=True)) == [True, False, True]


def test_scans_are_written_behind_in_batches(active_roll, monkeypatch):
    """Production gathers scans per process and writes them in one transaction: the page still
    counts this process's unwritten scans, and the log keeps each scan's own time."""
    from django.utils import timezone

    from nscl.traceability import scanning
    from nscl.traceability.scanlog import ScanLog

    log = ScanLog(seconds=3600)  # the writer thread sleeps; the test flushes by hand
    monkeypatch.setattr(scanning, "scan_log", log)
    stamp = active_roll.stamps.order_by("id")[40]
    batch = active_roll.batch.lot
    logged = Scan.objects.count()

    def scan():
        return scanning.scan_record(gtin=active_roll.product.gtin, lot=batch,
                                    serial=stamp.serial, client="phone")

    outcomes = [scan() for _ in range(3)]
    assert [o.result for o in outcomes] == ["genuine_first", "genuine_repeat", "genuine_repeat"]
    assert outcomes[-1].previous == 2 and log.unwritten(stamp.pk) == 3
    assert Scan.objects.count() == logged and Stamp.objects.get(pk=stamp.pk).scan_count == 0
    monkeypatch.setattr(ScanLog, "_write", staticmethod(lambda rows, counts: 1 / 0))
    with pytest.raises(ZeroDivisionError):  # the database is away: nothing is lost
        log.flush()
    monkeypatch.undo()
    monkeypatch.setattr(scanning, "scan_log", log)
    flushed_at = timezone.now()
    assert log.flush() == 3 and log.unwritten(stamp.pk) == 0
    rows = Scan.objects.filter(stamp=stamp).order_by("scanned_at")
    assert rows.count() == 3 and all(r.scanned_at < flushed_at for r in rows)
    assert Stamp.objects.get(pk=stamp.pk).scan_count == 3
    assert scan().previous == 3 and log.flush() == 1


def test_unknown_and_void_stamps_fall_back_to_the_product_with_a_warning(phone, rice):
    """A serial with no entry, or a voided stamp, falls back to the product or the lot (307, as
    the resolver standard says), carrying a signed notice the page shows."""
    unknown = phone.get(f"/01/{rice.gtin}/21/ZZZZZZZZZZ1")
    assert unknown.status_code == 307 and unknown["Location"].startswith(
        f"http://127.0.0.1:8000/01/{rice.gtin}?canh-bao=unknown.ZZZZZZZZZZ1.")
    page = _follow(phone, unknown)
    assert page.status_code == 200
    assert "ZZZZZZZZZZ1 không có trong hệ thống" in page.content.decode()
    void_stamp = rice.rolls.get(status="void").stamps.first()
    void = phone.get(_uri(void_stamp))
    assert void.status_code == 307 and "/10/ST25-2025-01?canh-bao=void." in void["Location"]
    assert "đã bị hủy" in _follow(phone, void).content.decode()
    forged = phone.get(f"/sp/{rice.gtin}/?canh-bao=unknown.ABC.0000000000000000")
    assert "không có trong hệ thống" not in forged.content.decode()  # only the resolver warns
    assert Scan.objects.filter(serial="ZZZZZZZZZZ1", result="unknown").exists()


def test_the_scan_page_in_english_when_chosen(phone, active_roll):
    client = phone
    stamp = active_roll.stamps.order_by("id")[50]
    client.cookies["django_language"] = "en"
    page = client.get(_uri(stamp)).content.decode()
    for text in ("Genuine stamp, first scan", "Trace code (stamp serial)", "Journey of the batch",
                 "Trademark: registered No. 4-0451234-000", "until 20/09/2027"):
        assert text in page, text
    from .conftest import phone_client

    other = phone_client("27.72.1.10")
    other.cookies["django_language"] = "vi"
    page = other.get(_uri(stamp)).content.decode()
    assert "Nhãn hiệu: đã được bảo hộ số 4-0451234-000" in page
    assert "Tem này đã được quét 1 lần" in page


def test_json_when_asked(phone, active_roll):
    client = phone
    stamp = active_roll.stamps.order_by("id")[10]
    data = client.get(_uri(stamp), HTTP_ACCEPT="application/json").json()
    assert data["status"] == "genuine_first"
    assert data["information"]["items"]["trace_code"] == stamp.serial
    assert len(data["information"]["stages"]) == 3
    assert client.get("/.well-known/gs1resolver").json()["supportedPrimaryKeys"] == ["01"]


def test_rate_limit_per_client(phone, active_roll, settings):
    from nscl.traceability import public

    stamp = active_roll.stamps.order_by("id")[20]
    limit = public.LIMIT
    codes = [phone.get(_uri(stamp)).status_code for _ in range(limit + 2)]
    assert codes[:limit] == [200] * limit and codes[-1] == 429


def test_unpublished_products_show_nothing_public(phone, active_roll):
    Product.objects.filter(pk=active_roll.product_id).update(published=False)
    page = phone.get(_uri(active_roll.stamps.order_by("id")[30])).content.decode()
    assert "Tem thật" in page and "HTX Nông nghiệp Mỹ Xuyên" not in page


def test_signals_in_the_scan_log(rice):
    kinds = {s.kind for s in signals(Product.objects.filter(pk=rice.pk))}
    assert kinds == {"unknown", "void", "too_many", "far_apart"}


def test_products_are_scoped(users, rice):
    assert rice in products_for(users["doanhnghiep.cantho"])
    tuyen_quang = products_for(users["vanphong.tuyenquang"])
    assert tuyen_quang.count() == 5 and rice not in tuyen_quang  # its own province's only
    assert not products_for(users["hoidong.cantho"]).exists()
    assert not products_for(users["baocao.xa1.cantho"]).exists()


def test_label_sheets_and_csv(active_roll):
    pdf = label_pdf(active_roll)
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
    rows = label_csv(active_roll).decode().splitlines()
    assert rows[0] == "serial,gtin,lot,uri" and len(rows) == 201
    serial = rows[1].split(",")[0]
    assert rows[1].endswith(digital_link(active_roll.product.gtin, serial, "ST25-2025-01"))


def _document(events):
    return {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
            "type": "EPCISDocument", "schemaVersion": "2.0",
            "creationDate": "2025-10-03T00:00:00+07:00", "epcisBody": {"eventList": events}}


def test_epcis_object_and_aggregation_events_round_trip(client, users, rice):
    client.force_login(users["vanphong.cantho"])
    lot = f"http://127.0.0.1:8000/01/{rice.gtin}/10/ST25-2025-01"
    pallet = "urn:epc:id:sscc:0893850100001234567"
    events = [
        {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2025-10-01T08:00:00+07:00",
         "eventTimeZoneOffset": "+07:00", "bizStep": "https://ref.gs1.org/cbv/BizStep-receiving",
         "epcList": [lot], "bizLocation": {"id": "urn:epc:id:sgln:893850.10001.0"}},
        {"type": "AggregationEvent", "action": "ADD", "eventTime": "2025-10-02T09:00:00+07:00",
         "eventTimeZoneOffset": "+07:00", "bizStep": "packing", "parentID": pallet,
         "childEPCs": [lot]}]
    response = client.post("/truy-xuat/epcis/capture", json.dumps(_document(events)),
                           content_type="application/ld+json")
    assert response.status_code == 202
    job = client.get(response["Location"]).json()
    assert job["success"] and job["eventsCaptured"] == 2
    assert client.get("/truy-xuat/epcis/events", {"MATCH_epc": pallet}).json()["epcisBody"][
        "queryResults"]["resultsBody"]["eventList"] == []  # a parent is not an epcList EPC
    by_epc = client.get("/truy-xuat/epcis/events", {"MATCH_parentID": pallet}).json()
    listed = by_epc["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert [e["type"] for e in listed] == ["AggregationEvent"]
    assert listed[0]["childEPCs"] == [lot] and by_epc["type"] == "EPCISQueryDocument"
    by_time = client.get("/truy-xuat/epcis/events", {
        "GE_eventTime": "2025-10-01T00:00:00+07:00", "LT_eventTime": "2025-10-03T00:00:00+07:00",
    }).json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert [e["bizStep"].rsplit("-", 1)[-1] for e in by_time] == ["receiving", "packing"]
    page = client.get("/truy-xuat/epcis/events", {"perPage": 2})
    assert 'rel="next"' in page["Link"]


def test_epcis_capture_is_all_or_nothing(client, users):
    client.force_login(users["vanphong.cantho"])
    before = TraceEvent.objects.count()
    good = {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2025-10-01T08:00:00+07:00",
            "bizStep": "shipping", "epcList": ["urn:epc:id:sgtin:0893850.1001.1"]}
    bad = {"type": "ObjectEvent", "action": "MOVE", "eventTime": "hôm qua", "epcList": []}
    response = client.post("/truy-xuat/epcis/capture", json.dumps(_document([good, bad])),
                           content_type="application/json")
    problem = response.json()
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert problem["type"] == "epcisException:ValidationException" and problem["status"] == 400
    errors = {e["pointer"]: e["detail"] for e in problem["errors"]}
    assert "thiếu trường bắt buộc “eventTimeZoneOffset”" in errors["/epcisBody/eventList/0"]
    assert "hôm qua" in errors["/epcisBody/eventList/1/eventTime"]
    assert "MOVE" in errors["/epcisBody/eventList/1/action"]
    assert TraceEvent.objects.count() == before


def test_roll_status_from_the_page(client, users, rice):
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/truy-xuat/san-pham/{rice.pk}/cap-tem/", {"count": "1.500"})
    assert response.status_code == 302
    roll = rice.rolls.order_by("-pk").first()
    assert roll.issued == roll.count == 1500  # filled in the request under the test settings
    client.post(f"/truy-xuat/cuon/{roll.pk}/trang-thai/", {"status": "active"})
    assert StampRoll.objects.get(pk=roll.pk).status == "active"
    progress = client.get(f"/truy-xuat/cuon/{roll.pk}/tien-do/").content.decode()
    assert "1.500 / 1.500" in progress and "hx-get" not in progress
    client.force_login(users["lanhdao.cantho"])  # leadership reads, does not issue
    client.post(f"/truy-xuat/san-pham/{rice.pk}/cap-tem/", {"count": "10"})
    assert rice.rolls.count() == 3 + 0



def test_the_cli_issues_stamps_with_a_progress_bar(rice):
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("stamps", "issue", "--gtin", rice.gtin, "--count", "45000", "--activate",
                 stdout=out, stderr=err)
    roll = rice.rolls.order_by("-pk").first()
    assert (roll.issued, roll.status) == (45000, "active")
    assert "Đã cấp 45.000 tem cho Gạo thơm ST25 Mỹ Xuyên" in out.getvalue()
    assert re.search(r"trong \d+,\d s\.$", out.getvalue().strip())  # 15,1 s, not 15.1 s
    bars = err.getvalue().split("\r")
    assert any("20.000/45.000" in b for b in bars) and "45.000/45.000" in bars[-1]
