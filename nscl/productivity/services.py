"""Storing a province's series (all or nothing, logged) and reading it back for accounting."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.organisation.models import Unit
from nscl.workflow.services import event_record

from .accounting import YearData
from .events import ProductivityVerb
from .models import EconomicYear
from .permissions import can_enter_series
from .series import Row, check, read_series


@transaction.atomic
def series_import(*, province: Unit, name: str, content: bytes, source: str, actor,
                  notes: list | None = None) -> int:
    """Replace the province's series by the file's; a file with any error changes nothing.
    How the file's numbers were read, when that needs saying, is appended to `notes`."""
    require(can_enter_series(actor, province))
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
    event_record(actor=actor, verb=ProductivityVerb.SERIES_IMPORTED, obj=province,
                 before={"value": before}, after={"value": len(rows), "name": name},
                 note=_("Nhập số liệu tăng trưởng từ %(f)s") % {"f": name})
    return len(rows)


def stored_series(province: Unit, depreciation: Decimal = Decimal("0.05")) -> list[YearData]:
    rows = [Row(e.year, e.output, e.capital, e.investment, e.labour, e.labour_share)
            for e in province.economic_years.order_by("year")]
    return check(rows, depreciation) if rows else []
