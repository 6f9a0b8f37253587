"""The EPCIS 2.0 binding in the OpenAPI schema: the bundled EPCIS 2.0 JSON schema, with the
errata the validator applies (`schema.errata`), as OpenAPI 3.1 components — one place, used by
the binding's `extend_schema` (`ref`, `responses`) and by a drf-spectacular postprocessing hook
(`add_components`) that puts the components in the document.

From draft-07 to OpenAPI 3.1 (JSON Schema 2020-12) only the addresses change: the definitions
become `#/components/schemas/EPCIS.<name>` (a component name allows letters, digits, `.`, `-`
and `_`: `@context` is `EPCIS.context`), every `$ref` rewritten to them, `$schema` and `$id`
dropped. The rest of the bundled schema — `if`/`then`, `propertyNames`, `anyOf`, `const`,
`format` — is 2020-12 as it is (no `$ref` with siblings, no array-form `items`,
no `dependencies`: checked by `nscl/traceability/tests/test_epcis_openapi.py`), so the
schema a client reads is the schema the server validates with, not an approximation."""

import json
import re
from functools import lru_cache

from nscl.core.openapi import by_operation_id, declare_links

from . import schema

PATH = "/truy-xuat/epcis/"  # the binding's operations
PREFIX = "EPCIS."
DEFINITIONS = "#/definitions/"
COMPONENTS = "#/components/schemas/"


def name(definition: str) -> str:
    """The component name of a definition of the bundled schema."""
    return PREFIX + re.sub(r"[^A-Za-z0-9._-]", "", definition.replace("%40", "@"))


def ref(definition: str) -> dict:
    return {"$ref": COMPONENTS + name(definition)}


def _rewritten(node):
    if isinstance(node, dict):
        return {key: (COMPONENTS + name(value[len(DEFINITIONS):])
                      if key == "$ref" and isinstance(value, str)
                      and value.startswith(DEFINITIONS) else _rewritten(value))
                for key, value in node.items() if key not in ("$schema", "$id")}
    if isinstance(node, list):
        return [_rewritten(item) for item in node]
    return node


@lru_cache(maxsize=1)
def _components_json() -> str:
    bundled = schema.errata(json.loads(schema.SCHEMA.read_text(encoding="utf-8")))
    return json.dumps({name(key): _rewritten(value)
                       for key, value in bundled["definitions"].items()})


def components() -> dict:
    """Every definition of the EPCIS 2.0 schema (errata applied) as an OpenAPI 3.1 component."""
    return json.loads(_components_json())  # a copy: drf-spectacular's hooks edit in place


# RFC 7807 problem details as the binding writes them (`problems.Problem.body`)
PROBLEM = {
    "type": "object", "description": "RFC 7807 problem details; `errors` names each faulty "
    "element by a JSON pointer (RFC 6901).",
    "properties": {
        "type": {"type": "string", "description": "`epcisException:<name>` of the EPCIS 2.0 "
                 "REST binding, or `about:blank` when the HTTP status says all"},
        "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "properties": {"pointer": {"type": "string"},
                                             "detail": {"type": "string"}},
            "required": ["pointer", "detail"]}},
        "captureID": {"type": "string", "format": "uuid",
                      "description": "the capture job that records the refusal"}},
    "required": ["type", "title", "status", "detail"]}
CAPTURE_ACCEPTED = {
    "type": "object", "properties": {"captureID": {"type": "string", "format": "uuid"}},
    "required": ["captureID"]}
CAPTURE_JOB = {
    "type": "object", "description": "A capture job (EPCIS 2.0 REST binding, `GET /capture/{id}`)",
    "properties": {
        "captureID": {"type": "string", "format": "uuid"}, "running": {"type": "boolean"},
        "success": {"type": "boolean"},
        "captureErrorBehaviour": {"type": "string", "enum": ["rollback"]},
        "errors": {"type": "array", "items": {"type": "string"}},
        "eventsCaptured": {"type": "integer", "minimum": 0},
        "duplicatesSkipped": {"type": "integer", "minimum": 0},
        "externalEvents": {"type": "integer", "minimum": 0}},
    "required": ["captureID", "running", "success", "captureErrorBehaviour", "errors"]}
OWN = {"EPCIS.Problem": PROBLEM, "EPCIS.CaptureAccepted": CAPTURE_ACCEPTED,
       "EPCIS.CaptureJob": CAPTURE_JOB}
LINKS = {"truy_xuat_epcis_capture_create": {"202": {
    "job": ("truy_xuat_epcis_capture_retrieve", "job_id", "$response.body#/captureID")}}}
VERSION_HEADERS = {
    "GS1-EPCIS-Version": {"description": "EPCIS version of the answer",
                          "schema": {"type": "string"}, "required": True},
    "GS1-CBV-Version": {"description": "CBV version of the answer",
                        "schema": {"type": "string"}, "required": True}}


def own(component: str) -> dict:
    return {"$ref": COMPONENTS + PREFIX + component}


def document_binding(result, generator, request, public):
    """drf-spectacular postprocessing hook (after `core.openapi.document_errors`): the EPCIS
    components the binding's operations name; every answer of the binding with its version
    headers, every refusal as a problem document, and the capture's `Location`."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(components())
    schemas.update(json.loads(json.dumps(OWN)))
    for path, operations in result.get("paths", {}).items():
        if not path.startswith(PATH):
            continue
        for operation in operations.values():
            if "requestBody" in operation:  # the capture reads a document: none is no capture
                operation["requestBody"]["required"] = True
            for status, response in operation.get("responses", {}).items():
                headers = response.setdefault("headers", {})
                headers.update(json.loads(json.dumps(VERSION_HEADERS)))
                if status == "202":
                    headers["Location"] = {"description": "the capture job",
                                           "schema": {"type": "string"}, "required": True}
                if status.startswith("4"):
                    response["content"] = {
                        "application/problem+json": {"schema": own("Problem")}}
    declare_links(result, by_operation_id(result), LINKS)
    return result


# the query parameters of `GET /events` as `query` reads them: what is declared here is what it
# accepts (a value outside is a QueryParameterException)
DATE_TIME = {"type": "string", "format": "date-time"}
QUERY = {
    "GE_eventTime": DATE_TIME, "LT_eventTime": DATE_TIME, "GE_recordTime": DATE_TIME,
    "LT_recordTime": DATE_TIME,
    "perPage": {"type": "integer", "minimum": 1, "maximum": 500},
    "orderBy": {"type": "string", "enum": ["eventTime", "recordTime"]},
    "orderDirection": {"type": "string", "enum": ["ASC", "DESC"]},
    "nextPageToken": {"type": "string", "pattern": "^[0-9]{1,9}$",
                      "description": "from the `Link: …; rel=\"next\"` header of a page"},
}
GTIN_PARAMETER = {
    "type": {"type": "string", "format": "gtin", "pattern": "^([0-9]{8}|[0-9]{12,14})$"},
    "description": "a GTIN-8, -12, -13 or -14 with its check digit (format `gtin`)"}


def query_parameter(name: str) -> dict:
    """`OpenApiParameter` arguments for a query parameter of `GET /events`."""
    if name in QUERY:
        return {"type": QUERY[name], "description": QUERY[name].get("description", "")}
    return {"type": {"type": "string"}, "description": "values separated by `|`"}
