"""Shared fixtures: the demo loaded once per session (the real seeds, the real 2025 map)."""

from pathlib import Path

import pytest

from nscl.demo.loader import load_demo

REPO = Path(__file__).resolve().parent.parent
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
DEMO_SOURCES = REPO / "nscl" / "demo" / "sources"
ARTIFACTS = REPO / "artifacts"


def seed_path(name: str) -> Path:
    """A seed document: from ../shared/seeds when present, else the demo's identical copy."""
    shared = SHARED_SEEDS / name
    return shared if shared.exists() else DEMO_SOURCES / name


SOC_TRANG_PLAN = "003_fa5d4f675ee7352c.txt"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def soc_trang(db):
    from nscl.plans.models import Plan
    return Plan.objects.get(province__code="cu-94")


@pytest.fixture
def tuyen_quang(db):
    from nscl.plans.models import Plan
    return Plan.objects.get(province__code="08")


@pytest.fixture
def users(db):
    from nscl.organisation.models import User
    return {u.username: u for u in User.objects.select_related("unit")}


def _flushes(item) -> bool:
    """Browser tests and transactional tests (threads racing on PostgreSQL) flush the database
    when they finish, so they run after every test that relies on the demo loaded once."""
    marker = item.get_closest_marker("django_db")
    return item.get_closest_marker("browser") is not None or bool(
        marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(config, items):
    items.sort(key=_flushes)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path

