"""A stamp's kept facts (`nscl.traceability.kept`): a stamp scanned again is answered from the
rate limit's round trip without reading the database, with one count across server processes,
and never with facts older than the last change of its roll, product, lot or recall.

Run on the local-memory cache in the whole suite and on Redis in `make test-redis`.
"""

import datetime as dt

import pytest
from django.test import Client

from nscl.core.cache import COUNT_NO, EntryRead, count_hits_reading
from nscl.traceability import kept, scanning, services
from nscl.traceability.models import Product, Scan, Stamp

from .conftest import PHONE_UA, phone_client

LOT = "ST25-2025-01"


@pytest.fixture
def stamps(rice):
    return list(rice.rolls.get(status="active").stamps.order_by("id")[160:170])


def _uri(stamp) -> str:
    return f"/01/{stamp.roll.product.gtin}/10/{LOT}/21/{stamp.serial}"


def _page(stamp, address: str) -> str:
    response = phone_client(address).get(_uri(stamp))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _generation() -> int:
    return count_hits_reading([], EntryRead("stamp:-", kept.FACTS, COUNT_NO))[1].generation


@pytest.fixture
def reads(monkeypatch):
    """How often the scan path read a stamp, and a roll's facts, from the database (through
    libpq on PostgreSQL, which Django's query log does not see). The page's own information is
    another matter: kept per process for `NSCL_PUBLIC_CACHE_SECONDS`, none in tests."""
    counted = {"stamp": 0, "roll": 0}

    def counting(name, statement):
        def run(params):
            counted[name] += 1
            return statement(params)
        return run

    monkeypatch.setattr(scanning, "_stamp_row", counting("stamp", scanning._stamp_row))
    monkeypatch.setattr(scanning, "_roll_row", counting("roll", scanning._roll_row))
    return counted


def test_a_stamp_scanned_again_is_answered_without_the_database(stamps, reads):
    stamp = stamps[0]
    assert "Tem thật, quét lần đầu" in _page(stamp, "113.161.7.1")
    assert reads == {"stamp": 1, "roll": 0}  # the first scan reads it, with its roll's facts
    for n, address in enumerate(["113.161.7.2", "113.161.7.3"], start=1):
        assert f"đã được quét {n} lần" in _page(stamp, address)
        assert reads == {"stamp": 1, "roll": 0}  # answered from the kept facts
    stamp.refresh_from_db()
    assert stamp.scan_count == 3 and Scan.objects.filter(stamp=stamp).count() == 3


def test_the_kept_count_starts_from_the_database_and_goes_on_from_there(stamps):
    stamp = stamps[1]
    Stamp.objects.filter(pk=stamp.pk).update(scan_count=41)  # scans of an earlier day
    assert "đã được quét 41 lần" in _page(stamp, "113.161.8.1")
    assert "đã được quét 42 lần" in _page(stamp, "113.161.8.2")
    assert Stamp.objects.get(pk=stamp.pk).scan_count == 43


def test_repeats_and_the_producers_own_check_are_not_counted_but_a_visitor_with_a_session_is(
        stamps, users):
    stamp = stamps[2]
    phone = phone_client("113.161.9.1")
    for _ in range(3):  # one phone, moments apart: counted once
        assert "Tem thật, quét lần đầu" in phone.get(_uri(stamp)).content.decode()
    producer = phone_client("113.161.9.2")
    producer.force_login(users["doanhnghiep.cantho"])
    assert "tem của cơ sở mình" in producer.get(_uri(stamp)).content.decode()
    visitor = Client(HTTP_ACCEPT="text/html", HTTP_USER_AGENT=PHONE_UA, REMOTE_ADDR="113.161.9.3")
    visitor.cookies["sessionid"] = "expired-or-made-up"  # counted after the round trip
    assert "đã được quét 1 lần" in visitor.get(_uri(stamp)).content.decode()
    assert "đã được quét 2 lần" in _page(stamp, "113.161.9.4")
    assert Stamp.objects.get(pk=stamp.pk).scan_count == 3
    assert Scan.objects.filter(stamp=stamp).count() == 6


def test_a_recall_a_void_and_an_unpublished_product_show_at_the_next_scan(stamps, rice, users):
    stamp, admin = stamps[3], users["admin"]
    _page(stamp, "113.161.10.1")  # kept
    services.recall_order(actor=admin, batch=rice.batches.get(lot=LOT), reason="Nhiễm nấm mốc",
                          recalled_on=dt.date(2026, 11, 20), instructions="Trả lại nơi bán",
                          contact="0292 3820 000")
    assert "LÔ HÀNG ĐANG BỊ THU HỒI" in _page(stamp, "113.161.10.2")
    services.product_update(actor=admin, product=rice, published=False)
    assert rice.name not in _page(stamp, "113.161.10.3")
    services.product_update(actor=admin, product=rice, published=True)
    assert rice.name in _page(stamp, "113.161.10.4")
    services.roll_set_status(roll=stamp.roll, status="void", actor=admin)
    response = phone_client("113.161.10.5").get(_uri(stamp))
    assert response.status_code == 307 and "canh-bao=" in response["Location"]
    assert Scan.objects.filter(stamp=stamp).order_by("-id").first().result == "void"


def test_a_kept_stamp_under_another_gtin_or_lot_is_unknown_and_not_counted(stamps):
    stamp = stamps[4]
    _page(stamp, "113.161.11.1")
    other = Product.objects.exclude(gtin=stamp.roll.product.gtin).filter(published=True).first()
    gtin = stamp.roll.product.gtin
    for n, uri in enumerate([f"/01/{other.gtin}/21/{stamp.serial}",
                             f"/01/{gtin}/10/ST25-2024-09/21/{stamp.serial}"]):
        response = phone_client(f"113.161.11.{n + 2}").get(uri)
        assert response.status_code in (307, 404)
        assert Scan.objects.filter(serial=stamp.serial).order_by("-id").first().result == \
            "unknown"
    assert "đã được quét 1 lần" in _page(stamp, "113.161.11.9")  # the two not counted
    assert "đã được quét 2 lần" in phone_client("113.161.11.10").get(
        f"/01/{gtin}/21/{stamp.serial}").content.decode()  # a URI without its lot finds it


def test_changes_bump_the_generation_at_once_and_at_commit_but_pin_tries_do_not(
        stamps, rice, users, django_capture_on_commit_callbacks):
    before = _generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.product_update(actor=users["admin"], product=rice, standards="TCVN 11888:2017")
        assert _generation() > before  # at once, inside the transaction
        inside = _generation()
    assert _generation() > inside  # and again at commit
    settled = _generation()
    stamp = stamps[5]
    stamp.pin_failures = 1
    stamp.save(update_fields=["pin_failures"])
    assert _generation() == settled


def test_another_server_process_reads_the_kept_count_and_its_own_roll_facts(stamps, reads):
    stamp = stamps[6]
    _page(stamp, "113.161.12.1")
    scanning._ROLL_FACTS.clear()  # a process that never met this roll
    assert "đã được quét 1 lần" in _page(stamp, "113.161.12.2")
    assert reads == {"stamp": 1, "roll": 1}  # the second scan read the roll's facts only


def test_an_emptied_cache_never_gives_an_old_generation_again(stamps):
    """Review: a server process keeps a roll's facts under a generation; a change whose bump was
    lost with the cache (Redis restarted empty) must not let those facts count again."""
    from django.core.cache import cache

    from nscl.core.cache import process_memory
    from nscl.traceability.models import StampRoll

    _page(stamps[7], "113.161.13.1")  # this process keeps the roll's facts
    StampRoll.objects.filter(pk=stamps[7].roll_id).update(status="void")  # no bump reaches it
    cache.clear()
    process_memory.clear()
    other = stamps[8]  # kept by another process after the restart
    kept.keep(other.roll.product.gtin, other.serial, _generation(), stamp_id=other.pk,
              roll_id=other.roll_id, voided=False, previous=0, counted=False)
    response = phone_client("113.161.13.2").get(_uri(other))
    assert response.status_code == 307  # void: this process read the roll's facts again


def test_a_change_is_saved_when_the_cache_cannot_be_bumped(rice, users, monkeypatch, caplog):
    def away(key, cache=None):
        raise ConnectionError("Redis away")

    monkeypatch.setattr(kept, "bump_generation", away)
    services.product_update(actor=users["admin"], product=rice, standards="TCVN 11888:2017")
    assert Product.objects.get(pk=rice.pk).standards == "TCVN 11888:2017"
    assert "could not be bumped" in caplog.text


def test_the_scan_log_sends_the_kept_stores_before_it_writes_the_scans(monkeypatch):
    from nscl.traceability import scanlog

    order = []
    monkeypatch.setattr("nscl.core.cache.send_deferred", lambda cache=None: order.append("send"))
    monkeypatch.setattr(scanlog.ScanLog, "_write",
                        staticmethod(lambda rows, counts: order.append("write")))
    log = scanlog.ScanLog(0.5)
    log._pid = __import__("os").getpid()  # noqa: SLF001  (no writer thread for this one)
    log.add({"stamp": None, "serial": "X"})
    log.flush()
    assert order == ["send", "write"]


def test_without_a_shared_cache_nothing_is_kept(stamps, settings, reads):
    """Several server processes on the local-memory cache (also in the Redis run of CI)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.NSCL_ENTRIES_IN_PROCESS_MEMORY = False
    for n in range(3):
        _page(stamps[9], f"113.161.14.{n}")
    assert reads == {"stamp": 3, "roll": 0}  # every scan reads the database, as before
