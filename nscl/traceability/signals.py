"""Counterfeit and compliance signals of the scan log, scored so the review page lists the
stamps worth a visit first.

A stamp's (or a made-up serial's) signals, each with a weight — the chance, roughly, that the
stamp is a copy or is being sold when it must not be:
- unknown serial (a serial NSCL never issued under that GTIN): 0,9;
- a voided stamp scanned (its roll was lost or stolen): 0,9;
- a stamp of a roll not yet activated scanned: 0,6;
- too many clients: more than `MANY_CLIENTS` distinct phones scanned it (a genuine item is
  scanned by its buyer, perhaps a few relatives; repeats by one phone and the producer's own
  checks are not counted): 0,5, growing with each further client up to 0,9;
- impossible travel: two clients scanned it farther apart than `MAX_SPEED_KMH` allows in the
  time between (beyond the 0,1° a place is rounded to): 0,8;
- scanned after its lot was recalled: 0,7; after its lot's expiry date: 0,5.
The score is 1 − ∏(1 − weight) (any strong signal is enough, several weak ones add up); a stamp
scoring at least `THRESHOLD` is flagged. `nscl/traceability/tests/test_signals.py` measures
precision and recall on a generated scan log with planted counterfeits.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .choices import ScanResult
from .models import Batch, Recall, Scan

MANY_CLIENTS = 5
MAX_SPEED_KMH = 900  # an airliner
ROUNDING_KM = 25  # two rounded places this close may be one place
THRESHOLD = 0.5
LABELS = {
    "unknown": _("Sê-ri không tồn tại"), "void": _("Tem đã hủy vẫn được quét"),
    "inactive": _("Tem chưa kích hoạt đã được quét"),
    "too_many": _("Quá nhiều thiết bị quét một tem"),
    "far_apart": _("Quét ở hai nơi cách xa trong thời gian ngắn"),
    "after_recall": _("Quét sau khi lô bị thu hồi"),
    "after_expiry": _("Quét sau khi lô hết hạn sử dụng"),
}
WEIGHTS = {"unknown": 0.9, "void": 0.9, "inactive": 0.6, "far_apart": 0.8,
           "after_recall": 0.7, "after_expiry": 0.5}


@dataclass
class Signal:
    """One stamp (or made-up serial) and what its scans say."""

    gtin: str
    serial: str
    kinds: dict = field(default_factory=dict)  # kind → (weight, detail)
    scans: int = 0

    @property
    def score(self) -> float:
        return 1 - math.prod(1 - weight for weight, _detail in self.kinds.values())

    @property
    def flagged(self) -> bool:
        return self.score >= THRESHOLD

    @property
    def labels(self) -> list[str]:
        return [str(LABELS[k]) for k in self.kinds]

    @property
    def details(self) -> str:
        return "; ".join(detail for _w, detail in self.kinds.values() if detail)

    @property
    def kind(self) -> str:  # the strongest, for the page's badge
        return max(self.kinds, key=lambda k: self.kinds[k][0])


def km(a, b) -> float:
    """Great-circle distance between two (lat, lon) pairs."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def _too_many(clients: int) -> float:
    return min(0.9, 0.5 + 0.1 * (clients - MANY_CLIENTS - 1))


def _travel(scans: list) -> tuple[float, str] | None:
    located = [s for s in scans if s.latitude is not None and s.longitude is not None]
    for a, b in zip(located, located[1:], strict=False):
        if a.client == b.client:
            continue
        distance = km((float(a.latitude), float(a.longitude)),
                      (float(b.latitude), float(b.longitude)))
        hours = max((b.scanned_at - a.scanned_at).total_seconds() / 3600, 1 / 60)
        if distance > ROUNDING_KM and distance / hours > MAX_SPEED_KMH:
            return WEIGHTS["far_apart"], (_("~%(d)s km / %(m)s phút")
                                          % {"d": int(distance), "m": int(hours * 60)})
    return None


def evaluate(scans) -> list[Signal]:
    """Every stamp's signals from its scans (ordered by time), highest score first."""
    by_serial = defaultdict(list)
    for scan in scans:
        if not scan.by_owner:
            by_serial[(scan.gtin, scan.lot, scan.serial)].append(scan)
    lots = {(b.product.gtin, b.lot): b for b in Batch.objects.select_related("product").filter(
        product__gtin__in={g for g, _l, _s in by_serial})}
    recalled = {r.batch_id: r for r in Recall.objects.exclude(state="lifted")
                .filter(batch__in=lots.values())}
    found = []
    for (gtin, lot, serial), rows in by_serial.items():
        signal = Signal(gtin, serial, scans=len(rows))
        results = {r.result for r in rows}
        for kind in ("unknown", "void", "inactive"):
            if kind in results:
                signal.kinds[kind] = (WEIGHTS[kind], "")
        counted = [r for r in rows if r.counted and r.result in (ScanResult.GENUINE_FIRST,
                                                                   ScanResult.GENUINE_REPEAT)]
        clients = len({r.client for r in counted})
        if clients > MANY_CLIENTS:
            signal.kinds["too_many"] = (_too_many(clients), _("%(n)s thiết bị") % {"n": clients})
        travel = _travel(counted)
        if travel:
            signal.kinds["far_apart"] = travel
        batch = lots.get((gtin, lot))
        recall = recalled.get(batch.pk) if batch else None
        if recall and any(r.scanned_at >= recall.created_at for r in counted):
            signal.kinds["after_recall"] = (WEIGHTS["after_recall"],
                                            _("thu hồi từ %(d)s")
                                            % {"d": f"{recall.recalled_on:%d/%m/%Y}"})
        if batch and batch.expires_on and any(
                r.scanned_at.date() > batch.expires_on for r in counted):
            signal.kinds["after_expiry"] = (WEIGHTS["after_expiry"],
                                            _("hết hạn %(d)s")
                                            % {"d": f"{batch.expires_on:%d/%m/%Y}"})
        if signal.kinds:
            found.append(signal)
    return sorted(found, key=lambda s: -s.score)


SIGNAL_WINDOW = 50_000  # the newest scans the signals are scored on (the page says so)


def signals(products, limit: int = SIGNAL_WINDOW) -> list[Signal]:
    """The signals of the scan log of `products` (the latest `limit` scans)."""
    gtins = list(products.values_list("gtin", flat=True))
    recent = list(Scan.objects.filter(gtin__in=gtins).order_by("-scanned_at")
                  .only("gtin", "lot", "serial", "client", "scanned_at", "latitude",
                        "longitude", "result", "counted", "by_owner")[:limit])
    return evaluate(sorted(recent, key=lambda s: (s.scanned_at, s.pk)))
