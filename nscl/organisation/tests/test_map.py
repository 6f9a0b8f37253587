"""The 2025 administrative map from the vietnam-provinces dataset, and the dissolved provinces."""

from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.services import administrative_map_load


def test_two_tier_map_has_34_provinces_and_3321_communes(db):
    current = Unit.objects.filter(valid_until__isnull=True)
    assert current.filter(kind=UnitKind.PROVINCE).count() == 34
    assert current.filter(kind=UnitKind.COMMUNE).count() == 3321
    assert Unit.objects.get(code="51").name == "Tỉnh Quảng Ngãi"


def test_dissolved_provinces_roll_up_into_their_successor(db):
    soc_trang = Unit.objects.get(code="cu-94")
    can_tho = Unit.objects.get(code="92")
    assert (soc_trang.successor, soc_trang.parent) == (can_tho, can_tho)
    assert str(soc_trang.valid_until) == "2025-06-30"
    assert soc_trang.path.startswith(can_tho.path)
    assert Unit.objects.get(code="cu-62").successor.name == "Tỉnh Quảng Ngãi"  # Kon Tum
    assert Unit.objects.get(code="cu-02").successor.name == "Tỉnh Tuyên Quang"  # Hà Giang


def test_loading_twice_changes_nothing(db):
    before = Unit.objects.count()
    summary = administrative_map_load()
    assert summary["communes_created"] == 0
    assert Unit.objects.count() == before


def test_search_ignores_diacritics(db):
    from nscl.core.search import search
    names = set(search(Unit.objects.filter(kind=UnitKind.PROVINCE), "quang ngai")
                .values_list("name", flat=True))
    assert names == {"Tỉnh Quảng Ngãi"}
    assert search(Unit.objects.all(), "ba dinh").filter(name="Xã Ba Dinh").exists()
