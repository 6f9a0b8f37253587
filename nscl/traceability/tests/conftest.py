"""What the traceability tests share: a phone (a browser that asks for HTML, as phones do) and
a clean cache (the rate limit and the repeat-scan memory live there)."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

REPO = Path(__file__).resolve().parents[3]


def shared_fixtures(name: str) -> Path:
    """A folder of `../shared/fixtures/` (beside the clone, as CI lays it, or beside the folder
    of worktrees). Missing, the test that needs it fails: these files are what it proves."""
    for shared in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if (shared / "fixtures" / name).is_dir():
            return shared / "fixtures" / name
    raise FileNotFoundError(f"../shared/fixtures/{name} is not beside {REPO}")

PHONE_UA = "Mozilla/5.0 (Linux; Android 14; SM-A146P) AppleWebKit/537.36 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def _clean_cache():
    from nscl.core.cache import process_memory as _memory

    cache.clear()
    _memory.clear()
    yield
    cache.clear()
    _memory.clear()


@pytest.fixture
def rice(db):
    """The demo's rice (Cần Thơ): its active roll, its lot ST25-2025-01, its EPCIS events."""
    from nscl.traceability.models import Product

    return Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")


def phone_client(address: str = "113.161.7.20") -> Client:
    return Client(HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8",
                  HTTP_USER_AGENT=PHONE_UA, REMOTE_ADDR=address)


@pytest.fixture
def phone():
    return phone_client()
