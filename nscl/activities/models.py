"""Activities: events (workshops, trainings, study visits, communication products), who took
part, productivity experts trained and certified, and National Quality Award entries."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.budget.models import BudgetLine
from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel
from nscl.organisation.models import Unit
from nscl.organisation.scoping import (
    NATIONAL,
    PROVINCE,
    UNIT,
    Scope,
)
from nscl.plans.models import MONEY, Plan

from .choices import AwardResult, EventKind, ParticipantKind


class Topic(models.Model):
    """A managed topic (ISO 9001, 5S, GS1 barcodes and traceability …)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("chủ đề"), max_length=120)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(SearchableModel, TimeStampedModel):
    """One activity of a plan; participants counted by kind, cost booked on a budget line."""

    scope = Scope(province="plan__province", unit="organiser", change=frozenset({PROVINCE, UNIT}))

    SEARCH_FIELDS = ("title", "place", "co_organisers")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("loại hoạt động"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True)
    organiser = models.ForeignKey(Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                                  related_name="events_organised")
    co_organisers = models.CharField(_("đơn vị phối hợp"), max_length=300, blank=True,
                                     help_text=_("Ví dụ: Viện Năng suất Việt Nam; GS1 Việt Nam"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    enterprises = models.PositiveIntegerField(_("doanh nghiệp"), default=0)
    cooperatives = models.PositiveIntegerField(_("hợp tác xã"), default=0)
    households = models.PositiveIntegerField(_("hộ kinh doanh"), default=0)
    officials = models.PositiveIntegerField(_("cán bộ, công chức"), default=0)
    lecturers = models.PositiveIntegerField(_("giảng viên"), default=0)
    students = models.PositiveIntegerField(_("sinh viên"), default=0)
    cost = models.DecimalField(_("kinh phí (triệu đồng)"), null=True, blank=True, **MONEY)
    budget_line = models.ForeignKey(BudgetLine, verbose_name=_("dòng dự toán"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="events")
    history = HistoricalRecords()

    COUNT_FIELDS = ("enterprises", "cooperatives", "households", "officials", "lecturers",
                    "students")

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-starts_on", "-id"]
        constraints = [
            Check(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="event_dates_ordered",
                                   violation_error_message=_(
                                       "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu hoạt động.")),
            Check(condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                                   name="event_cost_not_negative",
                                   violation_error_message=_(
                                       "Kinh phí hoạt động không được âm.")),
        ]
        indexes = [models.Index(fields=["plan", "kind", "starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def participants(self) -> int:
        return sum(getattr(self, f) for f in self.COUNT_FIELDS)


class Participant(SearchableModel, TimeStampedModel):
    """A person who attended: one row per person, however many events they attended."""

    scope = Scope(province="province", national=False)  # personal data: the province's own

    SEARCH_FIELDS = ("full_name", "organisation")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    organisation = models.CharField(_("đơn vị công tác"), max_length=200, blank=True)
    kind = models.CharField(_("đối tượng"), max_length=12, choices=ParticipantKind.choices)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    province = models.ForeignKey(Unit, verbose_name=_("tỉnh thu thập"), on_delete=models.PROTECT,
                                 related_name="participants")
    person_key = models.CharField(_("khóa nhận diện"), max_length=255, editable=False)

    class Meta:
        verbose_name = _("người tham dự")
        verbose_name_plural = _("người tham dự")
        constraints = [models.UniqueConstraint(fields=["province", "person_key"],
                                               name="participant_unique_per_province",
                                               violation_error_message=_(
                                                   "Người tham dự này đã có trong danh sách của "
                                                   "tỉnh."))]

    def __str__(self) -> str:
        return self.full_name


class Attendance(models.Model):
    scope = Scope(province="event__plan__province", unit="event__organiser", national=False,
                  change=frozenset({PROVINCE, UNIT}))

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT,
                                    related_name="attendances")

    class Meta:
        verbose_name = _("lượt tham dự")
        verbose_name_plural = _("lượt tham dự")
        constraints = [models.UniqueConstraint(fields=["event", "participant"],
                                               name="attendance_unique",
                                               violation_error_message=_(
                                                   "Người này đã có trong danh sách tham dự hoạt "
                                                   "động."))]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.event}"


class Expert(TimeStampedModel):
    """A productivity expert trained and certified under a plan."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE}))

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="experts")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    employer = models.CharField(_("đơn vị công tác"), max_length=200)
    course = models.ForeignKey(Event, verbose_name=_("khóa đào tạo"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="experts")
    certificate_number = models.CharField(_("số chứng chỉ"), max_length=60)
    certified_on = models.DateField(_("ngày cấp"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyên gia năng suất")
        verbose_name_plural = _("chuyên gia năng suất")
        constraints = [models.UniqueConstraint(fields=["certificate_number"],
                                               name="expert_unique_certificate",
                                               violation_error_message=_(
                                                   "Đã có chuyên gia mang số chứng chỉ này."))]

    def __str__(self) -> str:
        return self.full_name


class AwardEntry(TimeStampedModel):
    """A National Quality Award entry of a beneficiary, and its result."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE}))

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="award_entries")
    organisation = models.CharField(_("doanh nghiệp"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    result = models.CharField(_("kết quả"), max_length=8, choices=AwardResult.choices)
    award_name = models.CharField(_("giải"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("tham dự Giải thưởng Chất lượng Quốc gia")
        verbose_name_plural = _("tham dự Giải thưởng Chất lượng Quốc gia")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.year})"
