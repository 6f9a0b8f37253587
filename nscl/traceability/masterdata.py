"""Products and lots as EPCIS 2.0 master data: the registry's exchange with the national portal
and with other provinces.

An export is one EPCISDocument: the products and their lots as elements of the vocabulary
`EPCClass` in `epcisHeader.epcisMasterData` (ids are GS1 Digital Link URIs of the GTIN and of the
GTIN + lot), and the lots' events in `epcisBody`. Attributes are CBV master-data attributes where
CBV has one (`cbvmda:`), NSCL's own (`nscl:`, declared in the document's context) for what
Circular 02 and the Program ask that CBV does not name. An import goes through the capture
endpoint, in the same transaction as the events: one bad element, nothing is stored.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from nscl.enterprises.models import Beneficiary
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit

from . import services
from .choices import TrademarkStatus
from .identifiers import LINK, digital_link
from .models import Batch, Product

EPC_CLASS = "urn:epcglobal:epcis:vtype:EPCClass"
NSCL = "https://nscl.vn/voc/"
CBVMDA = "urn:epcglobal:cbv:mda#"
# attribute id → (model field, kind); product attributes, then lot attributes
PRODUCT = {
    "cbvmda:descriptionShort": ("name", str),
    "cbvmda:manufacturerOfTradeItemPartyName": ("producer_name", str),
    "cbvmda:countryOfOrigin": ("country", str),
    "nscl:producerTaxCode": ("producer_tax_code", str),
    "nscl:placeCode": ("place_code", str),
    "nscl:category": ("category", str),
    "nscl:ocopStars": ("ocop_stars", int),
    "nscl:ocopYear": ("ocop_year", int),
    "nscl:standards": ("standards", str),
    "nscl:certifications": ("certifications", str),
    "nscl:trademarkStatus": ("trademark_status", str),
    "nscl:trademarkNumber": ("trademark_number", str),
    "nscl:trademarkRegisteredOn": ("trademark_registered_on", dt.date),
    "nscl:shelfLife": ("shelf_life", str),
    "nscl:modelCode": ("model_code", str),
}
LOT = {
    "nscl:productionDate": ("produced_on", dt.date),
    "cbvmda:itemExpirationDate": ("expires_on", dt.date),
    "nscl:quantity": ("quantity", int),
}
CONTEXT_EXTRA = {"nscl": NSCL, "cbvmda": CBVMDA}


def _attributes(values: dict, spec: dict) -> list[dict]:
    fields = {field: attribute for attribute, (field, _kind) in spec.items()}
    out = []
    for field, value in values.items():
        if value in (None, "") or field not in fields:
            continue
        out.append({"id": fields[field], "attribute": value.isoformat()
                    if isinstance(value, dt.date) else value})
    return out


def vocabulary(products) -> list[dict]:
    """The EPCClass vocabulary of `products` and their lots."""
    elements = []
    for product in products.select_related("producer", "place").prefetch_related("batches"):
        values = {name: getattr(product, name) for name in services.EDITABLE
                  if name not in ("image", "place", "published")}
        values.update(producer_name=product.producer.name, country="VN",
                      producer_tax_code=product.producer.tax_code, place_code=product.place.code)
        elements.append({"id": digital_link(product.gtin),
                         "attributes": _attributes(values, PRODUCT)})
        for batch in product.batches.all():
            lot = {"produced_on": batch.produced_on, "expires_on": batch.expires_on,
                   "quantity": batch.quantity}
            elements.append({"id": digital_link(product.gtin, lot=batch.lot),
                             "attributes": _attributes(lot, LOT)})
    return [{"type": EPC_CLASS, "vocabularyElementList": elements}]


def _read(element: dict, spec: dict, where: str, errors: list[str]) -> dict:
    values = {}
    for attribute in element.get("attributes") or []:
        name = attribute.get("id") if isinstance(attribute, dict) else None
        if name not in spec:
            continue  # an attribute NSCL does not keep is ignored, as EPCIS allows
        field, kind = spec[name]
        raw = attribute.get("attribute")
        try:
            values[field] = (dt.date.fromisoformat(str(raw)) if kind is dt.date
                             else int(raw) if kind is int else str(raw).strip())
        except (TypeError, ValueError):
            errors.append(_("%(w)s, %(a)s: “%(v)s” không hợp lệ.") % {"w": where, "a": name,
                                                                       "v": raw})
    return values


def import_vocabulary(document: dict, actor) -> tuple[list[str], int]:
    """Create or update the products and lots of the document's EPCClass vocabulary; the errors
    (each naming its element) and the number of elements stored. Runs inside the capture's
    transaction, so the caller rolls everything back on any error."""
    vocabularies = (((document.get("epcisHeader") or {}).get("epcisMasterData") or {})
                    .get("vocabularyList") or [])
    errors, stored = [], 0
    for vocabulary_ in vocabularies:
        if not isinstance(vocabulary_, dict) or vocabulary_.get("type") != EPC_CLASS:
            continue
        for element in vocabulary_.get("vocabularyElementList") or []:
            where = _("Dữ liệu chủ %(id)s") % {"id": element.get("id", "?")}
            match = LINK.search(str(element.get("id", "")))
            if not match or match.group(3):
                errors.append(_("%(w)s: id phải là GS1 Digital Link của GTIN (/01/…) hoặc của "
                                "GTIN và lô (/01/…/10/…).") % {"w": where})
                continue
            try:
                if match.group(2):
                    _store_lot(actor, match.group(1), match.group(2),
                               _read(element, LOT, where, errors))
                else:
                    _store_product(actor, match.group(1), _read(element, PRODUCT, where, errors))
                stored += 1
            except (ValidationError, PermissionDenied) as exc:
                messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                errors += [f"{where}: {m}" for m in messages]
    return errors, stored


def _store_product(actor, gtin: str, values: dict) -> None:
    for unused in ("producer_name", "country"):
        values.pop(unused, None)
    tax_code, place_code = values.pop("producer_tax_code", ""), values.pop("place_code", "")
    if values.get("trademark_status", TrademarkStatus.NONE) not in TrademarkStatus.values:
        raise ValidationError(_("nscl:trademarkStatus phải là none, applied hoặc registered."))
    if place_code:
        values["place"] = Unit.objects.filter(code=place_code, kind=UnitKind.COMMUNE).first()
        if values["place"] is None:
            raise ValidationError(_("không có xã, phường mã %(c)s.") % {"c": place_code})
    existing = Product.objects.filter(gtin=gtin).first()
    if existing is not None:
        services.product_update(actor=actor, product=existing, **values)
        return
    producer = Beneficiary.objects.filter(tax_code=tax_code).first() if tax_code else None
    if producer is None:
        raise ValidationError(_("sản phẩm mới cần nscl:producerTaxCode của một đối tượng đã có "
                                "trong hệ thống."))
    if not values.get("name"):
        raise ValidationError(_("sản phẩm mới cần cbvmda:descriptionShort (tên sản phẩm)."))
    values.setdefault("place", producer.commune)
    services.product_create(actor=actor, producer=producer, gtin=gtin, **values)


def _store_lot(actor, gtin: str, lot: str, values: dict) -> None:
    product = Product.objects.filter(gtin=gtin).first()
    if product is None:
        raise ValidationError(_("không có sản phẩm GTIN %(g)s (khai báo sản phẩm trước lô).")
                              % {"g": gtin})
    if Batch.objects.filter(product=product, lot=lot).exists():
        return  # a lot already known: its events may follow
    if "produced_on" not in values:
        raise ValidationError(_("lô mới cần nscl:productionDate."))
    services.batch_create(actor=actor, product=product, lot=lot, **values)
