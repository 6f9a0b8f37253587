"""Writes to the unit tree and the user list."""

import csv
import datetime as dt
import uuid
from importlib import resources

from django.db import transaction

from .choices import UnitKind
from .models import Unit, User

REFORM_DATE = dt.date(2025, 7, 1)
MINISTRY_CODE = "BKHCN"


def _path_for(parent: Unit | None, code: str) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def unit_upsert(*, code: str, name: str, kind: str, parent: Unit | None, **extra) -> Unit:
    """Create or update a unit by its code; the tree path follows the parent."""
    defaults = {"name": name, "kind": kind, "parent": parent, "path": _path_for(parent, code),
                **extra}
    unit, created = Unit.objects.get_or_create(code=code, defaults=defaults)
    if not created:
        changed = [k for k, v in defaults.items() if getattr(unit, k) != v]
        for key in changed:
            setattr(unit, key, defaults[key])
        if changed:
            unit.save()
    return unit


def unit_create_numbered(*, prefix: str, name: str, kind: str, parent: Unit, **extra) -> Unit:
    """A new unit coded `prefix` + its own id (`HKD-5120`): unique by construction, for a unit
    that brings no code of its own (a household business without a tax code). A code made from
    the name collided: two households whose names share their first 20 letters got the same
    one, and the second could never be registered."""
    placeholder = f"{prefix}new-{uuid.uuid4().hex[:24]}"  # until the id is known
    unit = Unit.objects.create(code=placeholder, name=name, kind=kind, parent=parent,
                               path=_path_for(parent, placeholder), **extra)
    unit.code = f"{prefix}{unit.pk}"
    unit.path = _path_for(parent, unit.code)
    unit.save()
    return unit


def ministry() -> Unit:
    return unit_upsert(code=MINISTRY_CODE, name="Bộ Khoa học và Công nghệ", kind=UnitKind.MINISTRY,
                       parent=None, source="NSCL")


@transaction.atomic
def administrative_map_load() -> dict[str, int]:
    """Load the two-tier map (34 provinces, 3.321 communes) and the provinces dissolved in 2025.

    Idempotent: units are keyed by code; communes missing from the database are bulk-created.
    """
    import vietnam_provinces as vp

    source = f"vietnam-provinces {vp.__version__} (dữ liệu {vp.__data_version__})"
    root = ministry()
    provinces: dict[str, Unit] = {}
    for p in vp.Province.iter_all():
        code = f"{int(p.code):02d}"
        provinces[code] = unit_upsert(
            code=code, name=_province_name(p.name, p.division_type.value), kind=UnitKind.PROVINCE,
            parent=root, division_type=p.division_type.value, admin_code=code,
            valid_from=REFORM_DATE, source=source)
    existing = set(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("code", flat=True))
    new_communes = []
    for w in vp.Ward.iter_all():
        code = f"{int(w.province_code):02d}-{int(w.code):05d}"
        if code in existing:
            continue
        parent = provinces[f"{int(w.province_code):02d}"]
        unit = Unit(code=code, name=w.name, kind=UnitKind.COMMUNE,
                    division_type=w.division_type.value, admin_code=f"{int(w.code):05d}",
                    parent=parent, path=_path_for(parent, code), valid_from=REFORM_DATE,
                    source=source)
        unit.refresh_search_key()
        new_communes.append(unit)
    Unit.objects.bulk_create(new_communes, batch_size=1000)
    dissolved = _load_dissolved(provinces)
    return {"provinces": len(provinces), "communes_created": len(new_communes),
            "dissolved": dissolved}


def _province_name(name: str, division_type: str) -> str:
    return name if name.startswith("Thành phố") else f"Tỉnh {name}"


def _load_dissolved(provinces: dict[str, Unit]) -> int:
    data = resources.files("nscl.organisation").joinpath("data/provinces_dissolved_2025.csv")
    with data.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        successor = provinces[row["successor_code"]]
        unit_upsert(
            code=f"cu-{row['old_code']}", name=f"Tỉnh {row['name']}", kind=UnitKind.PROVINCE,
            parent=successor, successor=successor, division_type=row["division_type"],
            admin_code=row["old_code"], valid_until=REFORM_DATE - dt.timedelta(days=1),
            source="Nghị quyết 202/2025/QH15")
    return len(rows)


def user_upsert(*, username: str, password: str, full_name: str, role: str, unit: Unit | None,
                position: str = "", is_superuser: bool = False) -> User:
    """Create a user or bring an existing one back to these values (used by the demo loader)."""
    user, _ = User.objects.get_or_create(username=username)
    user.full_name, user.role, user.unit, user.position = full_name, role, unit, position
    user.email = user.email or f"{username}@demo.nscl.vn"
    user.is_superuser = user.is_staff = is_superuser
    if not user.check_password(password):
        user.set_password(password)
    user.save()
    return user

