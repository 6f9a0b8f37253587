"""Scans that can be trusted: the client is the connecting address unless a listed proxy
forwarded the request; repeats by one phone count once; a producer's own check does not count;
an expired lot says so; `?lat=NaN` is no place (issue 13); the scan log counts what it could
not write and the health check shows it (issue 13)."""

import datetime as dt

import pytest
from django.test import Client

from nscl.traceability import clients
from nscl.traceability.models import Batch, Product, Scan, ScanLogLoss, Stamp

from .conftest import PHONE_UA, phone_client


@pytest.fixture
def stamps(rice):
    return list(rice.rolls.get(status="active").stamps.order_by("id")[140:150])


def _uri(stamp):
    return f"/01/{stamp.roll.product.gtin}/10/ST25-2025-01/21/{stamp.serial}"


def _count(stamp) -> int:
    return Stamp.objects.get(pk=stamp.pk).scan_count


def test_a_forged_forwarded_address_does_not_raise_the_count(stamps):
    """Issue 17: anyone raised a stamp's count by sending a different X-Forwarded-For."""
    stamp = stamps[0]
    client = Client(HTTP_ACCEPT="text/html", HTTP_USER_AGENT=PHONE_UA, REMOTE_ADDR="14.1.2.3")
    for n in range(8):
        client.get(_uri(stamp), HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    assert _count(stamp) == 1 and Scan.objects.filter(stamp=stamp).count() == 8


def test_behind_a_listed_proxy_the_forwarded_address_is_the_client(settings, stamps):
    settings.NSCL_TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    clients._trusted.cache_clear()
    try:
        meta = {"REMOTE_ADDR": "10.0.0.5",
                "HTTP_X_FORWARDED_FOR": "9.9.9.9, 113.161.7.20, 10.1.1.1"}
        assert clients.address(meta) == "113.161.7.20"  # the nearest hop not a proxy of ours
        assert clients.address({**meta, "REMOTE_ADDR": "14.1.2.3"}) == "14.1.2.3"
        assert clients.address({**meta, "HTTP_X_FORWARDED_FOR": "not-an-ip"}) == "10.0.0.5"
        stamp = stamps[1]
        for n in range(3):  # three phones behind the province's proxy
            Client(HTTP_ACCEPT="text/html", HTTP_USER_AGENT=PHONE_UA, REMOTE_ADDR="10.0.0.5",
                   HTTP_X_FORWARDED_FOR=f"27.72.0.{n}").get(_uri(stamp))
        assert _count(stamp) == 3
    finally:
        settings.NSCL_TRUSTED_PROXIES = []
        clients._trusted.cache_clear()


def test_the_same_phone_again_counts_once_until_the_window_passes(stamps, settings):
    stamp, phone = stamps[2], phone_client("113.160.1.1")
    pages = [phone.get(_uri(stamp)).content.decode() for _ in range(4)]
    assert all("Tem thật, quét lần đầu" in p for p in pages) and _count(stamp) == 1
    settings.NSCL_REPEAT_SCAN_SECONDS = 0  # the window over
    assert "đã được quét 1 lần" in phone.get(_uri(stamp)).content.decode()
    assert _count(stamp) == 2 and Scan.objects.filter(stamp=stamp).count() == 5


def test_a_producer_checking_its_own_stamp_does_not_escalate(stamps, users):
    stamp = stamps[3]
    producer = phone_client("113.160.2.2")
    producer.force_login(users["doanhnghiep.cantho"])
    for _ in range(7):
        page = producer.get(_uri(stamp)).content.decode()
    assert "tem của cơ sở mình" in page and _count(stamp) == 0
    assert Scan.objects.filter(stamp=stamp, by_owner=True).count() == 7
    from nscl.traceability.signals import signals

    assert stamp.serial not in {s.serial for s in signals(Product.objects.filter(
        pk=stamp.roll.product_id))}
    stranger = phone_client("113.160.2.3")
    stranger.force_login(users["vanphong.tuyenquang"])  # logged in, but not its product
    stranger.get(_uri(stamp))
    assert _count(stamp) == 1


def test_an_expired_lot_says_so(stamps, rice):
    stamp = stamps[4]
    Batch.objects.filter(product=rice, lot="ST25-2025-01").update(
        expires_on=dt.date.today() - dt.timedelta(days=3))
    page = phone_client().get(_uri(stamp)).content.decode()
    when = (dt.date.today() - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    assert f"Lô hàng đã hết hạn sử dụng từ {when}" in page
    assert "hết hạn" in phone_client().get(f"/sp/{rice.gtin}/lo/ST25-2025-01/").content.decode()


@pytest.mark.parametrize("lat,lon", [("NaN", "NaN"), ("Infinity", "-Infinity"), ("sNaN", "1"),
                                     ("1e999", "105.8"), ("91", "181"), ("abc", ""),
                                     ("10.0", "1" * 200)])
def test_a_place_that_is_no_number_is_no_place(stamps, lat, lon):
    """Issue 13: `?lat=NaN` on the public resolver was a server error."""
    stamp = stamps[5]
    response = phone_client().get(_uri(stamp), {"lat": lat, "lon": lon})
    assert response.status_code == 200
    row = Scan.objects.filter(stamp=stamp).latest("scanned_at")
    assert row.latitude is None and row.longitude is None


def test_the_scan_log_counts_what_it_could_not_write(monkeypatch, stamps, client):
    """Issue 13: while the database was away the buffer dropped its oldest scans silently past
    200.000. Now it counts them, writes the count down when the database is back, and the
    health check shows both."""
    from django.utils import timezone

    from nscl.traceability import scanlog
    from nscl.traceability.scanlog import ScanLog

    monkeypatch.setattr(scanlog, "MAX_PENDING", 50)
    log = ScanLog(seconds=3600)
    monkeypatch.setattr("nscl.traceability.scanning.scan_log", log)
    monkeypatch.setattr("nscl.traceability.public.scanning.scan_log", log, raising=False)
    monkeypatch.setattr("nscl.traceability.scanlog.scan_log", log)
    row = {"stamp": stamps[6].pk, "gtin": "x", "lot": "", "serial": "S", "client": "c",
           "latitude": None, "longitude": None, "result": "genuine_first", "counted": True,
           "by_owner": False}
    for _ in range(80):
        log.add({**row, "scanned_at": timezone.now()})
    real_write = ScanLog.__dict__["_write"]
    monkeypatch.setattr(ScanLog, "_write", staticmethod(lambda rows, counts: 1 / 0))
    with pytest.raises(ZeroDivisionError):
        log.flush()
    assert log.health()["pending"] == 50 and log.health()["lost_unrecorded"] == 30
    health = client.get("/suc-khoe/")
    assert health.status_code == 503 and health.json()["scan_log"]["lost_unrecorded"] == 30
    monkeypatch.setattr(ScanLog, "_write", real_write)
    assert log.flush() == 50
    assert ScanLogLoss.objects.get().dropped == 30 and log.health()["lost_unrecorded"] == 0
    health = client.get("/suc-khoe/").json()
    assert health["scan_log"]["lost_recorded"] == 30 and health["database"] == "ok"
    assert client.get("/suc-khoe/").status_code == 200


@pytest.fixture(params=["locmem", "redis"])
def memory(request, settings):
    """The rate limit and the repeat-scan memory in each process's memory, or in Redis shared
    by every server process (production), where one script answers both in one round trip."""
    if request.param == "locmem":
        yield None
        return
    import uuid

    from nscl.core.tests.test_cache import REDIS, drop

    settings.CACHES = {"default": {"BACKEND": "nscl.core.cache.ReusedRedisCache",
                                   "LOCATION": REDIS,
                                   "KEY_PREFIX": f"nscl_test_scans_{uuid.uuid4().hex[:8]}"}}
    from django.core.cache import caches

    yield caches["default"]
    drop(caches["default"])


def test_repeats_count_once_with_either_memory(stamps, memory):
    stamp, phone = stamps[7], phone_client("113.160.3.3")
    for _ in range(3):
        assert "Tem thật, quét lần đầu" in phone.get(_uri(stamp)).content.decode()
    phone_client("113.160.3.4").get(_uri(stamp))  # another phone
    assert _count(stamp) == 2 and Scan.objects.filter(stamp=stamp).count() == 4


def test_a_scan_that_finds_no_stamp_does_not_make_the_real_one_a_repeat(stamps, memory):
    """The memory marks a scan before the stamp is looked up: one that finds no stamp (here
    the stamp's serial under a lot it is not of) takes the mark back."""
    stamp, phone = stamps[8], phone_client("113.160.4.4")
    wrong = _uri(stamp).replace("ST25-2025-01", "ST25-1999-09")
    assert phone.get(wrong).status_code == 307  # to the product, with the notice
    assert "Tem thật, quét lần đầu" in phone.get(_uri(stamp)).content.decode()
    assert _count(stamp) == 1


def test_the_producers_own_check_does_not_make_its_next_scan_a_repeat(stamps, users, memory):
    stamp, phone = stamps[9], phone_client("113.160.5.5")
    phone.force_login(users["doanhnghiep.cantho"])
    assert "tem của cơ sở mình" in phone.get(_uri(stamp)).content.decode()
    phone.logout()  # the same phone, as a buyer
    phone.get(_uri(stamp))
    assert _count(stamp) == 1


def test_a_scan_refused_by_the_rate_limit_marks_nothing(stamps, memory, monkeypatch):
    from nscl.core.cache import forget_hits
    from nscl.traceability import public

    monkeypatch.setattr(public, "LIMIT", 1)
    first, second = stamps[0], stamps[1]
    phone = phone_client("113.160.6.6")
    assert phone.get(_uri(first)).status_code == 200
    assert phone.get(_uri(second)).status_code == 429
    forget_hits("resolver:113.160.6.6")  # the next minute
    assert "Tem thật, quét lần đầu" in phone.get(_uri(second)).content.decode()
    assert _count(second) == 1


def test_the_stamps_page_carries_the_security_headers(stamps):
    from csp.utils import build_policy

    response = phone_client("113.160.7.7").get(_uri(stamps[5]))
    assert response.status_code == 200 and response["Content-Security-Policy"] == build_policy()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin" and not response.cookies
