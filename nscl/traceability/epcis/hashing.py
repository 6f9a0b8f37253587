"""The CBV 2.0 event hash (CBV 2.0 §8.9): one identifier for an event whatever its syntax, so
the same event sent twice — by a retry, by two partners, in XML once and JSON-LD once — is
stored once.

The pre-hash string is `eventType=…` then the event's fields in the order CBV fixes, each
`name=value` with values canonicalised (times in UTC to the millisecond; CBV terms as GS1 Web
URIs; EPCs as Digital Links on id.gs1.org; numbers without trailing zeros), lists sorted, then
the user extensions sorted, their names expanded to full URIs. eventID, recordTime,
errorDeclaration and certificationInfo are left out: an error declaration restates an event and
must hash like it. The hash is `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920).
"""

import hashlib
from decimal import Decimal, InvalidOperation

from .epcs import canonical
from .times import moment

CBV = "https://ref.gs1.org/cbv/"
VOCABULARY = {"bizStep": "BizStep", "disposition": "Disp", "set": "Disp", "unset": "Disp",
              "errorReason": "ER"}
TYPED = {"bizTransactionList": ("bizTransaction", "BTT"), "sourceList": ("source", "SDT"),
         "destinationList": ("destination", "SDT")}
QUANTITY = ("epcClass", "quantity", "uom")
SENSOR_METADATA = ("time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData",
                   "dataProcessingMethod", "bizRules")
SENSOR_REPORT = ("type", "exception", "deviceID", "deviceMetadata", "rawData",
                 "dataProcessingMethod", "time", "microorganism", "chemicalSubstance", "value",
                 "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue",
                 "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue", "uom",
                 "coordinateReferenceSystem")
ORDER = ("eventTime", "eventTimeZoneOffset", "epcList", "parentID", "inputEPCList", "childEPCs",
         "quantityList", "childQuantityList", "inputQuantityList", "outputEPCList",
         "outputQuantityList", "action", "transformationID", "bizStep", "disposition",
         "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
         "destinationList", "sensorElementList")
LEFT_OUT = {"eventID", "recordTime", "errorDeclaration", "certificationInfo", "@context", "type"}


def _time(value: str) -> str:
    when = moment(value)
    if when is None:
        return value
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(name: str, value, vocabulary: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    text = str(value).strip()
    if "time" in name.lower() and "offset" not in name.lower():
        return _time(text)
    if vocabulary and text and ":" not in text:
        return f"{CBV}{vocabulary}-{text}"
    if text.startswith("urn:epcglobal:cbv:"):
        kind, _, term = text[len("urn:epcglobal:cbv:"):].partition(":")
        names = {"bizstep": "BizStep", "disp": "Disp", "btt": "BTT", "sdt": "SDT", "er": "ER"}
        return f"{CBV}{names[kind]}-{term}" if kind in names else text
    return canonical(text)


def _expand(name: str, prefixes: dict) -> str:
    prefix, colon, local = name.partition(":")
    if colon and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    return name


def _generic(name: str, value, prefixes: dict) -> str:
    """A user extension (any shape), names expanded, children sorted."""
    key = _expand(name, prefixes)
    if isinstance(value, dict):
        return key + "".join(sorted(_generic(k, v, prefixes) for k, v in value.items()
                                    if k not in ("@xmlns", "#text")))
    if isinstance(value, list):
        return "".join(sorted(_generic(name, v, prefixes) for v in value))
    return f"{key}={_value(name, value)}"


def _fields(name: str, value, order: tuple, prefixes: dict) -> str:
    """An object whose known fields go in `order`, then its extensions sorted."""
    if not isinstance(value, dict):
        return ""
    parts = [f"{field}={_value(field, value[field], VOCABULARY.get(field, ''))}"
             for field in order if field in value and not isinstance(value[field], dict | list)]
    known = [f for f in order if isinstance(value.get(f), dict | list)]
    for field in known:
        parts.append(_generic(field, value[field], prefixes))
    extra = sorted(_generic(k, v, prefixes) for k, v in value.items() if k not in order)
    return name + "".join(parts) + "".join(extra)


def _field(name: str, value, prefixes: dict) -> str:
    if name in ("epcList", "inputEPCList", "childEPCs", "outputEPCList"):
        return name + "".join(sorted(f"epc={_value('epc', v)}" for v in value))
    if name.endswith("QuantityList") or name == "quantityList":
        return name + "".join(sorted(_fields("quantityElement", q, QUANTITY, prefixes)
                                     for q in value))
    if name == "persistentDisposition":
        return name + "".join(f"{k}=" + "".join(sorted(_value(k, t, "Disp") for t in value[k]))
                              for k in ("set", "unset") if value.get(k))
    if name in ("readPoint", "bizLocation"):
        return _fields(name, value, ("id",), prefixes)
    if name in TYPED:
        field, vocabulary = TYPED[name]
        return name + "".join(sorted(
            (f"type={_value('type', item['type'], vocabulary)}" if item.get("type") else "")
            + f"{field}={_value(field, item.get(field, ''))}" for item in value))
    if name == "sensorElementList":
        elements = []
        for element in value:
            text = "sensorElement"
            if isinstance(element.get("sensorMetadata"), dict):
                text += _fields("sensorMetadata", element["sensorMetadata"], SENSOR_METADATA,
                                prefixes)
            text += "".join(sorted(_fields("sensorReport", r, SENSOR_REPORT, prefixes)
                                   for r in element.get("sensorReport", [])))
            text += "".join(sorted(_generic(k, v, prefixes) for k, v in element.items()
                                   if k not in ("sensorMetadata", "sensorReport")))
            elements.append(text)
        return name + "".join(sorted(elements))
    return f"{name}={_value(name, value, VOCABULARY.get(name, ''))}"


def pre_hash(event: dict, prefixes: dict | None = None) -> str:
    prefixes = prefixes or {}
    parts = [f"eventType={event.get('type', '')}"]
    for name in ORDER:
        if event.get(name) not in (None, "", [], {}):
            parts.append(_field(name, event[name], prefixes))
    if isinstance(event.get("ilmd"), dict):
        parts.append("ilmd" + "".join(sorted(_generic(k, v, prefixes)
                                             for k, v in event["ilmd"].items())))
    parts += sorted(_generic(k, v, prefixes) for k, v in event.items()
                    if k not in LEFT_OUT and k not in ORDER and k != "ilmd")
    return "".join(parts)


def event_hash(event: dict, prefixes: dict | None = None) -> str:
    digest = hashlib.sha256(pre_hash(event, prefixes).encode("utf-8")).hexdigest()
    return f"ni:///sha-256;{digest}?ver=CBV2.0"


def context_prefixes(context) -> dict:
    """The prefixes a document's @context declares (`{"example": "https://ns.example.com/"}`)."""
    prefixes = {"cbv": CBV, "gs1": "https://gs1.org/voc/"}
    for entry in context if isinstance(context, list) else [context]:
        if isinstance(entry, dict):
            prefixes.update({k: v for k, v in entry.items() if isinstance(v, str)})
    return prefixes
