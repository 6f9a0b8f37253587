"""An EPCIS 2.0 document checked against the standard's JSON schema and the CBV, before
anything in it is read.

The schema is GS1's (bundled in `data/epcis-2.0/` with its licence) with three errata applied
when it is loaded, each where the standard says more than this copy of the schema:
- `persistentDisposition` may appear on every event type (EPCIS 2.0 §7.3.5); the schema lists it
  on some types only;
- a sensor report names its `type` or, for an alarm or error, its `exception` (EPCIS 2.0
  §7.3.8.3: `exception` reports a condition, not a measurement); the schema requires `type`;
- a measurement type is a term of the GS1 Web Vocabulary's `MeasurementType` list, which grows
  between schema releases: a bare term is accepted if it is a well-formed term; a URI outside
  the GS1 vocabulary as before.
CBV values written as GS1 Web URIs or CURIEs (`https://ref.gs1.org/cbv/BizStep-…`, `cbv:…`)
must name a CBV term: a sender's own business step is an URI of its own namespace.
"""

import copy
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
from django.utils.translation import gettext as _

from .problems import Issue, pointer

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "epcis-2.0" / "EPCIS-JSON-Schema.json"
EVENT_TYPES = ("ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent",
               "AssociationEvent")
MAX_ISSUES = 50
TERM = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# CBV vocabularies written as GS1 Web URIs: the vocabulary's prefix → the schema definition
# whose enumeration lists its terms
CBV_URI = re.compile(r"^(?:https?://ref\.gs1\.org/cbv/|cbv:)(BizStep|Disp|ER|BTT|SDT)-(.*)$")
CBV_DEFINITIONS = {"BizStep": "bizStep", "Disp": "disposition", "ER": "error-reason",
                   "BTT": "bizTransaction-type", "SDT": "source-dest-type"}


def _property_enum(definition: dict) -> list | None:
    for part in definition.get("allOf", []):
        for option in part.get("propertyNames", {}).get("anyOf", []):
            if "enum" in option:
                return option["enum"]
    return None


def errata(schema: dict) -> dict:
    schema = copy.deepcopy(schema)
    definitions = schema["definitions"]
    for name in EVENT_TYPES:
        names = _property_enum(definitions[name])
        if names is not None and "persistentDisposition" not in names:
            names.append("persistentDisposition")
            for part in definitions[name]["allOf"]:
                if "properties" in part:
                    part["properties"]["persistentDisposition"] = {
                        "$ref": "#/definitions/persistentDisposition"}
    report = definitions["sensorReport"]
    report.pop("required", None)
    report["anyOf"] = [{"required": ["type"]}, {"required": ["exception"]}]
    measurement = definitions["measurementType"]
    measurement["anyOf"] = [option if "enum" not in option else
                            {"type": "string", "pattern": TERM.pattern}
                            for option in measurement["anyOf"]]
    return schema


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft7Validator:
    schema = errata(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return jsonschema.Draft7Validator(schema,
                                      format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def cbv_terms() -> dict[str, set[str]]:
    definitions = json.loads(SCHEMA.read_text(encoding="utf-8"))["definitions"]
    terms = {}
    for vocabulary, name in CBV_DEFINITIONS.items():
        terms[vocabulary] = {t for option in definitions[name]["anyOf"]
                             for t in option.get("enum", [])}
    return terms


def _message(error: jsonschema.ValidationError) -> str:
    """What is wrong, in Vietnamese, for the most useful of a schema error's causes."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        deepest = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "enum"))
        if len(deepest.absolute_path) > len(error.absolute_path):
            return _message(deepest)
        wanted = sorted({m for e in error.context if e.validator == "required"
                         for m in re.findall(r"'([^']+)' is a required", e.message)})
        if isinstance(error.instance, dict) and wanted:
            return _("cần ít nhất một trong các trường: %(f)s.") % {"f": ", ".join(wanted)}
        value = json.dumps(error.instance, ensure_ascii=False)[:80]
        return _("giá trị %(v)s không đúng dạng nào được phép (một thuật ngữ CBV, hoặc một URI "
                 "đầy đủ của không gian tên riêng).") % {"v": value}
    value = json.dumps(error.instance, ensure_ascii=False)[:80]
    kinds = {"string": _("chuỗi"), "array": _("danh sách"), "object": _("đối tượng"),
             "number": _("số"), "boolean": _("đúng/sai"), "integer": _("số nguyên")}
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return _("thiếu trường bắt buộc “%(f)s”.") % {"f": missing}
    if error.validator == "type":
        wanted = error.validator_value
        wanted = " / ".join(kinds.get(w, w) for w in (wanted if isinstance(wanted, list)
                                                       else [wanted]))
        return _("phải là %(k)s, không phải %(v)s.") % {"k": wanted, "v": value}
    if error.validator == "enum":
        return _("giá trị %(v)s không thuộc danh mục: %(e)s.") % {
            "v": value, "e": ", ".join(map(str, error.validator_value[:12]))}
    if error.validator == "format":
        return _("%(v)s không phải là %(f)s hợp lệ.") % {
            "v": value, "f": {"date-time": _("thời điểm ISO 8601 có múi giờ"),
                              "uri": _("URI đầy đủ")}.get(error.validator_value,
                                                          error.validator_value)}
    if error.validator == "additionalProperties":
        names = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        return _("có trường không được phép: %(m)s.") % {"m": ", ".join(names)}
    if error.validator == "propertyNames":
        return _("tên trường %(v)s không được phép: trường mở rộng phải có không gian tên "
                 "(tiền tố khai báo trong @context, hoặc URI).") % {"v": value}
    if error.validator in ("minItems", "uniqueItems", "pattern", "const"):
        return _("giá trị %(v)s không hợp lệ (%(r)s).") % {"v": value, "r": error.validator}
    return _("giá trị %(v)s không hợp lệ (%(r)s).") % {"v": value, "r": error.validator}


def _cbv_issues(node, path: tuple) -> list[Issue]:
    """CBV terms written as GS1 Web URIs or CURIEs must exist in the CBV."""
    issues = []
    stack = [(node, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            stack.extend((v, (*where, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(item))
        elif isinstance(item, str):
            match = CBV_URI.match(item)
            if match and match.group(2) not in cbv_terms()[match.group(1)]:
                issues.append(Issue(pointer(*where), _(
                    "“%(v)s” không phải là thuật ngữ CBV 2.0 (%(k)s).") % {
                    "v": item, "k": match.group(1)}))
    return issues


def check(document) -> list[Issue]:
    """Every way `document` departs from the EPCIS 2.0 schema and the CBV (at most 50)."""
    issues = []
    for error in validator().iter_errors(document):
        issues.append(Issue(pointer(*error.absolute_path), _message(error)))
        if len(issues) >= MAX_ISSUES:
            return issues
    body = document.get("epcisBody") if isinstance(document, dict) else None
    if isinstance(body, dict):
        issues += _cbv_issues(body, ("epcisBody",))
    return issues[:MAX_ISSUES]
