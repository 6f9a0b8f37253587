"""Identifiers an EPCIS event names, in every form senders use: GS1 Digital Link URIs (on any
host), EPC URNs (`urn:epc:id:sgtin:…`, `urn:epc:class:lgtin:…`, `urn:epc:idpat:sgtin:…`) and
the other GS1 keys' URNs (SSCC, SGLN, PGLN, GRAI, GIAI, GSRN).

Two uses: which of NSCL's products (GTIN, lot, serial) an EPC is, so an event is tied to a lot
NSCL manages or kept as the sender's data; and the canonical form of an identifier (a Digital
Link on id.gs1.org, as CBV 2.0's event hash asks), so two forms of one EPC match in a query and
hash alike.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from stdnum import ean

CANONICAL_HOST = "https://id.gs1.org"
# a Digital Link path: primary key, value, then key qualifiers (any host, any path prefix)
DL = re.compile(r"^https?://[^/?#]+(?:/[^?#]*?)??/(01|00|414|417|8003|8004|8018|253|255|401|402"
                r"|8006|8010|8013|8017)/([^/?#]+)((?:/[0-9]{2,4}/[^/?#]+)*)/?(?:\?[^#]*)?$")
URN = re.compile(r"^urn:epc:(id|class|idpat):([a-z]+):([^:]+)$")


@dataclass(frozen=True)
class ProductKey:
    gtin: str
    lot: str = ""
    serial: str = ""


def _check(body: str) -> str:
    return body + ean.calc_check_digit(body)


def _urn_to_path(scheme: str, kind: str, value: str) -> str | None:
    """The Digital Link path of an EPC URN, or None for a form NSCL does not convert."""
    parts = value.split(".")
    try:
        if kind in ("id", "idpat") and scheme == "sgtin" and len(parts) == 3:
            company, item, serial = parts
            gtin = _check(item[:1] + company + item[1:])
            return f"/01/{gtin}" + ("" if serial == "*" else f"/21/{unquote(serial)}")
        if kind == "class" and scheme == "lgtin" and len(parts) == 3:
            company, item, lot = parts
            return f"/01/{_check(item[:1] + company + item[1:])}/10/{unquote(lot)}"
        if scheme == "sscc" and len(parts) == 2:
            company, serial = parts
            return f"/00/{_check(serial[:1] + company + serial[1:])}"
        if scheme == "sgln" and len(parts) == 3:
            company, location, extension = parts
            path = f"/414/{_check(company + location)}"
            return path + (f"/254/{unquote(extension)}" if extension not in ("0", "") else "")
        if scheme == "pgln" and len(parts) == 2:
            return f"/417/{_check(parts[0] + parts[1])}"
        if scheme == "grai" and len(parts) == 3:
            company, asset, serial = parts
            return f"/8003/0{_check(company + asset)}{unquote(serial)}"
        if scheme == "giai" and len(parts) == 2:
            return f"/8004/{parts[0]}{unquote(parts[1])}"
        if scheme == "gsrn" and len(parts) == 2:
            return f"/8018/{_check(parts[0] + parts[1])}"
    except (ValueError, IndexError):
        return None
    return None


def canonical(identifier: str) -> str:
    """One spelling of an identifier: a Digital Link on id.gs1.org without query string when
    it is a GS1 key, the identifier itself otherwise."""
    text = identifier.strip()
    match = URN.match(text)
    if match:
        path = _urn_to_path(match.group(2), match.group(1), match.group(3))
        return CANONICAL_HOST + path if path else text
    match = DL.match(text)
    if match:
        key, value, qualifiers = match.groups()
        if key == "01" and value.isdigit() and len(value) in (8, 12, 13):
            value = value.zfill(14)
        return f"{CANONICAL_HOST}/{key}/{value}{qualifiers}"
    return text


def product_key(identifier: str) -> ProductKey | None:
    """The GTIN (14 digits), lot and serial an identifier names, if it names a trade item."""
    link = canonical(identifier)
    if not link.startswith(CANONICAL_HOST + "/01/"):
        return None
    segments = link[len(CANONICAL_HOST) + 1:].split("/")
    values = dict(zip(segments[::2], segments[1::2], strict=False))
    gtin = values.get("01", "")
    if not (gtin.isdigit() and len(gtin) == 14):
        return None
    return ProductKey(gtin, unquote(values.get("10", "")), unquote(values.get("21", "")))


# where in an event an identifier is named: the part a query parameter matches it in
PARTS = {
    "epcList": "epc", "childEPCs": "child", "parentID": "parent", "inputEPCList": "input",
    "outputEPCList": "output", "quantityList": "quantity", "childQuantityList": "child_qty",
    "inputQuantityList": "input_qty", "outputQuantityList": "output_qty",
}


def named(event: dict) -> list[tuple[str, str]]:
    """(part, identifier as sent) for every identifier an event names."""
    found = []
    for field, part in PARTS.items():
        value = event.get(field)
        if isinstance(value, str):
            found.append((part, value))
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    found.append((part, item))
                elif isinstance(item, dict) and isinstance(item.get("epcClass"), str):
                    found.append((part, item["epcClass"]))
    return found
