"""Reads of traceability through the scope layer, and the counterfeit signals of the scan log."""

from django.db.models import Count, Max, Q, QuerySet

from nscl.core.search import search
from nscl.jobs.models import Job
from nscl.organisation.scope import get_in_scope, restrict

from .models import Product, Recall, Scan, StampRoll


def products_for(user, action: str = "view") -> QuerySet[Product]:
    return restrict(Product.objects.select_related("producer", "place"), user, action)


def product_get(user, pk: int, action: str = "view") -> Product:
    return get_in_scope(Product.objects.select_related("producer", "place"), user, pk, action)


def roll_get(user, pk: int, action: str = "view") -> StampRoll:
    """A stamp roll; its serials and label files are for those who may change it (the
    producer and the office), never for read-only roles."""
    return get_in_scope(StampRoll.objects.select_related("product"), user, pk, action)


def recall_get(user, pk: int, action: str = "view") -> Recall:
    """A recall, within the scope of the lot's product."""
    return get_in_scope(Recall.objects.select_related("batch__product__place", "ordered_by"),
                        user, pk, action)


def scans_for(user, products: QuerySet[Product] | None = None) -> QuerySet[Scan]:
    """The scan log of the products in the user's scope (scans carry the GTIN they asked for,
    also for serials that do not exist)."""
    products = products if products is not None else products_for(user)
    return Scan.objects.filter(gtin__in=products.values("gtin"))


def scan_list(user, products: QuerySet[Product], *, result: str = "", year: int | None = None,
              query: str = "") -> QuerySet[Scan]:
    """The scan log of `products` (in the user's scope), filtered: the result, the year, and
    every word found in the serial, GTIN or lot, or in the product's name (without
    diacritics)."""
    scans = scans_for(user, products)
    if result:
        scans = scans.filter(result=result)
    if year is not None:
        scans = scans.filter(scanned_at__year=year)
    for word in query.split():
        named = search(products, word).values("gtin")
        scans = scans.filter(Q(serial__icontains=word) | Q(gtin__icontains=word)
                             | Q(lot__icontains=word) | Q(gtin__in=named))
    return scans


def signals(products, limit: int | None = None):
    """The scored counterfeit and compliance signals of the products' scan log (its newest
    `signals.SIGNAL_WINDOW` scans unless `limit`)."""
    from .signals import SIGNAL_WINDOW
    from .signals import signals as scored

    return scored(products, limit or SIGNAL_WINDOW)


def _ids(items, key: str) -> list[str]:
    found = []
    for item in items or []:
        value = item.get(key) if isinstance(item, dict) else item
        if isinstance(value, str) and value:
            found.append(value)
    return found


def lot_journey(batch) -> dict:
    """One step back and one step forward of a lot, from its EPCIS events (TCVN 12850: where it
    came from, where its units went); its scans are `lot_scans`."""
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
    return {"stages": stages, "back": back, "forward": forward}


def lot_scans(batch, since=None) -> QuerySet:
    """The lot's serials scanned by others than its producer from `since` on, one row each
    ({"serial", "scans", "last"}), the latest scanned first — counted in the database, every
    serial (a page of them gets its places from `scan_places`)."""
    scans = Scan.objects.filter(gtin=batch.product.gtin, lot=batch.lot, by_owner=False)
    if since is not None:
        scans = scans.filter(scanned_at__gte=since)
    return (scans.order_by().values("serial").annotate(scans=Count("id"), last=Max("scanned_at"))
            .order_by("-last", "serial"))


def scan_places(batch, serials, since=None) -> dict[str, list[str]]:
    """Where each of `serials` of the lot was scanned (coarse places, first seen first)."""
    scans = Scan.objects.filter(gtin=batch.product.gtin, lot=batch.lot, by_owner=False,
                                serial__in=serials, latitude__isnull=False)
    if since is not None:
        scans = scans.filter(scanned_at__gte=since)
    places: dict[str, list[str]] = {}
    for serial, lat, lon in scans.order_by("scanned_at", "pk").values_list(
            "serial", "latitude", "longitude"):
        place = f"{lat}, {lon}"
        if place not in places.setdefault(serial, []):
            places[serial].append(place)
    return places


def roll_list(rolls: QuerySet[StampRoll], *, status: str = "", query: str = ""
              ) -> QuerySet[StampRoll]:
    """A product's rolls filtered: the state, and words found in the lot or the roll's number
    (lots and numbers are written without diacritics)."""
    if status:
        rolls = rolls.filter(status=status)
    for word in query.split():
        number = Q(pk=int(word.lstrip("#"))) if word.lstrip("#").isdigit() else Q(pk__in=[])
        rolls = rolls.filter(Q(batch__lot__icontains=word) | number)
    return rolls


def rolls_with_fill_jobs(rolls) -> list[StampRoll]:
    """The rolls, each with `fill_job`: its latest fill job (None for rolls from before jobs)."""
    rolls = list(rolls)
    latest = {}
    for job in Job.objects.filter(key__in=[f"roll_fill:{r.pk}" for r in rolls]).order_by(
            "created_at"):
        latest[job.key] = job
    for roll in rolls:
        roll.fill_job = latest.get(f"roll_fill:{roll.pk}")
    return rolls
