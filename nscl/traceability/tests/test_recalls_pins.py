"""Recalls (ordered by the office or the producer, shown on every stamp of the lot and in the
recall-status link, stepped through notification, removal and close-out, lifted with a logged
reason) and scratch-off PINs (issued into the first print file only, kept as salted hashes,
tries limited per stamp and per client)."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nscl.traceability import services
from nscl.traceability.labels import label_csv, label_pdf
from nscl.traceability.models import Recall, Stamp
from nscl.workflow.engine import WorkflowError
from nscl.workflow.models import DomainEvent

from .conftest import phone_client


@pytest.fixture
def batch(rice):
    return rice.batches.get(lot="ST25-2025-01")


def _recall(actor, batch, **fields):
    values = {"reason": "Phát hiện dư lượng thuốc bảo vệ thực vật vượt ngưỡng",
              "recalled_on": dt.date(2026, 11, 20),
              "instructions": "Ngừng sử dụng, mang sản phẩm về điểm bán để được hoàn tiền.",
              "contact": "HTX Mỹ Xuyên 0299 3851 234"}
    values.update(fields)
    return services.recall_order(actor=actor, batch=batch, **values)


def test_a_recall_shows_on_every_stamp_and_in_the_recall_status_link(users, rice, batch):
    stamp = rice.rolls.get(status="active").stamps.order_by("id")[160]
    uri = f"/01/{rice.gtin}/10/{batch.lot}/21/{stamp.serial}"
    before = phone_client("1.1.1.1").get(uri).content.decode()
    assert "THU HỒI" not in before
    recall = _recall(users["vanphong.cantho"], batch)
    page = phone_client("1.1.1.2").get(uri).content.decode()
    assert "LÔ HÀNG ĐANG BỊ THU HỒI" in page and "dư lượng thuốc" in page
    assert "0299 3851 234" in page and "Từ ngày 20/11/2026" in page
    status = phone_client("1.1.1.3").get(f"/01/{rice.gtin}/10/{batch.lot}",
                                         {"linkType": "gs1:recallStatus"})
    answer = phone_client().get(status["Location"], HTTP_ACCEPT="application/json").json()
    assert answer["recalled"] and answer["recalls"][0]["reason"].startswith("Phát hiện")
    assert recall.ordered_by_office
    logged = DomainEvent.objects.filter(verb="recall_ordered", object_id=str(recall.pk)).get()
    assert logged.after["lot"] == batch.lot


def test_a_recall_steps_through_its_states_and_lifting_it_is_logged(users, batch):
    office, producer = users["vanphong.cantho"], users["doanhnghiep.cantho"]
    recall = _recall(producer, batch)
    assert not recall.ordered_by_office
    with pytest.raises(ValidationError, match="đang bị thu hồi"):
        _recall(office, batch)
    with pytest.raises(WorkflowError, match="không thể “Kết thúc thu hồi”"):  # not notified yet
        services.recall_advance(actor=producer, recall=recall, transition="close")
    for step in ("notify", "confirm_removal", "close"):
        recall = services.recall_advance(actor=producer, recall=recall, transition=step)
    assert recall.state == "closed"
    with pytest.raises(PermissionDenied):
        services.recall_advance(actor=users["xem.cantho"], recall=recall, transition="lift",
                                note="nhầm")
    with pytest.raises(ValidationError, match="lý do"):
        services.recall_advance(actor=office, recall=recall, transition="lift", note=" ")
    recall = services.recall_advance(actor=office, recall=recall, transition="lift",
                                     note="Kết quả kiểm nghiệm lại đạt")
    lifted = DomainEvent.objects.filter(verb="recall_lift").get()
    assert (lifted.before, lifted.after["status"], lifted.note) == (
        {"status": "closed"}, "lifted", "Kết quả kiểm nghiệm lại đạt")
    assert lifted.actor == office
    assert [e.verb for e in DomainEvent.objects.filter(verb__startswith="recall_")
            .order_by("occurred_at", "id")] == ["recall_ordered", "recall_notify",
                                                 "recall_confirm_removal", "recall_close",
                                                 "recall_lift"]
    _recall(office, batch)  # lifted: the lot may be recalled again
    assert Recall.objects.filter(batch=batch).count() == 2


def test_an_office_recall_is_lifted_by_the_office_only(users, batch):
    recall = _recall(users["vanphong.cantho"], batch)
    with pytest.raises(PermissionDenied, match="cơ quan điều hành"):
        services.recall_advance(actor=users["doanhnghiep.cantho"], recall=recall,
                                transition="lift", note="đã khắc phục")
    with pytest.raises(PermissionDenied):  # another province's office
        _recall(users["vanphong.tuyenquang"], batch)


def test_the_recall_page_lists_the_journey_and_the_serials_scanned_since(client, users, rice,
                                                                          batch):
    from nscl.traceability import epcis

    office = users["vanphong.cantho"]
    document = epcis.stage_document(lot_uri=f"https://truyxuat.example.vn/01/{rice.gtin}/10/"
                                    f"{batch.lot}", step="shipping",
                                    when="2025-10-02T08:00:00+07:00", place="")
    event = document["epcisBody"]["eventList"][0]
    event["sourceList"] = [{"type": "owning_party", "source": "urn:epc:id:pgln:893850.01001"}]
    event["destinationList"] = [{"type": "location",
                                 "destination": "urn:epc:id:sgln:893850.20002.0"}]
    epcis.capture(document, actor=office)
    recall = _recall(office, batch)
    stamps = list(rice.rolls.get(status="active").stamps.order_by("id")[170:173])
    for n, stamp in enumerate(stamps):
        phone_client(f"5.5.5.{n}").get(f"/01/{rice.gtin}/10/{batch.lot}/21/{stamp.serial}",
                                        {"lat": "10.03", "lon": "105.78"})
    client.force_login(office)
    page = client.get(f"/truy-xuat/thu-hoi/{recall.pk}/").content.decode()
    assert "urn:epc:id:pgln:893850.01001" in page and "urn:epc:id:sgln:893850.20002.0" in page
    assert all(s.serial in page for s in stamps) and "10.0, 105.8" in page
    client.post(f"/truy-xuat/thu-hoi/{recall.pk}/buoc/", {"step": "notify"})
    assert Recall.objects.get(pk=recall.pk).state == "notified"
    client.force_login(users["vanphong.tuyenquang"])
    assert client.get(f"/truy-xuat/thu-hoi/{recall.pk}/").status_code == 404


def test_pins_are_printed_once_and_kept_only_as_hashes(users, rice, batch):
    office = users["vanphong.cantho"]
    roll = services.roll_fill(services.roll_create(product=rice, count=30, actor=office,
                                                   batch=batch, with_pin=True))
    pins = services.pins_issue(actor=office, roll=roll)
    assert len(pins) == 30 and all(len(p) == 8 and p.isdigit() for p in pins.values())
    stored = Stamp.objects.filter(roll=roll)
    assert all(s.pin_hash.startswith("hmac-sha256$") for s in stored)
    assert not any(pins[s.serial] in s.pin_hash for s in stored)
    rows = list(csv.DictReader(io.StringIO(label_csv(roll, pins).decode())))
    assert rows[0]["pin"] == pins[rows[0]["serial"]]
    assert services.pins_issue(actor=office, roll=roll) == {}  # once
    again = list(csv.DictReader(io.StringIO(label_csv(roll, {}).decode())))
    assert {r["pin"] for r in again} == {""}
    assert label_pdf(roll, pins=pins)[:4] == b"%PDF"
    with pytest.raises(PermissionDenied):
        services.pins_issue(actor=users["vanphong.tuyenquang"], roll=roll)


def test_the_print_file_carries_the_pins_only_the_first_time(client, users, rice, batch):
    client.force_login(users["vanphong.cantho"])
    client.post(f"/truy-xuat/san-pham/{rice.pk}/cap-tem/",
                {"count": "12", "batch": batch.pk, "with_pin": "1"})
    roll = rice.rolls.order_by("-pk").first()
    assert roll.with_pin and roll.issued == 12
    first = client.get(f"/truy-xuat/cuon/{roll.pk}/tep.csv").content.decode()
    second = client.get(f"/truy-xuat/cuon/{roll.pk}/tep.csv").content.decode()
    pins = [r["pin"] for r in csv.DictReader(io.StringIO(first))]
    assert all(len(p) == 8 for p in pins)
    assert {r["pin"] for r in csv.DictReader(io.StringIO(second))} == {""}


def test_a_pin_confirms_once_then_says_when(users, rice, batch):
    office = users["vanphong.cantho"]
    roll = services.roll_fill(services.roll_create(product=rice, count=5, actor=office,
                                                   batch=batch, with_pin=True))
    services.roll_set_status(roll=roll, status="active", actor=office)
    pins = services.pins_issue(actor=office, roll=roll)
    serial = next(iter(pins))
    buyer = phone_client("9.9.9.1")
    page = buyer.get(f"/01/{rice.gtin}/10/{batch.lot}/21/{serial}").content.decode()
    assert 'id="pin-form"' in page
    first = buyer.post(f"/xac-thuc-pin/{serial}/", {"pin": pins[serial]})
    assert first.status_code == 200 and "Đây là lần xác thực đầu tiên" in first.content.decode()
    later = phone_client("9.9.9.2").post(f"/xac-thuc-pin/{serial}/", {"pin": pins[serial]})
    text = later.content.decode()
    when = Stamp.objects.get(serial=serial).pin_verified_at
    assert "đã được xác thực trước đây" in text
    from django.utils import timezone

    assert timezone.localtime(when).strftime("%d/%m/%Y") in text


def test_pin_tries_are_limited_per_stamp_and_per_client(users, rice, batch, settings):
    office = users["vanphong.cantho"]
    roll = services.roll_fill(services.roll_create(product=rice, count=3, actor=office,
                                                   batch=batch, with_pin=True))
    services.roll_set_status(roll=roll, status="active", actor=office)
    pins = services.pins_issue(actor=office, roll=roll)
    serial, other = list(pins)[:2]
    wrong = "00000000" if pins[serial] != "00000000" else "11111111"
    codes = [phone_client(f"8.8.8.{n}").post(f"/xac-thuc-pin/{serial}/", {"pin": wrong})
             .status_code for n in range(services.PIN_TRIES)]
    assert codes == [422] * (services.PIN_TRIES - 1) + [423]
    right = phone_client("8.8.9.1").post(f"/xac-thuc-pin/{serial}/", {"pin": pins[serial]})
    assert right.status_code == 423  # locked even with the right PIN
    settings.NSCL_PIN_CLIENT_TRIES = 3
    guesser = phone_client("7.7.7.7")
    codes = [guesser.post(f"/xac-thuc-pin/{other}/", {"pin": wrong}).status_code
             for _ in range(4)]
    assert codes[-1] == 429 and Stamp.objects.get(serial=other).pin_failures == 3


def test_the_label_pdf_job_prints_the_pins_once_and_keeps_no_copy_for_reuse(users, rice, batch):
    """The label PDF is made by a background job: a PIN roll's first file carries the PINs (and
    is not served again to the next request), the next one is a reprint without them."""
    from nscl.jobs.models import Job
    from nscl.traceability.jobs import label_pdf_start

    office = users["vanphong.cantho"]
    roll = services.roll_fill(services.roll_create(product=rice, count=6, actor=office,
                                                   batch=batch, with_pin=True, fill=False))
    first = Job.objects.get(pk=label_pdf_start(roll=roll, actor=office).pk)
    assert first.key.endswith(":pins") and first.status == "done"
    assert not Stamp.objects.filter(roll=roll, pin_hash="").exists()
    again = Job.objects.get(pk=label_pdf_start(roll=roll, actor=office).pk)
    assert again.pk != first.pk and not again.key.endswith(":pins")
    assert label_pdf_start(roll=roll, actor=office).pk == again.pk  # a reprint is kept
