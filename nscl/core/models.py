"""Abstract bases every module uses; no domain models live here."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import search_key


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class SearchableModel(models.Model):
    """Keeps `search_key` in step with the fields named in `SEARCH_FIELDS`."""

    SEARCH_FIELDS: tuple[str, ...] = ()
    search_key = models.CharField(_("khóa tìm kiếm"), max_length=600, blank=True, db_index=True,
                                  editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The one derived column we keep in save(): it is a pure function of the row itself.
        self.refresh_search_key()
        super().save(*args, **kwargs)

    def refresh_search_key(self) -> None:
        values = (str(getattr(self, f) or "") for f in self.SEARCH_FIELDS)
        self.search_key = search_key(*values)[:600]


def by_year(rows, date_field: str, value_field: str) -> dict[int, Decimal]:
    """Sum grouped rows per year of their date, in Python.

    Grouping by the date itself and bucketing here avoids SQLite's per-row Python function for
    `__year` (44.000 calls on a large province's dashboard); PostgreSQL is as fast either way.
    """
    totals: dict[int, Decimal] = {}
    for row in rows:
        year = row[date_field].year
        totals[year] = totals.get(year, Decimal(0)) + Decimal(row[value_field] or 0)
    return totals
