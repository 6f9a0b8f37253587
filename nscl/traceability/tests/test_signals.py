"""The counterfeit and compliance signals measured on a generated scan log with planted cases:
the test holds precision and recall above 0,95 and CI prints them with the log's figures in the
run's summary (nscl/tests/tallies.py: a print inside a test is lost under pytest-xdist).

The log is a month of a province's scans: genuine stamps scanned by their buyers (again and
again by the same phone, sometimes by a relative nearby, sometimes carried to another city over
days), shop stamps scanned by a few customers, producers checking their own stamps; and planted
among them copied stamps scanned by phone after phone across the country, serials nobody
issued, voided stamps, copies scanned in two cities within the hour, a recalled lot's stamps
scanned after the recall, an expired lot's stamps scanned after its date."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from nscl.tests.tallies import tally
from nscl.traceability import services
from nscl.traceability.models import Batch, Product, Recall, Scan
from nscl.traceability.serials import new_serials
from nscl.traceability.signals import THRESHOLD, evaluate, signals

CITIES = {"Cần Thơ": (10.03, 105.78), "TP HCM": (10.78, 106.70), "Hà Nội": (21.03, 105.85),
          "Đà Nẵng": (16.05, 108.20), "Hải Phòng": (20.86, 106.68), "Huế": (16.46, 107.59),
          "Nha Trang": (12.24, 109.19), "Sóc Trăng": (9.60, 105.97)}


class Log:
    def __init__(self, rice, seed: int = 1322):
        self.rice, self.rows, self.rng = rice, [], random.Random(seed)
        self.start = timezone.now() - dt.timedelta(days=40)

    def scan(self, stamp_or_serial, lot, client, when, city=None, result="genuine_first",
             counted=True, by_owner=False):
        lat, lon = CITIES[city] if city else (None, None)
        stamp = stamp_or_serial if not isinstance(stamp_or_serial, str) else None
        self.rows.append(Scan(
            stamp=stamp, gtin=self.rice.gtin, lot=lot,
            serial=stamp.serial if stamp else stamp_or_serial, client=client, scanned_at=when,
            latitude=Decimal(f"{lat:.1f}") if lat else None,
            longitude=Decimal(f"{lon:.1f}") if lon else None, result=result, counted=counted,
            by_owner=by_owner))

    def phone(self) -> str:
        return f"{self.rng.getrandbits(64):016x}"

    def when(self, days: float = 30) -> dt.datetime:
        return self.start + dt.timedelta(hours=self.rng.uniform(0, days * 24))


def _roll(rice, batch, count, status, office):
    roll = services.roll_fill(services.roll_create(product=rice, count=count, actor=office,
                                                   batch=batch))
    services.roll_set_status(roll=roll, status=status, actor=office)
    return list(roll.stamps.order_by("id"))


@pytest.fixture
def planted(users):
    office = users["vanphong.cantho"]
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    Scan.objects.all().delete()  # the demo's scans are not part of this log
    main = rice.batches.get(lot="ST25-2025-01")
    recalled_lot = Batch.objects.create(product=rice, lot="ST25-2026-02", quantity=500,
                                        produced_on=dt.date(2026, 6, 1))
    expired_lot = Batch.objects.create(product=rice, lot="ST25-2025-09", quantity=500,
                                       produced_on=dt.date(2025, 9, 1),
                                       expires_on=timezone.localdate() - dt.timedelta(days=15))
    stamps = _roll(rice, main, 420, "active", office)
    void = _roll(rice, main, 10, "void", office)
    recalled = _roll(rice, recalled_lot, 20, "active", office)
    expired = _roll(rice, expired_lot, 20, "active", office)
    log, positives = Log(rice), set()
    genuine, copied, travel, shop = stamps[:330], stamps[330:345], stamps[345:351], \
        stamps[351:361]
    for stamp in genuine:
        buyer, when, city = log.phone(), log.when(), log.rng.choice(list(CITIES))
        log.scan(stamp, main.lot, buyer, when, city)
        for k in range(log.rng.randint(0, 4)):  # the buyer again: logged, not counted
            log.scan(stamp, main.lot, buyer, when + dt.timedelta(minutes=2 + k), city,
                     "genuine_repeat", counted=False)
        if log.rng.random() < 0.2:  # a relative, the next day, nearby
            log.scan(stamp, main.lot, log.phone(), when + dt.timedelta(days=1), city,
                     "genuine_repeat")
        if log.rng.random() < 0.05:  # a gift carried to another city over two days
            log.scan(stamp, main.lot, log.phone(), when + dt.timedelta(days=2), "Hà Nội",
                     "genuine_repeat")
        if log.rng.random() < 0.1:  # the producer checks its own stamps, often
            for k in range(6):
                log.scan(stamp, main.lot, "htx-my-xuyen", when - dt.timedelta(hours=k),
                         "Sóc Trăng", "genuine_repeat", by_owner=True)
    for stamp in shop:  # on a shop's shelf: a few customers each
        for _ in range(log.rng.randint(3, 5)):
            log.scan(stamp, main.lot, log.phone(), log.when(), "TP HCM", "genuine_repeat")
    for stamp in copied:  # printed again on fakes: phone after phone, everywhere
        positives.add(stamp.serial)
        for _ in range(log.rng.randint(7, 25)):
            log.scan(stamp, main.lot, log.phone(), log.when(),
                     log.rng.choice([None, *CITIES]), "genuine_repeat")
    for stamp in travel:  # two copies, two cities, within the hour
        positives.add(stamp.serial)
        when = log.when()
        log.scan(stamp, main.lot, log.phone(), when, "Cần Thơ")
        log.scan(stamp, main.lot, log.phone(), when + dt.timedelta(minutes=40), "Hà Nội",
                 "genuine_repeat")
    for serial in new_serials(8):  # serials nobody issued
        positives.add(serial)
        for _ in range(log.rng.randint(1, 3)):
            log.scan(serial, main.lot, log.phone(), log.when(), "Đà Nẵng", "unknown")
    for stamp in void[:5]:
        positives.add(stamp.serial)
        log.scan(stamp, main.lot, log.phone(), log.when(), "Huế", "void")
    recall = services.recall_order(actor=office, batch=recalled_lot, reason="Nấm mốc",
                                   recalled_on=timezone.localdate(), instructions="Đổi trả",
                                   contact="0299 000 000")
    Recall.objects.filter(pk=recall.pk).update(created_at=log.start + dt.timedelta(days=20))
    for n, stamp in enumerate(recalled[:14]):
        days = 25 if n < 8 else 10  # 8 sold and scanned after the recall, 6 before it
        if n < 8:
            positives.add(stamp.serial)
        log.scan(stamp, recalled_lot.lot, log.phone(), log.start + dt.timedelta(days=days),
                 "Cần Thơ")
    expiry = dt.datetime.combine(expired_lot.expires_on, dt.time(12),
                                 tzinfo=timezone.get_current_timezone())
    for n, stamp in enumerate(expired[:11]):
        after = n < 6
        if after:
            positives.add(stamp.serial)
        log.scan(stamp, expired_lot.lot, log.phone(),
                 expiry + dt.timedelta(days=3 if after else -20), "Sóc Trăng")
    Scan.objects.bulk_create(log.rows)
    return rice, positives, len(log.rows)


def test_signals_precision_and_recall_on_a_planted_log(planted):
    rice, positives, rows = planted
    found = signals(Product.objects.filter(pk=rice.pk))
    flagged = {s.serial for s in found if s.flagged}
    true = len(flagged & positives)
    precision, recall = true / len(flagged), true / len(positives)
    figures = tally("counterfeit signals on a planted scan log")
    figures.update({"scans in the log": rows, "planted counterfeit serials": len(positives),
                    f"flagged (score ≥ {THRESHOLD})": len(flagged), "flagged and planted": true,
                    "precision, %": round(100 * precision), "recall, %": round(100 * recall)})
    figures.update(f"flagged, strongest signal: {s.kind}" for s in found if s.flagged)
    assert precision >= 0.95 and recall >= 0.95
    assert flagged - positives == set(), "false alarms"
    by_serial = {s.serial: s for s in found}
    scores = sorted(by_serial[p].score for p in positives)
    assert scores[0] >= THRESHOLD
    # every kind of signal was seen, and the strongest stamp is beyond doubt
    found = evaluate(sorted(Scan.objects.filter(gtin=rice.gtin), key=lambda s: s.scanned_at))
    kinds = {k for s in found for k in s.kinds}
    assert kinds >= {"unknown", "void", "too_many", "far_apart", "after_recall", "after_expiry"}
    strongest = found[0]
    assert strongest.score > 0.9 and strongest.labels
