"""Issue 13: the same EPCIS document captured twice at once was a 500 on the product's unique
GTIN. Two identical captures released together (threads, PostgreSQL) now have one effect: one
product, one lot, the events once; both answered 202, the second saying its events were
duplicates. On SQLite (one writer at a time) the two run one after the other, same result."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from nscl.demo.loader import load_demo
from nscl.organisation.models import User
from nscl.traceability.models import Batch, Product, TraceEvent

pytestmark = pytest.mark.django_db(transaction=True)
GTIN = "08935049500018"


def _document(rice) -> dict:
    uri = f"https://truyxuat.example.vn/01/{GTIN}/10/GLT-2026-01"
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
                     {"nscl": "https://nscl.vn/voc/", "cbvmda": "urn:epcglobal:cbv:mda#"}],
        "type": "EPCISDocument", "schemaVersion": "2.0",
        "creationDate": "2026-11-20T08:00:00+07:00",
        "epcisHeader": {"epcisMasterData": {"vocabularyList": [{
            "type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                {"id": f"https://truyxuat.example.vn/01/{GTIN}", "attributes": [
                    {"id": "cbvmda:descriptionShort", "attribute": "Gạo lứt tím Mỹ Xuyên"},
                    {"id": "nscl:producerTaxCode", "attribute": rice.producer.tax_code}]},
                {"id": uri, "attributes": [
                    {"id": "nscl:productionDate", "attribute": "2026-11-01"}]}]}]}},
        "epcisBody": {"eventList": [
            {"type": "ObjectEvent", "action": "OBSERVE", "eventTimeZoneOffset": "+07:00",
             "eventTime": f"2026-11-0{d}T08:00:00+07:00", "epcList": [uri], "bizStep": step}
            for d, step in ((2, "packing"), (3, "shipping"), (4, "receiving"))]}}


def test_one_document_twice_at_once_has_one_effect():
    load_demo()
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    body = json.dumps(_document(rice))
    office = User.objects.get(username="vanphong.cantho")
    results, barrier = [], threading.Barrier(2)

    def capture():
        client = Client()
        client.force_login(office)
        try:
            if connection.vendor == "postgresql":
                barrier.wait(timeout=20)
            response = client.post("/truy-xuat/epcis/capture", body,
                                   content_type="application/ld+json")
            job = client.get(response["Location"]).json() if response.status_code == 202 \
                else {}
            results.append((response.status_code, job.get("eventsCaptured"),
                            job.get("duplicatesSkipped")))
        finally:
            connection.close()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=capture) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    else:
        capture()
        capture()
    assert sorted(results) == [(202, 0, 3), (202, 3, 0)]
    product = Product.objects.get(gtin=GTIN)
    assert Batch.objects.filter(product=product).count() == 1
    assert TraceEvent.objects.filter(batch__product=product).count() == 3
