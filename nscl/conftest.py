"""Shared fixtures: the demo loaded once per session (the real seeds, the real 2025 map)."""

from pathlib import Path

import pytest

from nscl.demo.loader import load_demo
from nscl.tests import tallies
from nscl.tests.snapshot import TableSnapshot

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
    """The demo, loaded once, and a copy of its rows for the tests that commit (see below)."""
    from django.db import connection

    with django_db_blocker.unblock():
        load_demo()
        connection.demo_snapshot = TableSnapshot(connection).take()


@pytest.fixture(autouse=True)
def _demo_for_tests_that_commit(request):
    """A test that commits ends with the database flushed; each of them starts from the demo's
    rows put back (nscl/tests/snapshot.py), whatever ran before it."""
    if not _commits(request.node):
        yield
        return
    from django.db import connection

    request.getfixturevalue("_django_db_helper")
    connection.demo_snapshot.restore()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a test that switched a client to English must not leave the
    language active for the next test's messages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


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


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or \
        "transactional_db" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """Tests that commit (browser tests, those with worker or server processes) run last: the
    database is flushed when each of them ends, and the others need the demo loaded once."""
    items.sort(key=lambda item: (_commits(item), item.get_closest_marker("browser") is not None))


@pytest.fixture
def real_tasks(settings):
    """Tasks go to the real backend (the database, or Redis in the Redis run) for a worker
    process to run, instead of running inside the test. The RQ queue starts empty."""
    settings.TASKS = {"default": settings.NSCL_REAL_TASKS}
    if settings.NSCL_REAL_TASKS["BACKEND"].endswith("RQBackend"):
        import django_rq

        django_rq.get_queue("default").empty()
    return settings.TASKS["default"]["BACKEND"]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its tallies to the controller (see nscl/tests/tallies.py)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["tallies"] = tallies.as_data()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tallies.add(getattr(node, "workeroutput", {}).get("tallies", {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print what the tests counted: hypothesis examples per parser, the access matrix."""
    if hasattr(config, "workeroutput"):
        return
    for name, counts in sorted(tallies.TALLIES.items()):
        terminalreporter.write_sep("-", name)
        for key, count in sorted(counts.items()):
            terminalreporter.write_line(f"{key}: {count}")
