"""Exchange: products, lots and events out and back in as one EPCIS 2.0 JSON-LD document, all
or nothing; events are seen and written only within one's scope."""

import json

from nscl.traceability.models import Batch, Product, TraceEvent

EXPORT = "/truy-xuat/epcis/export"
CAPTURE = "/truy-xuat/epcis/capture"


def _post(client, document):
    return client.post(CAPTURE, json.dumps(document), content_type="application/ld+json")


def test_a_product_goes_out_and_comes_back_with_its_lots_and_events(client, users, rice):
    client.force_login(users["vanphong.cantho"])
    response = client.get(EXPORT, {"gtin": rice.gtin})
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    elements = document["epcisHeader"]["epcisMasterData"]["vocabularyList"][0]
    assert elements["type"] == "urn:epcglobal:epcis:vtype:EPCClass"
    by_id = {e["id"].split("/01/")[1]: {a["id"]: a["attribute"] for a in e["attributes"]}
             for e in elements["vocabularyElementList"]}
    product = by_id[rice.gtin]
    assert product["cbvmda:descriptionShort"] == "Gạo thơm ST25 Mỹ Xuyên"
    assert (product["nscl:ocopStars"], product["nscl:trademarkStatus"]) == (4, "registered")
    assert by_id[f"{rice.gtin}/10/ST25-2025-01"]["nscl:productionDate"] == "2025-09-20"
    assert len(document["epcisBody"]["eventList"]) == 3

    # captured again as it is: its events are known by their CBV 2.0 hash, so nothing is
    # stored twice and the job says so
    events_before = TraceEvent.objects.count()
    again = _post(client, document)
    assert again.status_code == 202 and TraceEvent.objects.count() == events_before
    job = client.get(again["Location"]).json()
    assert (job["eventsCaptured"], job["duplicatesSkipped"]) == (0, 3)
    # the same document for a product and lot the portal does not have yet: all of it comes in
    text = json.dumps(document).replace(rice.gtin, "08935049500018").replace(
        "ST25-2025-01", "ST25-2026-01")
    copied = json.loads(text)
    for event in copied["epcisBody"]["eventList"]:
        del event["eventID"]
    events_before = TraceEvent.objects.count()
    assert _post(client, copied).status_code == 202
    copy = Product.objects.get(gtin="08935049500018")
    assert (copy.name, copy.producer, copy.ocop_stars, copy.place) == (
        rice.name, rice.producer, 4, rice.place)
    lot = Batch.objects.get(product=copy, lot="ST25-2026-01")
    assert lot.events.count() == 3 and TraceEvent.objects.count() == events_before + 3


def test_one_bad_element_stores_nothing(client, users, rice):
    client.force_login(users["vanphong.cantho"])
    document = client.get(EXPORT, {"gtin": rice.gtin}).json()
    elements = document["epcisHeader"]["epcisMasterData"]["vocabularyList"][0][
        "vocabularyElementList"]
    elements.append({"id": "https://example.org/01/08935049500018/10/NEW-LOT",
                     "attributes": [{"id": "nscl:productionDate", "attribute": "2026-01-05"}]})
    elements.append({"id": "https://example.org/01/08935049500025",
                     "attributes": [{"id": "cbvmda:descriptionShort", "attribute": "Mắm"}]})
    elements[0]["attributes"].append({"id": "nscl:ocopStars", "attribute": "năm"})
    response = _post(client, document)
    errors = [e["detail"] for e in response.json()["errors"]]
    assert response.status_code == 400
    assert any("nscl:ocopStars" in e and "“năm” không hợp lệ" in e for e in errors)
    assert any("08935049500018" in e and "khai báo sản phẩm trước lô" in e for e in errors)
    assert any("08935049500025" in e and "nscl:producerTaxCode" in e for e in errors)
    assert not Product.objects.filter(gtin__in=["08935049500018", "08935049500025"]).exists()


def test_events_are_seen_and_written_within_scope(client, users, rice):
    client.force_login(users["vanphong.tuyenquang"])  # another province
    assert client.get("/truy-xuat/epcis/events").json()["epcisBody"]["queryResults"][
        "resultsBody"]["eventList"] == []
    assert client.get(EXPORT, {"gtin": rice.gtin}).json()["epcisHeader"]["epcisMasterData"][
        "vocabularyList"][0]["vocabularyElementList"] == []
    lot_uri = f"https://truyxuat.nscl.vn/01/{rice.gtin}/10/ST25-2025-01"
    event = {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-01-02T08:00:00+07:00",
             "eventTimeZoneOffset": "+07:00", "bizStep": "receiving", "epcList": [lot_uri]}
    response = _post(client, {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context"
                                           ".jsonld"], "type": "EPCISDocument",
                              "schemaVersion": "2.0", "creationDate": "2026-01-02T09:00:00+07:00",
                              "epcisBody": {"eventList": [event]}})
    assert response.status_code == 400 and "không được ghi sự kiện cho sản phẩm" in str(
        response.json()["errors"])
    client.force_login(users["doanhnghiep.cantho"])  # the producer sees its lot's journey
    seen = client.get("/truy-xuat/epcis/events").json()["epcisBody"]["queryResults"][
        "resultsBody"]["eventList"]
    assert len(seen) == 3


def test_an_official_takes_in_an_epcis_file(client, users, rice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["vanphong.cantho"])
    document = client.get(EXPORT, {"gtin": rice.gtin}).json()
    text = json.dumps(document).replace(rice.gtin, "08935049500018")
    copied = json.loads(text)
    for event in copied["epcisBody"]["eventList"]:
        del event["eventID"]
    upload = SimpleUploadedFile("tu-cong-quoc-gia.jsonld", json.dumps(copied).encode(),
                                content_type="application/ld+json")
    page = client.post("/truy-xuat/epcis/nhap-tep", {"file": upload}, follow=True)
    assert "Đã nhận tệp EPCIS: 3 sự kiện." in page.content.decode()
    assert Product.objects.get(gtin="08935049500018").batches.get().events.count() == 3
    bad = SimpleUploadedFile("hong.jsonld", b"{not json", content_type="application/ld+json")
    page = client.post("/truy-xuat/epcis/nhap-tep", {"file": bad}, follow=True)
    assert "không phải là JSON đọc được" in page.content.decode()
