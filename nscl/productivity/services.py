"""Storing a province's series (all or nothing, logged) and reading it back for accounting."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nscl.organisation.choices import Role, UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.scope import can_manage_province_of
from nscl.workflow.services import event_record

from .accounting import YearData
from .models import EconomicYear
from .series import Row, check, read_series


def can_enter_series(user, province: Unit) -> bool:
    """The program office, or a reporter of the province's statistics office."""
    if can_manage_province_of(user, province):
        return True
    return (user.is_authenticated and user.role == Role.UNIT_REPORTER and user.unit_id
            and user.unit.kind == UnitKind.STATISTICS
            and province.path.startswith(user.unit.province_path()))


@transaction.atomic
def series_import(*, province: Unit, name: str, content: bytes, source: str, actor,
                  notes: list | None = None) -> int:
    """Replace the province's series by the file's; a file with any error changes nothing.
    How the file's numbers were read, when that needs saying, is appended to `notes`."""
    if not can_enter_series(actor, province):
        raise PermissionDenied(_("Chỉ cơ quan điều hành hoặc cơ quan thống kê được nhập số liệu."))
    read = read_series(name, content)
    rows = read.rows
    check(rows)  # raises SeriesError naming every bad year
    if notes is not None:
        notes += read.notes
    before = province.economic_years.count()
    province.economic_years.all().delete()
    EconomicYear.objects.bulk_create([EconomicYear(
        province=province, year=r.year, output=r.output, capital=r.capital,
        investment=r.investment, labour=r.labour, labour_share=r.labour_share, source=source)
        for r in rows])
    event_record(actor=actor, verb="series_imported", obj=province,
                 before={"value": before}, after={"value": len(rows), "name": name},
                 note=_("Nhập số liệu tăng trưởng từ %(f)s") % {"f": name})
    return len(rows)


def stored_series(province: Unit, depreciation: Decimal = Decimal("0.05")) -> list[YearData]:
    rows = [Row(e.year, e.output, e.capital, e.investment, e.labour, e.labour_share)
            for e in province.economic_years.order_by("year")]
    return check(rows, depreciation) if rows else []
