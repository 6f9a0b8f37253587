"""The demo data: seeds copied byte for byte, and a second load changes nothing."""

from django.core.management import call_command

from nscl.budget.models import BudgetLine
from nscl.conftest import DEMO_SOURCES, SHARED_SEEDS
from nscl.organisation.models import Unit, User
from nscl.plans.models import Indicator, IndicatorValue, Plan


def test_demo_sources_equal_the_seeds():
    for copy in DEMO_SOURCES.glob("*.txt"):
        shared = SHARED_SEEDS / copy.name
        if shared.exists():
            assert copy.read_bytes() == shared.read_bytes(), copy.name


def _counts():
    return [m.objects.count() for m in (Unit, User, Plan, Indicator, IndicatorValue, BudgetLine)]


def test_loading_the_demo_twice_changes_nothing(db, capsys):
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    out = capsys.readouterr().out
    assert "vanphong.cantho" in out and "nscl-demo-2025" in out


def test_demo_plans_have_their_targets(db):
    soc_trang = Plan.objects.get(province__code="cu-94")
    targets = {(i.order, t.phase.start_year): t.value for i in soc_trang.indicators.all()
               for t in i.targets.all()}
    assert targets[(3, 2021)] == 75 and targets[(3, 2026)] == 95
    assert targets[(4, 2021)] == 40 and targets[(8, 2026)] == 20
    assert Plan.objects.get(province__code="08").indicators.count() == 7
