"""The EPCIS binding in the OpenAPI schema (issue 13): the capture declares the EPCIS 2.0 document
— the bundled schema as OpenAPI 3.1 components, the very schema the server validates with — and
every refusal of the binding, DRF's own included, is an RFC 7807 problem document with the
binding's version headers, as the schema says."""

import json

import jsonschema
import pytest

from nscl.traceability.epcis import openapi, schema
from nscl.traceability.epcis.documents import stage_document

from .conftest import shared_fixtures

CAPTURE = "/truy-xuat/epcis/capture"
OPENEPCIS = shared_fixtures("epcis-2.0-openepcis")
DOCUMENTS = sorted((OPENEPCIS / "valid").glob("*.json")) + sorted(
    (OPENEPCIS / "invalid").glob("*.json"))


@pytest.fixture
def api_schema(client, users) -> dict:
    client.force_login(users["vanphong.cantho"])
    response = client.get("/api/v1/schema/?format=json")
    client.logout()
    assert response.status_code == 200
    return response.json()


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _component_validator(definition: str) -> jsonschema.Draft202012Validator:
    document = {**openapi.ref(definition), "components": {"schemas": openapi.components()}}
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_capture_declares_the_epcis_document(api_schema):
    assert api_schema["openapi"] == "3.1.0"
    capture = api_schema["paths"][CAPTURE]["post"]
    body = capture["requestBody"]
    assert body["required"] is True
    for media_type in ("application/ld+json", "application/json"):
        assert body["content"][media_type]["schema"] == {
            "$ref": "#/components/schemas/EPCIS.epcisDocument"}
    accepted = capture["responses"]["202"]
    assert {"Location", "GS1-EPCIS-Version"} <= set(accepted["headers"])
    for status in ("400", "403", "413", "415"):
        assert capture["responses"][status]["content"] == {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/EPCIS.Problem"}}}
    events = api_schema["paths"]["/truy-xuat/epcis/events"]["get"]
    assert events["responses"]["200"]["content"]["application/ld+json"]["schema"] == {
        "$ref": "#/components/schemas/EPCIS.epcisQueryDocument"}
    definitions = json.loads(schema.SCHEMA.read_text())["definitions"]
    components = api_schema["components"]["schemas"]
    assert {openapi.name(d) for d in definitions} <= set(components)
    for ref in _refs(api_schema):  # every reference resolves inside the document
        assert ref.startswith("#/components/schemas/") and ref.split("/")[-1] in components


def test_the_components_are_2020_12_as_they_stand():
    """What the module's docstring promises: nothing of draft-07 whose meaning changed."""
    components = openapi.components()
    text = json.dumps(components)
    assert "#/definitions/" not in text and '"$schema"' not in text

    def walk(node):
        if isinstance(node, dict):
            assert not ("$ref" in node and len(node) > 1), node
            assert not isinstance(node.get("items"), list) and "dependencies" not in node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(components)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_the_declared_schema_judges_a_document_as_the_server_does(path):
    """Every shared OpenEPCIS document: valid by the OpenAPI components exactly when valid by
    the server's own validator (the bundled draft-07 schema, errata applied)."""
    document = json.loads(path.read_text())
    if not (isinstance(document, dict) and document.get("type") == "EPCISDocument"):
        pytest.skip("not an EPCISDocument: the capture refuses it by its type")
    declared = _component_validator("epcisDocument").is_valid(document)
    assert declared == schema.validator().is_valid(document)


def test_a_document_the_producers_form_writes_is_valid_by_the_declared_schema():
    document = stage_document(lot_uri="https://id.example.vn/01/08935049500011/10/L1",
                              step="commissioning", when="2026-03-01T08:00:00+07:00",
                              place="Xã Mỹ Xuyên")
    declared = _component_validator("epcisDocument")
    assert declared.is_valid(document) and schema.validator().is_valid(document)
    for field, wrong in [("eventTime", "01/03/2026"), ("bizStep", "harvesting"),
                         ("epcList", "not a list"), ("nscl_placeName", "no prefix")]:
        event = dict(document["epcisBody"]["eventList"][0], **{field: wrong})
        changed = {**document, "epcisBody": {"eventList": [event]}}
        assert not declared.is_valid(changed), field
        assert not schema.validator().is_valid(changed), field


def test_drfs_own_refusals_on_the_binding_are_problem_documents(client, users):
    """Before: a capture sent as text/plain was DRF's `{"detail": …}` in application/json,
    without the version headers — not what the schema declares for the binding."""
    anonymous = client.post(CAPTURE, "{}", content_type="application/ld+json")
    assert anonymous.status_code in (401, 403)
    assert anonymous["Content-Type"] == "application/problem+json"
    assert anonymous.json()["type"] == "epcisException:SecurityException"
    client.force_login(users["vanphong.cantho"])
    text = client.post(CAPTURE, "hello", content_type="text/plain")
    assert text.status_code == 415 and text["Content-Type"] == "application/problem+json"
    body = text.json()
    assert body["type"] == "about:blank" and body["status"] == 415 and body["detail"]
    assert text["GS1-EPCIS-Version"] == "2.0.0"
    wrong_method = client.delete(CAPTURE)
    assert wrong_method.status_code == 405 and "POST" in wrong_method["Allow"]
    assert wrong_method["Content-Type"] == "application/problem+json"
