"""Reads of traceability through the scope layer, and the counterfeit signals of the scan log."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, QuerySet

from nscl.jobs.models import Job
from nscl.organisation.scope import get_in_scope, restrict

from .choices import ScanResult
from .models import Product, Scan, StampRoll

TOO_MANY = 5  # scans of one stamp
FAR_KM, SHORT = 100, timedelta(hours=24)


def products_for(user, action: str = "view") -> QuerySet[Product]:
    return restrict(Product.objects.select_related("producer", "place"), user, action)


def product_get(user, pk: int, action: str = "view") -> Product:
    return get_in_scope(Product.objects.select_related("producer", "place"), user, pk, action)


def roll_get(user, pk: int, action: str = "view") -> StampRoll:
    """A stamp roll; its serials and label files are for those who may change it (the
    producer and the office), never for read-only roles."""
    return get_in_scope(StampRoll.objects.select_related("product"), user, pk, action)


def scans_for(user, products: QuerySet[Product] | None = None) -> QuerySet[Scan]:
    """The scan log of the products in the user's scope (scans carry the GTIN they asked for,
    also for serials that do not exist)."""
    products = products if products is not None else products_for(user)
    return Scan.objects.filter(gtin__in=products.values("gtin"))


@dataclass
class Signal:
    kind: str
    label: str
    serial: str
    count: int
    detail: str


def _km(a: Scan, b: Scan) -> Decimal:
    # coarse places (0,1°): 1° of latitude ≈ 111 km; good enough to flag "far apart"
    return (abs(a.latitude - b.latitude) + abs(a.longitude - b.longitude)) * 111


def signals(products: QuerySet[Product], limit: int = 200) -> list[Signal]:
    """Unknown serials, voided stamps, too many scans of one stamp, far-apart scans."""
    gtins = list(products.values_list("gtin", flat=True))
    scans = Scan.objects.filter(gtin__in=gtins)
    found = []
    for row in (scans.filter(result__in=[ScanResult.UNKNOWN, ScanResult.VOID])
                .values("serial", "result").annotate(n=Count("id")).order_by("-n")[:limit]):
        label = ("Sê-ri không tồn tại" if row["result"] == ScanResult.UNKNOWN
                 else "Tem đã hủy vẫn được quét")
        found.append(Signal(row["result"], label, row["serial"], row["n"], ""))
    for row in (scans.exclude(stamp=None).values("serial").annotate(n=Count("id"))
                .filter(n__gt=TOO_MANY).order_by("-n")[:limit]):
        found.append(Signal("too_many", "Quét quá nhiều lần", row["serial"], row["n"],
                            f"> {TOO_MANY} lần"))
    located = list(scans.exclude(stamp=None).exclude(latitude=None)
                   .order_by("stamp_id", "scanned_at")[:5000])
    for a, b in zip(located, located[1:], strict=False):
        if a.stamp_id == b.stamp_id and b.scanned_at - a.scanned_at <= SHORT \
                and _km(a, b) > FAR_KM:
            found.append(Signal("far_apart", "Quét ở hai nơi cách xa trong thời gian ngắn",
                                a.serial, 2, f"~{int(_km(a, b))} km trong "
                                f"{int((b.scanned_at - a.scanned_at).total_seconds() // 60)} phút"))
    return found


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
