"""Budget appendices (Phụ lục — dự toán kinh phí) as a tree of lines with one amount per year."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.core.models import TimeStampedModel
from nscl.organisation.scoping import NATIONAL, PROVINCE, Scope
from nscl.plans.models import MONEY, Phase, Plan

# Amounts are stored in triệu đồng whatever unit the file published (đồng, nghìn, triệu, tỷ), to
# the đồng: six decimals. The bound on money (10^15 đồng) needs ten digits before the point.
STORED_MONEY = {"max_digits": 18, "decimal_places": 6}


class Appendix(TimeStampedModel):
    """One budget appendix of a plan, usually one per phase."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="appendices")
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="appendices")
    code = models.CharField(_("phụ lục"), max_length=30)
    title = models.CharField(_("tiêu đề"), max_length=300)
    money_unit = models.CharField(_("đơn vị tính như đã công bố"), max_length=30,
                                  default="triệu đồng")  # i18n: the unit as published
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    sources = models.JSONField(_("nguồn kinh phí"), default=list, blank=True)
    notes = models.TextField(_("ghi chú của phụ lục"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phụ lục dự toán")
        verbose_name_plural = _("phụ lục dự toán")
        ordering = ["plan", "start_year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="appendix_unique_code",
                                                             violation_error_message=_(
                                                                 "Kế hoạch đã có phụ lục dự toán "
                                                                 "mang ký hiệu này.")),
            Check(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="appendix_years_ordered",
                                   violation_error_message=_(
                                       "Năm kết thúc phải bằng hoặc sau năm bắt đầu của phụ lục.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.plan.reference}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class BudgetLine(models.Model):
    """A line of the appendix: `5.2` under `5`; the grand-total row has no code.

    `code` is the line's label, unique in its appendix (the path of printed codes: “II.1” for the
    line printed “1” under “II”); `shown_code` is the code as printed. Amounts are in triệu đồng;
    `source_amounts` splits the total and the years by funding source."""

    scope = Scope(province="appendix__plan__province", view=frozenset({NATIONAL, PROVINCE}))

    appendix = models.ForeignKey(Appendix, on_delete=models.CASCADE, related_name="lines")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("TT"), max_length=40, blank=True)
    shown_code = models.CharField(_("TT như đã in"), max_length=20, blank=True)
    content = models.TextField(_("nội dung"))
    measure_unit = models.CharField(_("đơn vị"), max_length=30, blank=True)
    quantity = models.DecimalField(_("số lượng"), null=True, blank=True, **MONEY)
    unit_price = models.DecimalField(_("đơn giá"), null=True, blank=True, **STORED_MONEY)
    total = models.DecimalField(_("tổng kinh phí"), null=True, blank=True, **STORED_MONEY)
    source_amounts = models.JSONField(_("kinh phí theo nguồn"), default=dict, blank=True)
    is_grand_total = models.BooleanField(_("dòng tổng cộng"), default=False)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=200, blank=True,
                                      default="Sự nghiệp khoa học và công nghệ tỉnh")  # i18n: data
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng dự toán")
        verbose_name_plural = _("dòng dự toán")
        ordering = ["appendix", "order"]
        constraints = [
            models.UniqueConstraint(fields=["appendix", "order"], name="line_unique_order",
                                                                  violation_error_message=_(
                                                                      "Phụ lục đã có dòng dự toán "
                                                                      "ở số thứ tự này.")),
            models.UniqueConstraint(fields=["appendix", "code"], condition=~models.Q(code=""),
                                    name="line_unique_code",
                                    violation_error_message=_(
                                        "Phụ lục đã có dòng dự toán mang mã này.")),
        ]

    def __str__(self) -> str:
        return str(_("Tổng cộng")) if self.is_grand_total else f"{self.code}. {self.content[:60]}"

    @property
    def label(self) -> str:
        return str(_("Tổng cộng")) if self.is_grand_total else self.code

    @property
    def depth(self) -> int:
        return self.code.count(".") if self.code else 0

    @property
    def printed_code(self) -> str:
        return self.shown_code or self.code


class BudgetLineYear(models.Model):
    """The amount a line plans for one year."""

    scope = Scope(province="line__appendix__plan__province",
                  view=frozenset({NATIONAL, PROVINCE}))

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="year_amounts")
    year = models.PositiveSmallIntegerField(_("năm"))
    amount = models.DecimalField(_("kinh phí"), null=True, blank=True, **STORED_MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kinh phí năm")
        verbose_name_plural = _("kinh phí năm")
        ordering = ["line", "year"]
        constraints = [models.UniqueConstraint(
            fields=["line", "year"], name="line_year_unique",
            violation_error_message=_("Dòng dự toán đã có kinh phí cho năm này."))]

    def __str__(self) -> str:
        return f"{self.line.label} · {self.year}"
