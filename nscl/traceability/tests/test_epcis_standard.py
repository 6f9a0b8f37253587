"""EPCIS 2.0 as others send it: every shared OpenEPCIS capture document (Apache-2.0, in
`../shared/fixtures/epcis-2.0-openepcis/`) accepted or refused as the standard says, each
accepted event found again by a query on its identifiers and on its time; the CBV 2.0 event
hash; bad input refused whole with problem details, never a server error (issue 13); who may
capture, and whose jobs one may read."""

import copy
import datetime as dt
import json

import pytest

from nscl.traceability.epcis.epcs import PARTS, canonical, named, product_key
from nscl.traceability.epcis.hashing import event_hash
from nscl.traceability.models import CaptureJob, Product, TraceEvent
from nscl.workflow.models import DomainEvent

from .conftest import shared_fixtures

CAPTURE, EVENTS = "/truy-xuat/epcis/capture", "/truy-xuat/epcis/events"
OPENEPCIS = shared_fixtures("epcis-2.0-openepcis")
VALID = sorted((OPENEPCIS / "valid").glob("*.json"))
INVALID = sorted((OPENEPCIS / "invalid").glob("*.json"))
MATCH = {"epc": "MATCH_epc", "child": "MATCH_epc", "parent": "MATCH_parentID",
         "input": "MATCH_inputEPC", "output": "MATCH_outputEPC", "quantity": "MATCH_epcClass",
         "child_qty": "MATCH_epcClass", "input_qty": "MATCH_inputEPCClass",
         "output_qty": "MATCH_outputEPCClass"}


def _post(client, document, content_type="application/ld+json"):
    body = document if isinstance(document, str | bytes) else json.dumps(document)
    return client.post(CAPTURE, body, content_type=content_type)


def _listed(client, params) -> list[dict]:
    response = client.get(EVENTS, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]


@pytest.fixture
def office(client, users):
    client.force_login(users["vanphong.cantho"])
    return client


def test_the_shared_fixtures_are_all_here():
    assert len(VALID) == 33 and len(INVALID) == 11


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_every_valid_document_is_accepted_and_each_event_found_again(office, path):
    document = json.loads(path.read_text())
    events = document["epcisBody"]["eventList"]
    before = TraceEvent.objects.count()
    response = _post(office, document)
    assert response.status_code == 202, response.content.decode()[:600]
    job = office.get(response["Location"]).json()
    assert job["success"] and job["eventsCaptured"] + job["duplicatesSkipped"] == len(events)
    assert TraceEvent.objects.count() == before + job["eventsCaptured"]
    stored = TraceEvent.objects.order_by("-id")[:job["eventsCaptured"]]
    hashes = {e.event_hash: e for e in stored}
    for event in events:
        mine = hashes.get(event_hash(event, _prefixes(document)))
        if mine is None:  # a duplicate of an event earlier in the document
            continue
        identifiers = named(event)
        if identifiers:
            part, value = identifiers[0]
            by_epc = _listed(office, {MATCH[part]: value, "perPage": 500})
            assert mine.event_id in {e["eventID"] for e in by_epc}, (part, value)
        else:  # an empty epcList (allowed): nothing to match by EPC, so by where it was read
            assert event.get("epcList") == [] and event["readPoint"]["id"]
            by_place = _listed(office, {"EQ_readPoint": event["readPoint"]["id"],
                                        "perPage": 500})
            assert mine.event_id in {e["eventID"] for e in by_place}
        when = mine.event_time
        by_time = _listed(office, {"GE_eventTime": when.isoformat(), "perPage": 500,
                                   "LT_eventTime": (when + dt.timedelta(milliseconds=1))
                                   .isoformat()})
        assert mine.event_id in {e["eventID"] for e in by_time}
        assert mine.external  # nothing in these documents is one of NSCL's products


def _prefixes(document):
    from nscl.traceability.epcis.hashing import context_prefixes

    return context_prefixes(document.get("@context"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_document_is_refused_whole_with_problem_details(office, path):
    before = TraceEvent.objects.count()
    response = _post(office, path.read_bytes())
    problem = response.json()
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert problem["type"] == "epcisException:ValidationException" and problem["status"] == 400
    assert problem["errors"] and all(e["pointer"] is not None and e["detail"]
                                     for e in problem["errors"])
    assert TraceEvent.objects.count() == before
    job = office.get(f"/truy-xuat/epcis/capture/{problem['captureID']}").json()
    assert job["success"] is False and job["errors"]


def test_problems_name_the_element_in_vietnamese(office):
    document = json.loads((OPENEPCIS / "invalid" / "ObjectEvent_with_non_standard_bizStep.json")
                          .read_text())
    errors = {e["pointer"]: e["detail"] for e in _post(office, document).json()["errors"]}
    assert "transforming" in errors["/epcisBody/eventList/0/bizStep"]
    assert "thuật ngữ CBV" in errors["/epcisBody/eventList/0/bizStep"]


def _event(**fields):
    event = {"type": "ObjectEvent", "action": "OBSERVE",
             "eventTime": "2026-03-02T08:00:00+07:00", "eventTimeZoneOffset": "+07:00",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2018"], "bizStep": "shipping"}
    event.update(fields)
    return event


def _document(*events, **fields):
    document = {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
                "type": "EPCISDocument", "schemaVersion": "2.0",
                "creationDate": "2026-03-02T09:00:00+07:00", "epcisBody": {"eventList":
                                                                          list(events)}}
    document.update(fields)
    return document


def test_the_cbv_event_hash_sees_one_event_in_any_spelling(office):
    """CBV 2.0 §8.9: the same event as a URN or a Digital Link on any host, a CBV term bare or
    as its URI, its time in another offset, its lists in another order — one hash, stored
    once. A different event is a different hash."""
    first = _event(epcList=["urn:epc:id:sgtin:0614141.107346.2018",
                            "urn:epc:id:sgtin:0614141.107346.2019"],
                   readPoint={"id": "urn:epc:id:sgln:0614141.00777.0"})
    same = _event(epcList=["https://example.com/01/10614141073464/21/2019",
                           "https://id.gs1.org/01/10614141073464/21/2018"],
                  bizStep="https://ref.gs1.org/cbv/BizStep-shipping",
                  eventTime="2026-03-02T01:00:00.000Z", eventTimeZoneOffset="+07:00",
                  readPoint={"id": "https://id.gs1.org/414/0614141007776"})
    assert event_hash(first) == event_hash(same)
    assert event_hash(first) != event_hash(_event(action="ADD"))
    assert canonical("urn:epc:id:sgtin:0614141.107346.2018") == \
        "https://id.gs1.org/01/10614141073464/21/2018"
    assert product_key("https://truyxuat.example.vn/01/8935049500018/10/L1").gtin == \
        "08935049500018"
    first_job = office.get(_post(office, _document(first))["Location"]).json()
    again = office.get(_post(office, _document(same))["Location"]).json()
    assert (first_job["eventsCaptured"], again["eventsCaptured"], again["duplicatesSkipped"]) \
        == (1, 0, 1)


WRONG_TYPES = {  # issue 13: each a 4xx problem, never a 500
    "eventTime": _event(eventTime="2026-13-45T99:00:00+07:00"),
    "eventTime-text": _event(eventTime="hôm qua"),
    "bizStep": _event(bizStep=17),
    "epcList": _event(epcList="urn:epc:id:sgtin:0614141.107346.2018"),
    "inputEPCList": {"type": "TransformationEvent", "eventTime": "2026-03-02T08:00:00+07:00",
                     "eventTimeZoneOffset": "+07:00", "inputEPCList": {"a": 1},
                     "outputEPCList": ["urn:epc:id:sgtin:0614141.107346.1"]},
    "quantityList": _event(epcList=[], quantityList="10 kg"),
    "readPoint": _event(readPoint="urn:epc:id:sgln:0614141.00777.0"),
    "eventID": _event(eventID=12345),
}


@pytest.mark.parametrize("field", WRONG_TYPES)
def test_wrong_types_are_a_problem_not_a_server_error(office, field):
    response = _post(office, _document(WRONG_TYPES[field]))
    assert response.status_code == 400 and response.json()["errors"]
    assert any(field.split("-")[0] in e["pointer"] or field.split("-")[0] in e["detail"]
               for e in response.json()["errors"])


@pytest.mark.parametrize("header", [[], "x", {"epcisMasterData": {"vocabularyList": "x"}},
                                    {"epcisMasterData": {"vocabularyList": [
                                        {"type": "urn:epcglobal:epcis:vtype:EPCClass",
                                         "vocabularyElementList": "x"}]}},
                                    {"epcisMasterData": {"vocabularyList": [
                                        {"type": "urn:epcglobal:epcis:vtype:EPCClass",
                                         "vocabularyElementList": [{"id": 5}]}]}}])
def test_a_wrong_header_or_vocabulary_is_a_problem(office, header):
    response = _post(office, _document(_event(), epcisHeader=header))
    assert response.status_code == 400 and response.json()["errors"]


@pytest.mark.parametrize("body", [
    "[" * 5000 + "]" * 5000,
    json.dumps(_document(_event(**{"example:x": json.loads("[" * 60 + "]" * 60)}),
                         **{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
                                         {"example": "https://ns.example.com/"}]})),
    '{"type": "EPCISDocument", "x": NaN}', "", "{not json", b"\xff\xfe\x00"])
def test_malformed_or_deep_json_is_a_problem(office, body):
    response = _post(office, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_viewer_stores_nothing_and_every_capture_is_logged(client, users):
    """Issue 13: a viewer could store events naming no known lot, and nothing was logged."""
    before = TraceEvent.objects.count()
    for name in ("xem.cantho", "lanhdao.cantho", "hoidong.cantho", "baocao.xa1.cantho"):
        client.force_login(users[name])
        response = _post(client, _document(_event()))
        assert response.status_code == 403, name
        assert response.json()["type"] == "epcisException:SecurityException"
    assert TraceEvent.objects.count() == before
    client.force_login(users["doanhnghiep.cantho"])
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    ours = _event(epcList=[f"https://truyxuat.example.vn/01/{rice.gtin}/10/ST25-2025-01"],
                  bizStep="receiving")
    theirs = _event(eventTime="2026-03-03T08:00:00+07:00")
    response = _post(client, _document(ours, theirs))
    assert response.status_code == 202
    job = CaptureJob.objects.get(pk=response.json()["captureID"])
    assert (job.captured, job.external, job.submitted_by.username) == (2, 1,
                                                                       "doanhnghiep.cantho")
    logged = DomainEvent.objects.filter(verb="epcis_captured", object_id=str(job.pk)).get()
    assert logged.actor.username == "doanhnghiep.cantho" and logged.after["external"] == 1
    on_product = DomainEvent.objects.filter(verb="trace_events_recorded",
                                            object_id=str(rice.pk)).latest("occurred_at")
    assert on_product.after["lots"] == ["ST25-2025-01"]
    stored = TraceEvent.objects.filter(event_time__date=dt.date(2026, 3, 2)).get()
    assert stored.batch.lot == "ST25-2025-01" and not stored.external


def test_capture_jobs_are_seen_within_the_submitters_scope(client, users):
    """Issue 13: any account read any capture job by its id."""
    client.force_login(users["doanhnghiep.cantho"])
    job_url = _post(client, _document(_event()))["Location"]
    for name, status in (("doanhnghiep.cantho", 200), ("vanphong.cantho", 200),
                         ("vanphong.tuyenquang", 404), ("xem.cantho", 404),
                         ("hoidong.cantho", 404), ("baocao.sct.cantho", 404)):
        client.force_login(users[name])
        assert client.get(job_url).status_code == status, name
    client.logout()
    assert client.get(job_url).status_code in (401, 403)


def test_a_producer_cannot_move_its_product_to_another_province(client, users):
    """Issue 13: a beneficiary must not move its product into another province through master
    data capture."""
    from nscl.organisation.models import Unit

    client.force_login(users["doanhnghiep.cantho"])
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    elsewhere = Unit.objects.filter(kind="commune").exclude(
        path__startswith=rice.place.province_path()).first()
    document = client.get("/truy-xuat/epcis/export", {"gtin": rice.gtin}).json()
    element = document["epcisHeader"]["epcisMasterData"]["vocabularyList"][0][
        "vocabularyElementList"][0]
    for attribute in element["attributes"]:
        if attribute["id"] == "nscl:placeCode":
            attribute["attribute"] = elsewhere.code
    document["epcisBody"]["eventList"] = []
    response = _post(client, document)
    assert response.status_code == 400 and "phải thuộc tỉnh" in str(response.json())
    rice.refresh_from_db()
    assert rice.place.province_path() != elsewhere.province_path()


def test_the_query_refuses_what_the_standard_does_not_know(office):
    for params in ({"GE_eventTime": "hôm qua"}, {"perPage": "²"}, {"perPage": "0"},
                   {"nextPageToken": "!!"}, {"orderBy": "name"}, {"EQ_whatever": "x"},
                   {"orderDirection": "UP"}):
        response = office.get(EVENTS, params)
        assert response.status_code == 400, params
        assert response.json()["type"] == "epcisException:QueryParameterException"


def test_events_page_with_the_standards_token(office):
    for n in range(5):
        _post(office, _document(_event(eventTime=f"2026-04-0{n + 1}T08:00:00+07:00")))
    seen, params = [], {"GE_eventTime": "2026-04-01T00:00:00+07:00", "perPage": 2}
    while True:
        response = office.get(EVENTS, params)
        seen += [e["eventTime"] for e in response.json()["epcisBody"]["queryResults"][
            "resultsBody"]["eventList"]]
        if "Link" not in response:
            break
        params = dict(p.split("=", 1) for p in response["Link"].split("?")[1].split(">")[0]
                      .split("&"))
        params = {k: __import__("urllib.parse").parse.unquote(v) for k, v in params.items()}
    assert len(seen) == 5 and seen == sorted(seen)
    assert response["GS1-EPCIS-Version"] == "2.0.0"


def test_parts_cover_every_identifier_list():
    assert set(PARTS) == {"epcList", "childEPCs", "parentID", "inputEPCList", "outputEPCList",
                          "quantityList", "childQuantityList", "inputQuantityList",
                          "outputQuantityList"}
    assert copy.deepcopy(MATCH).keys() == set(PARTS.values())


def test_an_uploaded_file_is_read_within_the_same_bounds(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    deep = SimpleUploadedFile("sau.jsonld", b"[" * 5000 + b"]" * 5000)
    page = office.post("/truy-xuat/epcis/nhap-tep", {"file": deep}, follow=True)
    assert page.status_code == 200 and "lồng nhau quá" in page.content.decode()
    valid = SimpleUploadedFile("ok.jsonld", (OPENEPCIS / "valid" / "ObjectEvent.json")
                               .read_bytes())
    page = office.post("/truy-xuat/epcis/nhap-tep", {"file": valid}, follow=True)
    assert "Đã nhận tệp EPCIS" in page.content.decode()


def test_offsets_beyond_what_postgresql_stores_are_the_same_instant(office):
    """The schema allows an offset up to ±23:59; PostgreSQL stores up to ±15:59. Found by
    schemathesis on PostgreSQL: an event time at +22:36 and a query from -23:23 were a 500 that
    aborted the transaction. They are the same instants in UTC: stored, found, and the year-1
    time that leaves the calendar in UTC is a problem document, not a server error."""
    far = _event(eventTime="2026-03-02T22:36:00+22:36", eventTimeZoneOffset="+07:00",
                 epcList=["urn:epc:id:sgtin:0614141.107346.2999"])
    assert _post(office, _document(far)).status_code == 202
    found = _listed(office, {"GE_eventTime": "2026-03-01T00:00:00-23:23",
                             "LT_eventTime": "2026-03-02T00:00:01Z",
                             "MATCH_epc": "urn:epc:id:sgtin:0614141.107346.2999"})
    assert len(found) == 1  # 00:00 UTC on 02/03, within the window
    refused = _post(office, _document(_event(eventTime="0001-01-01T00:00:00+05:00")))
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert office.get(EVENTS, {"GE_eventTime": "0001-01-01T00:00:00+05:00"}).status_code == 400
