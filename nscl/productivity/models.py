"""The yearly economic series of a province, entered by the statistics office or imported."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.organisation.models import Unit
from nscl.organisation.scoping import (
    EVERYONE,
    NATIONAL,
    PROVINCE,
    Scope,
)

BIG = {"max_digits": 20, "decimal_places": 4}


class EconomicYear(models.Model):
    """One year of a province: GRDP at constant prices, capital or investment, workers."""

    scope = Scope(province="province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="economic_years")
    year = models.PositiveSmallIntegerField(_("năm"))
    output = models.DecimalField(_("GRDP giá so sánh (tỷ đồng)"), **BIG)
    capital = models.DecimalField(_("giá trị vốn (tỷ đồng)"), null=True, blank=True, **BIG)
    investment = models.DecimalField(_("vốn đầu tư (tỷ đồng)"), null=True, blank=True, **BIG)
    labour = models.DecimalField(_("lao động đang làm việc (nghìn người)"), **BIG)
    labour_share = models.DecimalField(_("tỷ trọng thu nhập của lao động"), null=True,
                                       blank=True, max_digits=6, decimal_places=4)
    source = models.CharField(_("nguồn"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu kinh tế năm")
        verbose_name_plural = _("số liệu kinh tế năm")
        ordering = ["province", "year"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="economic_year_unique",
                                                                 violation_error_message=_(
                                                                     "Tỉnh đã có số liệu kinh tế "
                                                                     "của năm này.")),
            Check(condition=models.Q(output__gt=0) & models.Q(labour__gt=0),
                                   name="economic_year_positive",
                                   violation_error_message=_(
                                       "Giá trị sản xuất và số lao động phải lớn hơn 0.")),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year}"
