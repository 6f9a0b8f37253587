"""Plans (Kế hoạch), their phases, task groups and indicators with targets and values."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel
from nscl.organisation.models import Unit
from nscl.organisation.scoping import (
    EVERYONE,
    NATIONAL,
    PROVINCE,
    UNIT,
    Scope,
)

from .choices import AssignmentRole, Direction, IndicatorKind, ValueSource

MONEY = {"max_digits": 18, "decimal_places": 3}


class Plan(SearchableModel, TimeStampedModel):
    """A provincial plan implementing Program 1322 (e.g. Sóc Trăng 2021–2025, orientation 2030)."""

    scope = Scope(province="province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    SEARCH_FIELDS = ("title", "number", "symbol", "issuing_body")

    province = models.ForeignKey(Unit, verbose_name=_("tỉnh"), on_delete=models.PROTECT,
                                 related_name="plans")
    program_office = models.ForeignKey(Unit, verbose_name=_("cơ quan điều hành"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("số"), max_length=20, blank=True,
                              help_text=_("Để trống nếu bản công bố chưa ghi số."))
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.TextField(_("trích yếu"))
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    total_budget = models.DecimalField(_("tổng kinh phí (triệu đồng)"), null=True, blank=True,
                                       **MONEY)
    funding_note = models.TextField(_("nguồn kinh phí"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-id"]
        constraints = [
            Check(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="plan_years_ordered",
                                   violation_error_message=_(
                                       "Năm kết thúc phải bằng hoặc sau năm bắt đầu "
                                       "của kế hoạch.")),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.province.name}"

    @property
    def reference(self) -> str:
        """`Số 11/KH-UBND`, or `Số …/KH-UBND` when the published copy carries no number."""
        return f"{self.number or '…'}/{self.symbol}"

    def phase_for(self, year: int | None = None) -> "Phase | None":
        """The phase containing `year` (this year by default); before the first phase, the
        first; after the last, the last — the one rule every page and report uses."""
        from django.utils import timezone

        phases = list(self.phases.all())
        if not phases:
            return None
        year = year or timezone.localdate().year
        inside = next((p for p in phases if p.start_year <= year <= p.end_year), None)
        return inside or (phases[-1] if year > phases[-1].end_year else phases[0])


class Phase(models.Model):
    """A phase of a plan (giai đoạn), with the budget the plan states for it."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("tên giai đoạn"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    stated_budget = models.DecimalField(_("kinh phí ghi trong kế hoạch (triệu đồng)"), null=True,
                                        blank=True, **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["plan", "start_year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "start_year"], name="phase_unique_start",
                                                                   violation_error_message=_(
                                                                       "Kế hoạch đã có giai đoạn "
                                                                       "bắt đầu năm này.")),
            Check(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="phase_years_ordered",
                                   violation_error_message=_(
                                       "Năm kết thúc phải bằng hoặc sau năm bắt đầu "
                                       "của giai đoạn.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class TaskGroup(models.Model):
    """A group of tasks and solutions (nhiệm vụ, giải pháp) with the units assigned to it."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_groups")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("tên nhóm nhiệm vụ"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    units = models.ManyToManyField(Unit, through="TaskAssignment", related_name="task_groups")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm nhiệm vụ")
        verbose_name_plural = _("nhóm nhiệm vụ")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="taskgroup_order",
                                                                         violation_error_message=_(
                                                                             "Kế hoạch đã có nhóm "
                                                                             "nhiệm vụ ở số thứ tự "
                                                                             "này."))]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class TaskAssignment(models.Model):
    scope = Scope(province="task_group__plan__province",
                  view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    task_group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    role = models.CharField(_("vai trò"), max_length=12, choices=AssignmentRole.choices)
    note = models.CharField(_("nhiệm vụ cụ thể"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [models.UniqueConstraint(fields=["task_group", "unit"],
                                               name="assignment_unique_unit",
                                               violation_error_message=_(
                                                   "Đơn vị này đã được giao nhóm nhiệm vụ này."))]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class Indicator(TimeStampedModel):
    """An objective expressed as a measurable indicator with a target for each phase."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=40)
    kind = models.CharField(_("loại"), max_length=12, choices=IndicatorKind.choices,
                            default=IndicatorKind.COUNT)
    direction = models.CharField(_("chiều"), max_length=10, choices=Direction.choices,
                                 default=Direction.AT_LEAST)
    baseline = models.DecimalField(_("giá trị cơ sở"), null=True, blank=True, max_digits=18,
                                   decimal_places=4)
    is_cumulative = models.BooleanField(_("cộng dồn qua các năm"), default=True)
    source = models.CharField(_("nguồn số liệu"), max_length=10, choices=ValueSource.choices,
                              default=ValueSource.MANUAL)
    source_note = models.CharField(_("ghi chú nguồn"), max_length=300, blank=True)
    computation = models.CharField(_("cách tính từ dữ liệu"), max_length=40, blank=True,
                                   help_text=_("Để trống nếu số liệu được nhập tay."))
    computation_param = models.CharField(_("tham số"), max_length=40, blank=True,
                                         help_text=_("Ví dụ mã nhóm hỗ trợ: 5.1"))
    plan_wording = models.TextField(_("nguyên văn trong kế hoạch"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="indicator_order",
                                                                         violation_error_message=_(
                                                                             "Kế hoạch đã có chỉ "
                                                                             "tiêu ở số thứ tự "
                                                                             "này."))]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The target of an indicator for one phase; a range (70–75 %) has a high bound."""

    scope = Scope(province="indicator__plan__province",
                  view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(_("chỉ tiêu"), max_digits=18, decimal_places=4)
    value_high = models.DecimalField(_("cận trên"), null=True, blank=True, max_digits=18,
                                     decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu giai đoạn")
        verbose_name_plural = _("chỉ tiêu giai đoạn")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "phase"], name="target_unique_phase",
                                                                   violation_error_message=_(
                                                                       "Chỉ tiêu đã có mục tiêu "
                                                                       "cho giai đoạn này.")),
            Check(condition=models.Q(value__gte=0), name="target_not_negative",
                                                                     violation_error_message=_(
                                                                         "Giá trị mục tiêu không "
                                                                         "được âm.")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.phase}: {self.value}"


class IndicatorValue(TimeStampedModel):
    """A value reported for a year by a unit, with the source it was taken from."""

    scope = Scope(province="indicator__plan__province", unit="unit",
                  change=frozenset({PROVINCE, UNIT}))

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                             related_name="indicator_values")
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=4)
    source_note = models.CharField(_("nguồn"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        ordering = ["indicator", "year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "unit"],
                                    name="value_unique_year_unit",
                                    violation_error_message=_(
                                        "Đơn vị đã có số liệu của chỉ tiêu này cho năm này.")),
            Check(condition=models.Q(value__gte=Decimal(0)),
                                   name="value_not_negative",
                                   violation_error_message=_(
                                       "Số liệu chỉ tiêu không được âm.")),
        ]
