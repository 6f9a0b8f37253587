"""Reads of traceability through the scope layer, and the counterfeit signals of the scan log."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_WIDE_ROLES, province_scope_path

from .models import Product


def products_for(user) -> QuerySet[Product]:
    products = Product.objects.select_related("producer", "place")
    if user.is_superuser or user.role == Role.MINISTRY:
        return products
    if user.unit_id is None:
        return products.none()
    if user.role in PROVINCE_WIDE_ROLES:
        return products.filter(place__path__startswith=province_scope_path(user))
    if user.role == Role.BENEFICIARY:
        return products.filter(producer__unit=user.unit)
    return products.none()


def product_get(user, pk: int) -> Product:
    return get_object_or_404(products_for(user), pk=pk)


def signals(products, limit: int = 50_000):
    """The scored counterfeit and compliance signals of the products' scan log."""
    from .signals import signals as scored

    return scored(products, limit)


def _ids(items, key: str) -> list[str]:
    found = []
    for item in items or []:
        value = item.get(key) if isinstance(item, dict) else item
        if isinstance(value, str) and value:
            found.append(value)
    return found


def lot_journey(batch, since=None) -> dict:
    """One step back and one step forward of a lot, from its EPCIS events (TCVN 12850: where it
    came from, where its units went), and which serials were scanned where from `since` on."""
    from .models import Scan

    back, forward, stages = [], [], []
    for event in batch.events.order_by("event_time"):
        body = event.document or {}
        when = event.event_time
        stages.append({"step": event.get_biz_step_display() or event.type, "time": when,
                       "place": event.biz_location or event.read_point})
        for source in _ids(body.get("sourceList"), "source"):
            back.append({"what": source, "time": when, "how": event.get_biz_step_display()})
        for item in _ids(body.get("inputEPCList"), "epc") + _ids(body.get("inputQuantityList"),
                                                                   "epcClass"):
            back.append({"what": item, "time": when, "how": event.type})
        for destination in _ids(body.get("destinationList"), "destination"):
            forward.append({"what": destination, "time": when,
                            "how": event.get_biz_step_display()})
        if body.get("parentID") and event.type == "AggregationEvent":
            forward.append({"what": body["parentID"], "time": when, "how": event.type})
        if event.biz_step in ("shipping", "receiving", "retail_selling") and event.biz_location:
            forward.append({"what": event.biz_location, "time": when,
                            "how": event.get_biz_step_display()})
    scans = Scan.objects.filter(gtin=batch.product.gtin, lot=batch.lot, by_owner=False)
    if since is not None:
        scans = scans.filter(scanned_at__gte=since)
    seen = {}
    for scan in scans.order_by("scanned_at")[:5000]:
        row = seen.setdefault(scan.serial, {"serial": scan.serial, "scans": 0, "places": [],
                                            "last": None})
        row["scans"] += 1
        row["last"] = scan.scanned_at
        if scan.latitude is not None:
            place = f"{scan.latitude}, {scan.longitude}"
            if place not in row["places"]:
                row["places"].append(place)
    return {"stages": stages, "back": back, "forward": forward,
            "scanned": sorted(seen.values(), key=lambda r: r["last"], reverse=True)}
