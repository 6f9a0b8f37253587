"""Units of the administration and the people who work in them.

The unit tree is Ministry → province → departments and communes. Vietnam's two-tier map since
1 July 2025 comes from the `vietnam-provinces` dataset; provinces dissolved by the 2025 reform are
kept as units with a validity end and a successor, placed in the tree *under their successor* so
that old plans and budgets stay attached to the unit that issued them while rolling up into the
province that exists today (see docs/adr/0002-unit-tree.md).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel

from .choices import Role, UnitKind
from .scoping import Scope


class Unit(SearchableModel, TimeStampedModel):
    """An organisation unit: the Ministry, a province, a department, a commune, an association."""

    SEARCH_FIELDS = ("name", "code")
    scope = Scope(province="", unit="", owner="")

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    division_type = models.CharField(_("loại đơn vị hành chính"), max_length=40, blank=True)
    admin_code = models.CharField(_("mã hành chính"), max_length=10, blank=True,
                                  help_text=_("Mã của Tổng cục Thống kê, nếu có."))
    parent = models.ForeignKey("self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="predecessors")
    source = models.CharField(_("nguồn dữ liệu"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            Check(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="unit_validity_ordered",
                violation_error_message=_(
                    "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực của đơn vị."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_until is None

    @property
    def depth(self) -> int:
        return self.path.strip("/").count("/")

    def province_path(self) -> str:
        """The path of the current province this unit belongs to (itself, for a province)."""
        parts = self.path.strip("/").split("/")
        return "/" + "/".join(parts[:2]) + "/" if len(parts) >= 2 else self.path

    def province(self) -> "Unit":
        """The current province this unit belongs to (itself, for a province)."""
        return Unit.objects.get(path=self.province_path())


class User(AbstractUser):
    """A person with one role in one unit; the role and the unit decide what they see."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="users")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username
