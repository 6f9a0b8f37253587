"""Support to beneficiaries: calls, cases and everything a case goes through —
councils, decisions, contracts, implementation, acceptance, liquidation and payment."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.budget.models import BudgetLine
from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel
from nscl.enterprises.models import Beneficiary
from nscl.organisation.models import Unit
from nscl.organisation.scoping import (
    EVERYONE,
    MEMBERS,
    NATIONAL,
    OWNER,
    PROVINCE,
    Scope,
)
from nscl.plans.models import MONEY, Plan

from .choices import (
    CallStatus,
    CaseStatus,
    CouncilKind,
    CouncilRole,
    CouncilStatus,
    DocumentKind,
)

CASE_PROVINCE = "call_category__call__plan__province"
CASE_COUNCILS = ("selection_council__members__user", "acceptance_council__members__user")


def case_scope(prefix: str = "", *, unit: bool = True, owner: bool = True, members: bool = True,
               national: bool = True) -> Scope:
    """What belongs to a case reaches the tree through the case (`prefix` leads to it)."""
    return Scope(province=prefix + CASE_PROVINCE, unit=prefix + "commune" if unit else None,
                 owner=prefix + "beneficiary__unit" if owner else None,
                 members=tuple(prefix + p for p in CASE_COUNCILS) if members else (),
                 national=national)


class SupportCategory(models.Model):
    """A support category of budget item 5: 5.1 standards … 5.4 National Quality Award."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    description = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nhóm hỗ trợ")
        verbose_name_plural = _("nhóm hỗ trợ")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SupportCall(SearchableModel, TimeStampedModel):
    """A call for applications opened by the program office for one year of a plan.

    It opens and closes at a minute (`opens_at`, `closes_at`, aware datetimes shown in the
    province's time zone): an application is taken from the opening minute up to and including
    the closing minute, never a second after (`is_open_at`).
    """

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    SEARCH_FIELDS = ("title", "description")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="calls")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên đợt"), max_length=255)
    description = models.TextField(_("nội dung hỗ trợ của đợt"), blank=True)
    eligibility = models.TextField(_("điều kiện tham gia"), blank=True)
    priorities = models.TextField(_("ưu tiên"), blank=True)
    required_documents = models.JSONField(
        _("tài liệu phải nộp kèm hồ sơ"), default=list, blank=True,
        help_text=_("Các loại tài liệu (mã loại) đối tượng phải đính kèm khi nộp hồ sơ."))
    opens_at = models.DateTimeField(_("mở nhận hồ sơ lúc"))
    closes_at = models.DateTimeField(_("hạn nộp hồ sơ"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=CallStatus.choices,
                              default=CallStatus.OPEN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt tiếp nhận hồ sơ")
        verbose_name_plural = _("đợt tiếp nhận hồ sơ")
        ordering = ["-year", "-opens_at"]
        constraints = [Check(
            condition=models.Q(closes_at__gt=models.F("opens_at")),
            name="call_closes_after_opens",
            violation_error_message=_("Hạn nộp hồ sơ phải sau thời điểm mở nhận hồ sơ."))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("support:call_detail", args=[self.pk])

    @property
    def opens_on(self):
        """The opening day in the province's time zone."""
        return timezone.localdate(self.opens_at)

    @property
    def deadline(self):
        """The closing day in the province's time zone (reminders, lists)."""
        return timezone.localdate(self.closes_at)

    def is_open_at(self, moment) -> bool:
        """Taking applications at `moment`: open, not before the opening minute, not after the
        closing minute (a deadline of 17:00 takes 17:00:59, refuses 17:01)."""
        last = self.closes_at.replace(second=59, microsecond=999999)
        return self.status == CallStatus.OPEN and self.opens_at <= moment <= last

    def required_kinds(self) -> list[str]:
        return [k for k in self.required_documents if k in DocumentKind.values]

    def required_labels(self) -> list[str]:
        return [str(DocumentKind(k).label) for k in self.required_kinds()]


class CallCategory(models.Model):
    """A category offered in a call, tied to its budget line and its unit norm (cap per case)."""

    scope = Scope(province="call__plan__province",
                  view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    call = models.ForeignKey(SupportCall, on_delete=models.CASCADE, related_name="categories")
    category = models.ForeignKey(SupportCategory, on_delete=models.PROTECT)
    budget_line = models.ForeignKey(BudgetLine, verbose_name=_("dòng dự toán"),
                                    on_delete=models.PROTECT, related_name="call_categories")
    unit_norm = models.DecimalField(_("định mức hỗ trợ mỗi lượt (triệu đồng)"), **MONEY)

    class Meta:
        verbose_name = _("nhóm hỗ trợ của đợt")
        verbose_name_plural = _("nhóm hỗ trợ của đợt")
        constraints = [models.UniqueConstraint(fields=["call", "category"],
                                               name="call_category_unique",
                                               violation_error_message=_(
                                                   "Đợt đã có nhóm hỗ trợ này."))]

    def __str__(self) -> str:
        return f"{self.category} — {self.call}"


def call_category_ids(plan, first_year: int | None = None, last_year: int | None = None):
    """The ids of a plan's call categories (a few dozen at most), optionally for some years.

    Filtering cases by `call_category_id IN (…)` keeps the case queries on one table with an
    index, instead of joining call categories and calls for 50.000 cases.
    """
    found = CallCategory.objects.filter(call__plan=plan)
    if first_year is not None:
        found = found.filter(call__year__gte=first_year)
    if last_year is not None:
        found = found.filter(call__year__lte=last_year)
    return list(found.values_list("id", flat=True))


class PriorityCriterion(models.Model):
    """A priority criterion of a plan with its weight in points (editable per plan)."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priority_criteria")
    rule = models.CharField(_("quy tắc"), max_length=30)
    label = models.CharField(_("tiêu chí ưu tiên"), max_length=200)
    points = models.PositiveSmallIntegerField(_("điểm"))

    class Meta:
        verbose_name = _("tiêu chí ưu tiên")
        verbose_name_plural = _("tiêu chí ưu tiên")
        constraints = [models.UniqueConstraint(fields=["plan", "rule"], name="criterion_unique",
                                                                        violation_error_message=_(
                                                                            "Kế hoạch đã có tiêu "
                                                                            "chí ưu tiên này."))]

    def __str__(self) -> str:
        return self.label


class Council(SearchableModel, TimeStampedModel):
    """A selection or acceptance council formed by a decision of the program office."""

    scope = Scope(province="plan__province", members=("members__user",))

    SEARCH_FIELDS = ("name", "decision_number")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="councils")
    kind = models.CharField(_("loại hội đồng"), max_length=12, choices=CouncilKind.choices)
    name = models.CharField(_("tên hội đồng"), max_length=255)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=40)
    decision_date = models.DateField(_("ngày quyết định"))
    minutes = models.TextField(_("biên bản họp"), blank=True)
    meeting_on = models.DateField(_("ngày họp"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm họp"), max_length=255, blank=True)
    # the decision as concluded (each case's average, priority, total, proposed or not and
    # why), kept because the cases move on and the minutes must say what was decided then
    result = models.JSONField(_("kết quả xét chọn"), default=list, blank=True)
    concluded_at = models.DateTimeField(_("kết luận lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=CouncilStatus.choices,
                              default=CouncilStatus.FORMED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        ordering = ["-decision_date"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("support:council_detail", args=[self.pk])


class CouncilMember(models.Model):
    scope = Scope(province="council__plan__province", members=("council__members__user",))

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="council_seats")
    role = models.CharField(_("vai trò"), max_length=12, choices=CouncilRole.choices)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="member_unique",
                                                                           violation_error_message=_(
                                                                               "Người này đã là "
                                                                               "thành viên của hội "
                                                                               "đồng."))]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ApprovalDecision(TimeStampedModel):
    """The provincial People's Committee's decision approving a list of cases and amounts."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE}))

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="approval_decisions")
    number = models.CharField(_("số quyết định"), max_length=40)
    date = models.DateField(_("ngày quyết định"))
    signed_by = models.CharField(_("người ký"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("quyết định phê duyệt")
        verbose_name_plural = _("quyết định phê duyệt")
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="approval_unique_number",
                                               violation_error_message=_(
                                                   "Kế hoạch đã có quyết định phê duyệt mang số "
                                                   "này."))]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class SupportCase(SearchableModel, TimeStampedModel):
    """One application and everything that follows it, up to the contract's liquidation."""

    scope = case_scope()

    SEARCH_FIELDS = ("content", "code")

    code = models.CharField(_("mã hồ sơ"), max_length=30, unique=True)
    call_category = models.ForeignKey(CallCategory, verbose_name=_("nhóm hỗ trợ"),
                                      on_delete=models.PROTECT, related_name="cases")
    beneficiary = models.ForeignKey(Beneficiary, verbose_name=_("đối tượng thụ hưởng"),
                                    on_delete=models.PROTECT, related_name="cases")
    commune = models.ForeignKey(Unit, verbose_name=_("xã, phường khi nộp hồ sơ"),
                                on_delete=models.PROTECT, related_name="support_cases",
                                help_text=_("Nơi đối tượng hoạt động lúc nộp hồ sơ; giữ nguyên "
                                            "nếu sau này đối tượng chuyển địa chỉ."))
    content = models.CharField(_("nội dung đề nghị hỗ trợ"), max_length=300)
    consultant = models.CharField(_("đơn vị tư vấn"), max_length=200, blank=True)
    estimated_cost = models.DecimalField(_("tổng chi phí dự kiến (triệu đồng)"), **MONEY)
    requested_amount = models.DecimalField(_("kinh phí đề nghị hỗ trợ (triệu đồng)"), **MONEY)
    commitment_signed = models.BooleanField(_("đã ký Bảng đăng ký và cam kết"), default=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=CaseStatus.choices,
                              default=CaseStatus.SUBMITTED, db_index=True)
    submitted_on = models.DateField(_("ngày nộp"))
    priority_points = models.PositiveSmallIntegerField(_("điểm ưu tiên"), default=0)
    priority_explained = models.JSONField(_("giải thích điểm ưu tiên"), default=list, blank=True)
    selection_council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="selection_cases")
    acceptance_council = models.ForeignKey(Council, null=True, blank=True,
                                           on_delete=models.PROTECT,
                                           related_name="acceptance_cases")
    approval = models.ForeignKey(ApprovalDecision, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    approved_amount = models.DecimalField(_("kinh phí được duyệt (triệu đồng)"), null=True,
                                          blank=True, **MONEY)
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ hỗ trợ")
        verbose_name_plural = _("hồ sơ hỗ trợ")
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["call_category", "status", "accepted_on"]),
                   models.Index(fields=["commune", "call_category", "status"])]
        constraints = [
            Check(condition=models.Q(requested_amount__lte=models.F(
                "estimated_cost")), name="case_request_within_cost",
                                    violation_error_message=_(
                                        "Kinh phí đề nghị hỗ trợ không được vượt chi phí "
                                        "dự kiến.")),
            Check(condition=models.Q(requested_amount__gt=0),
                                   name="case_request_positive",
                                   violation_error_message=_(
                                       "Kinh phí đề nghị hỗ trợ phải lớn hơn 0.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.beneficiary.name}"

    def get_absolute_url(self) -> str:
        return reverse("support:case_detail", args=[self.pk])

    @property
    def plan(self) -> Plan:
        return self.call_category.call.plan


class CaseDocument(TimeStampedModel):
    """A file attached to a case: at application (the call's required documents) or at a later
    step (a certificate, minutes, acceptance records). Stored through Django's storage API and
    served only by the scoped download view — never from MEDIA_URL."""

    # Opened by those who handle the case — the province's office (the "change" reach: the
    # province's writers, not every reader there), the beneficiary, and a council member only
    # once they declared no conflict of interest with the applicant (`ConflictDeclaration`).
    scope = Scope(province="case__" + CASE_PROVINCE, owner="case__beneficiary__unit",
                  members=("case__conflict_declarations__cleared",), national=False,
                  change=frozenset({PROVINCE, OWNER, MEMBERS}))

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=24, choices=DocumentKind.choices,
                            default=DocumentKind.OTHER)
    stage = models.CharField(_("bước của hồ sơ"), max_length=20, choices=CaseStatus.choices,
                             blank=True, help_text=_("Trạng thái của hồ sơ khi tài liệu được "
                                                     "đính kèm."))
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="support/%Y/")
    original_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu nội dung"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class ScoringCriterion(models.Model):
    """One criterion the selection council scores by, with its maximum points: a set per plan,
    or per call when the call sets its own (the call's set then replaces the plan's)."""

    scope = Scope(province="plan__province", view=frozenset({NATIONAL, PROVINCE, EVERYONE}))

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="scoring_criteria")
    call = models.ForeignKey(SupportCall, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="scoring_criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    label = models.CharField(_("tiêu chí chấm điểm"), max_length=300)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["order", "pk"]
        constraints = [Check(condition=models.Q(max_points__gt=0),
                                              name="criterion_max_positive",
                                              violation_error_message=_(
                                                  "Điểm tối đa của tiêu chí phải lớn hơn 0."))]

    def __str__(self) -> str:
        return f"{self.order}. {self.label} ({self.max_points})"


class ConflictDeclaration(TimeStampedModel):
    """A council member's declaration, before opening an application, that they have no conflict
    of interest with the applicant — or that they have one, and are excluded from the case."""

    # the office and the council; never the beneficiary (who declared what stays internal)
    scope = case_scope("case__", unit=False, owner=False, national=False)

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE,
                             related_name="conflict_declarations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT,
                               related_name="declarations")
    has_conflict = models.BooleanField(_("có xung đột lợi ích"))
    relation = models.TextField(_("quan hệ với đối tượng đề nghị hỗ trợ"), blank=True)
    # the member's account when they declared no conflict, else empty: the path by which their
    # seat reaches the case's documents (`CaseDocument.scope`)
    cleared = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("cam kết không xung đột lợi ích")
        verbose_name_plural = _("cam kết không xung đột lợi ích")
        constraints = [
            models.UniqueConstraint(fields=["case", "member"], name="declaration_once",
                                                               violation_error_message=_(
                                                                   "Thành viên đã khai xung đột "
                                                                   "lợi ích cho hồ sơ này.")),
            Check(
                condition=models.Q(has_conflict=True, cleared__isnull=True)
                | models.Q(has_conflict=False, cleared__isnull=False),
                name="declaration_cleared_only_without_conflict",
                violation_error_message=_(
                    "Chỉ xác nhận được khi thành viên khai không có xung đột lợi ích.")),
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.member}"


class Score(TimeStampedModel):
    """A council member's score of a case assigned to their council: the total of their points
    by criterion (`ScoreItem`), final once submitted."""

    # a beneficiary sees the council's result, never the members' scores
    scope = case_scope("case__", unit=False, owner=False, national=False)

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="scores")
    points = models.PositiveSmallIntegerField(_("điểm"))
    comment = models.TextField(_("nhận xét"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        constraints = [
            models.UniqueConstraint(fields=["case", "member"], name="score_unique_member",
                                                               violation_error_message=_(
                                                                   "Thành viên đã nộp phiếu chấm "
                                                                   "cho hồ sơ này.")),
            Check(condition=models.Q(points__lte=100), name="score_max_100",
                                                                        violation_error_message=_(
                                                                            "Tổng điểm tối đa là "
                                                                            "100.")),
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.points}"


class ScoreItem(models.Model):
    """The points and the comment a member gave one criterion."""

    scope = case_scope("score__case__", unit=False, owner=False, national=False)

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT,
                                  related_name="items")
    points = models.PositiveSmallIntegerField(_("điểm"))
    comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        verbose_name_plural = _("điểm theo tiêu chí")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["score", "criterion"],
                                               name="score_item_once",
                                               violation_error_message=_(
                                                   "Phiếu chấm đã có điểm của tiêu chí này."))]

    def __str__(self) -> str:
        return f"{self.criterion.label}: {self.points}"


class Contract(TimeStampedModel):
    """The support contract of a case (one per case)."""

    scope = case_scope("case__")

    case = models.OneToOneField(SupportCase, on_delete=models.PROTECT, related_name="contract")
    number = models.CharField(_("số hợp đồng"), max_length=40, unique=True)
    signed_on = models.DateField(_("ngày ký"))
    year = models.PositiveSmallIntegerField(_("năm ngân sách"))
    amount = models.DecimalField(_("kinh phí hỗ trợ (triệu đồng)"), **MONEY)
    content = models.TextField(_("nội dung"))
    deadline = models.DateField(_("thời hạn hoàn thành"))
    consultant = models.CharField(_("đơn vị tư vấn"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hợp đồng hỗ trợ")
        verbose_name_plural = _("hợp đồng hỗ trợ")
        constraints = [Check(condition=models.Q(amount__gt=0),
                                              name="contract_amount_positive",
                                              violation_error_message=_(
                                                  "Kinh phí hợp đồng phải lớn hơn 0."))]

    def __str__(self) -> str:
        return self.number


class CaseNote(TimeStampedModel):
    """A dated record along the way: a progress report, a monitoring visit, an amendment."""

    scope = case_scope("case__")

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Báo cáo tiến độ")
        VISIT = "visit", _("Kiểm tra, giám sát")
        AMENDMENT = "amendment", _("Điều chỉnh, gia hạn")

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = _("ghi nhận thực hiện")
        verbose_name_plural = _("ghi nhận thực hiện")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Outcome(TimeStampedModel):
    """What acceptance recorded: certificate obtained and before/after figures."""

    scope = case_scope("case__")

    case = models.OneToOneField(SupportCase, on_delete=models.CASCADE, related_name="outcome")
    passed = models.BooleanField(_("đạt"))
    standard = models.CharField(_("tiêu chuẩn, hệ thống"), max_length=120, blank=True)
    certificate_number = models.CharField(_("số chứng nhận"), max_length=60, blank=True)
    certifier = models.CharField(_("tổ chức chứng nhận"), max_length=160, blank=True)
    certified_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    award_won = models.BooleanField(_("đạt Giải thưởng Chất lượng Quốc gia"), default=False)
    revenue_before = models.DecimalField(_("doanh thu trước (triệu đồng)"), null=True, blank=True,
                                         **MONEY)
    revenue_after = models.DecimalField(_("doanh thu sau (triệu đồng)"), null=True, blank=True,
                                        **MONEY)
    workers_before = models.PositiveIntegerField(_("lao động trước"), null=True, blank=True)
    workers_after = models.PositiveIntegerField(_("lao động sau"), null=True, blank=True)
    output_before = models.DecimalField(_("sản lượng trước"), null=True, blank=True, **MONEY)
    output_after = models.DecimalField(_("sản lượng sau"), null=True, blank=True, **MONEY)
    defect_rate_before = models.DecimalField(_("tỷ lệ lỗi trước (%)"), null=True, blank=True,
                                             max_digits=6, decimal_places=2)
    defect_rate_after = models.DecimalField(_("tỷ lệ lỗi sau (%)"), null=True, blank=True,
                                            max_digits=6, decimal_places=2)
    energy_before = models.DecimalField(_("năng lượng trước (kWh/năm)"), null=True, blank=True,
                                        **MONEY)
    energy_after = models.DecimalField(_("năng lượng sau (kWh/năm)"), null=True, blank=True,
                                       **MONEY)
    remarks = models.TextField(_("kết luận của hội đồng"), blank=True)

    class Meta:
        verbose_name = _("kết quả nghiệm thu")
        verbose_name_plural = _("kết quả nghiệm thu")

    def __str__(self) -> str:
        return f"{self.case.code}: {_('đạt') if self.passed else _('không đạt')}"


class Payment(TimeStampedModel):
    """A payment on liquidation, booked against the budget line and year of the contract."""

    scope = case_scope("contract__case__", members=False)

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="payments")
    liquidation_number = models.CharField(_("số biên bản thanh lý"), max_length=40)
    paid_on = models.DateField(_("ngày chi"))
    year = models.PositiveSmallIntegerField(_("năm ngân sách"))
    amount = models.DecimalField(_("số tiền (triệu đồng)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")
        constraints = [Check(condition=models.Q(amount__gt=0),
                                              name="payment_amount_positive",
                                              violation_error_message=_(
                                                  "Số tiền thanh toán phải lớn hơn 0."))]

    def __str__(self) -> str:
        return f"{self.contract.number}: {self.amount}"

    @property
    def carried_over(self) -> bool:
        """Paid after its budget year, from money carried over (ADR 12)."""
        return self.paid_on.year > self.year


